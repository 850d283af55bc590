import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { fetchJson, ProblemError, queryString } from "@/components/data/api-client";
import { encodeJustificationHeader, justificationHeader } from "@/lib/http/read-justification-header";
import type { TLedgerSearchParams } from "@/lib/ledger-search/ledger-search-filters";
import type { TLedgerSearchPage } from "@/lib/ledger-search/search-ledger";
import type { TSearchReasonView } from "@/lib/ledger-search/search-reason";

// Ledger search's resource for TanStack Query: its pages (infinite, keyset cursors), each fetch a
// ledger read recorded with the reason. Fetched when asked for and kept (no refetch on focus, no
// retry, no abort: the server records a read when it starts, so a read cut short would be
// recorded twice for one look). The justification travels in a header, never in a URL, so no
// link (here or on another site) can make a read in someone's name with words they did not give.

const reasonKey = (reason: TSearchReasonView) =>
  reason.kind === "investigation" ? `investigation:${reason.investigationId}` : `justification:${reason.justification}`;

/** The reason as the API takes it: the investigation's id in the URL, or the justification header. */
function reasonRequest(reason: TSearchReasonView): { params: Record<string, string>; headers: Record<string, string> } {
  return reason.kind === "investigation"
    ? { params: { investigation: reason.investigationId }, headers: {} }
    : { params: {}, headers: { [justificationHeader]: encodeJustificationHeader(reason.justification) } };
}

export function ledgerSearchQuery(params: TLedgerSearchParams, reason: TSearchReasonView) {
  const { params: reasonParams, headers } = reasonRequest(reason);
  return infiniteQueryOptions({
    queryKey: ["ledger", "search", params, reasonKey(reason)],
    queryFn: ({ pageParam }) =>
      fetchJson<TLedgerSearchPage>(`/api/v1/ledger/events?${queryString({ ...params, ...reasonParams, cursor: pageParam })}`, {
        what: "The search",
        headers,
      }),
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

/** The export's address: the view's filters (and the investigation, if that is the reason). */
export function ledgerExportHref(format: "csv" | "ndjson", params: TLedgerSearchParams, reason: TSearchReasonView): string {
  return `/api/v1/ledger/events/export?${queryString({ format, ...params, ...reasonRequest(reason).params })}`;
}

/**
 * Downloads the export with the reason (the justification header cannot ride on a plain link):
 * fetched, then saved under the server's file name. The export is recorded once, by this request.
 */
export async function downloadLedgerExport(
  format: "csv" | "ndjson",
  params: TLedgerSearchParams,
  reason: TSearchReasonView,
): Promise<void> {
  const response = await fetch(ledgerExportHref(format, params, reason), { headers: reasonRequest(reason).headers, cache: "no-store" });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new ProblemError(response.status, problem?.detail ?? `The export could not be made (HTTP ${response.status}).`);
  }
  const filename = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? `ledger-search.${format}`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start saving before the object URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
