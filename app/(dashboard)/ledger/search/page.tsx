import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/page-header";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { hasCapability } from "@/lib/authz/permissions";
import { ledgerSearchFilterValues, parseLedgerSearchFilters } from "@/lib/ledger-search/ledger-search-filters";
import { listReasonInvestigations } from "@/lib/ledger-search/list-reason-investigations";
import { readSearchReason } from "@/lib/ledger-search/search-reason-cookie";
import { LedgerTabs } from "../_components/ledger-tabs";
import { JustificationForm } from "./_components/justification-form";
import { LedgerSearchResults, LedgerSearchSkeleton } from "./_components/ledger-search-results";

export const metadata: Metadata = { title: "Ledger search" };

/**
 * Raw search of the whole ledger. No event is read until the person has said why they are
 * searching (kept for the session); then the first page is read here and hydrated, and further
 * pages and searches come from the JSON route, which refuses without a reason.
 */
export default async function LedgerSearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePageAccess("/ledger/search");
  const { filters, ignored } = parseLedgerSearchFilters(await searchParams);
  const reason = await readSearchReason({ principal });
  return (
    <>
      <PageHeader
        title="Ledger search"
        description="Every entry of the ledger, across all artifacts and sources: registry, pipelines, storage, serving, and what people did in Custody. Filter by time, actor, action, outcome, source, interface, environment, artifact, digest or any text. Each query is itself recorded in the ledger, with the reason you give."
      />
      <LedgerTabs current="search" roles={principal.roles} />
      {ignored.length > 0 ? (
        <p role="alert" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Some filters in the address were not understood and were ignored:{" "}
          {ignored.map((issue) => `${issue.field} (${issue.message})`).join("; ")}
        </p>
      ) : null}
      {reason ? (
        <Suspense fallback={<LedgerSearchSkeleton />}>
          {/* The filters as the browser's hooks read them (use-ledger-search-params.ts), so the prefetched key matches. */}
          <LedgerSearchResults
            principal={principal}
            params={ledgerSearchFilterValues(filters)}
            reason={reason}
            canReadProofs={hasCapability(principal.roles, "ledger.read")}
          />
        </Suspense>
      ) : (
        <JustificationForm investigations={await listReasonInvestigations({ principal })} />
      )}
    </>
  );
}
