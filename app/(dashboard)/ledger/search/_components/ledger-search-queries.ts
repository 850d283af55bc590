import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/ledger-event/ledger-queries";
import type { TLedgerSearchParams } from "@/lib/ledger-search/ledger-search-filters";
import type { TLedgerSearchPage } from "@/lib/ledger-search/search-ledger";
import { searchReasonParams, type TSearchReasonView } from "@/lib/ledger-search/search-reason";

// Ledger search's resource for TanStack Query: its pages (infinite, keyset cursors), each fetch a
// ledger read recorded with the reason. Fetched when asked for and kept (no refetch on focus, no
// retry, no abort: the server records a read when it starts, so a read cut short would be
// recorded twice for one look).

function query(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  return search.toString();
}

const reasonKey = (reason: TSearchReasonView) => (reason.kind === "investigation" ? `investigation:${reason.investigationId}` : `justification:${reason.justification}`);

export function ledgerSearchQuery(params: TLedgerSearchParams, reason: TSearchReasonView) {
  return infiniteQueryOptions({
    queryKey: ["ledger", "search", params, reasonKey(reason)],
    queryFn: ({ pageParam }) => fetchJson<TLedgerSearchPage>(`/api/v1/ledger/events?${query({ ...params, ...searchReasonParams(reason), cursor: pageParam })}`, undefined, "The search"),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
  });
}

export function useLedgerSearch(params: TLedgerSearchParams, reason: TSearchReasonView) {
  return useInfiniteQuery(ledgerSearchQuery(params, reason));
}

/** The current view's filters as a download (the export is recorded with the same reason). */
export function ledgerExportHref(format: "csv" | "ndjson", params: TLedgerSearchParams, reason: TSearchReasonView): string {
  return `/api/v1/ledger/events/export?${query({ format, ...params, ...searchReasonParams(reason) })}`;
}
