import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createServerQueryClient, toJson } from "@/components/data/server-query-client";
import type { TPrincipal } from "@/lib/auth/principal";
import type { TLedgerSearchParams } from "@/lib/ledger-search/ledger-search-filters";
import type { TSearchReasonView } from "@/lib/ledger-search/search-reason";
import { searchLedger } from "@/lib/ledger-search/search-ledger";
import { ledgerSearchQuery } from "./ledger-search-queries";
import { LedgerSearchView } from "./ledger-search-view";

/**
 * The search once a reason is given, its first page prefetched with the browser's query key: one
 * recorded ledger read, with the reason the session gave, which the browser then does not repeat.
 * Also the render a reason given or taken back answers with (the action sets the cookie and
 * Next.js re-renders the page), so that first search is read here, once.
 */
export async function LedgerSearchResults({
  principal,
  params,
  reason,
  canReadProofs,
}: {
  principal: TPrincipal;
  params: TLedgerSearchParams;
  reason: TSearchReasonView;
  canReadProofs: boolean;
}) {
  const queryClient = createServerQueryClient();
  // The reason as the JSON route takes it: the investigation's id, or the justification header's text.
  const given = reason.kind === "investigation" ? { investigationId: reason.investigationId } : { justification: reason.justification };
  await queryClient.prefetchInfiniteQuery({
    ...ledgerSearchQuery(params, reason),
    queryFn: async () => toJson(await searchLedger({ principal, filters: params, cursor: null, reason: given })),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <LedgerSearchView reason={reason} canReadProofs={canReadProofs} />
    </HydrationBoundary>
  );
}

/** While the first page is read: where the reason, the filters and the entries will be. */
export function LedgerSearchSkeleton() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <div className="h-12 animate-pulse rounded-md border border-indigo-200 bg-indigo-50" />
      <div className="h-28 animate-pulse rounded-lg border border-slate-200 bg-white" />
      <div className="h-72 animate-pulse rounded-lg border border-slate-200 bg-white" />
      <p className="text-sm text-slate-600">Searching the ledger…</p>
    </div>
  );
}
