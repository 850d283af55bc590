"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import {
  ledgerSearchFilterValues,
  parseLedgerSearchFilters,
  type TLedgerSearchFilterKey,
  type TLedgerSearchParams,
} from "@/lib/ledger-search/ledger-search-filters";

/**
 * Ledger search's state in the URL: the filters and the open event, so a link reproduces the
 * view (the reason is not in it: whoever opens the link is asked for their own). A new search
 * is a history entry (Back returns to the previous one); opening an event replaces the entry.
 * Written with the History API, which the Next.js router follows without a server round trip:
 * the events come from the JSON route, each read recorded there.
 */
export function useLedgerSearchParams() {
  const pathname = usePathname();
  const serialized = useSearchParams().toString();
  // Only what parses: the page has already said which values it ignored.
  const params: TLedgerSearchParams = useMemo(
    () => ledgerSearchFilterValues(parseLedgerSearchFilters(new URLSearchParams(serialized)).filters),
    [serialized],
  );
  // The open event follows a click at once, even before the URL has caught up.
  const [pendingEvent, setPendingEvent] = useState<{ from: string; seq: string | null } | null>(null);
  const fromUrl = useMemo(() => new URLSearchParams(serialized).get("event"), [serialized]);
  const selectedSeq = pendingEvent && pendingEvent.from === serialized ? pendingEvent.seq : fromUrl;

  const write = useCallback(
    (next: URLSearchParams, mode: "push" | "replace") => {
      const text = next.toString();
      const url = text ? `${pathname}?${text}` : pathname;
      if (mode === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [pathname],
  );

  /** A new search: these filters replace the old ones, and no event is open. */
  const search = useCallback(
    (filters: TLedgerSearchParams) => {
      const next = new URLSearchParams();
      for (const [key, value] of Object.entries(ledgerSearchFilterValues(filters)) as [TLedgerSearchFilterKey, string][])
        next.set(key, value);
      setPendingEvent({ from: serialized, seq: null });
      write(next, "push");
    },
    [serialized, write],
  );

  const openEvent = useCallback(
    (seq: string | null) => {
      const next = new URLSearchParams(window.location.search);
      if (seq) next.set("event", seq);
      else next.delete("event");
      setPendingEvent({ from: serialized, seq });
      write(next, "replace");
    },
    [serialized, write],
  );

  return { params, selectedSeq, search, openEvent };
}
