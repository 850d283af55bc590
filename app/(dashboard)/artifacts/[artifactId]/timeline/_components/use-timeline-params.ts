"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { parseTimelineFilters, timelineFilterValues, type TTimelineFilterKey } from "@/lib/timeline/timeline-filters";
import type { TTimelineParams } from "./timeline-queries";

/**
 * The timeline's state lives in the URL only (filters and the open event), so a link reproduces
 * the view. Changes replace the history entry (Back is not flooded) without a server round trip:
 * the Next.js router follows history.replaceState and useSearchParams updates, while router.replace
 * would re-render the page on the server, reading (and recording) the version history again for
 * every filter click. The events themselves come from the JSON route, each read recorded there.
 */
export function useTimelineParams() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const serialized = searchParams.toString();

  // Only what parses: the page has already said which values it ignored.
  const params: TTimelineParams = useMemo(
    () => timelineFilterValues(parseTimelineFilters(new URLSearchParams(serialized)).filters),
    [serialized],
  );
  // The open event follows a click at once, even before the URL has caught up.
  const [pendingEvent, setPendingEvent] = useState<{ from: string; seq: string | null } | null>(null);
  const fromUrl = useMemo(() => new URLSearchParams(serialized).get("event"), [serialized]);
  const selectedSeq = pendingEvent && pendingEvent.from === serialized ? pendingEvent.seq : fromUrl;
  // Opened from an investigation: every read made from here is recorded with it as the justification.
  const investigation = useMemo(() => new URLSearchParams(serialized).get("investigation"), [serialized]);

  const update = useCallback(
    (patch: Partial<Record<TTimelineFilterKey | "event", string | null | undefined>>) => {
      if ("event" in patch) setPendingEvent({ from: serialized, seq: patch.event ?? null });
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(patch)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const text = next.toString();
      window.history.replaceState(null, "", text ? `${pathname}?${text}` : pathname);
    },
    [pathname, serialized],
  );

  return { params, selectedSeq, investigation, update, pending: false };
}
