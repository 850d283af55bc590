import type { Metadata } from "next";
import { Crumb, PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { Card } from "@/components/ui/card";
import { formatDate } from "@/components/format/format";
import { requirePageAccess } from "@/lib/auth/require-page-access";
import { getTotpStatus } from "@/lib/auth/totp/get-totp-status";
import { hasCapability } from "@/lib/authz/permissions";
import { grantActionLabels } from "@/lib/access/grant-vocabulary";
import { listArtifactsOfProjects, listReviewerOptions, listRiskOwnerOptions } from "@/lib/reviews/list-review-form-options";
import { listReviewItems } from "@/lib/reviews/list-review-items";
import { parseReviewItemFilters, type TReviewItemFilters } from "@/lib/reviews/review-item-filters";
import { reviewRecommendationLabels, reviewUsageFilterLabels } from "@/lib/reviews/review-vocabulary";
import { CampaignStatusBadge } from "../../_components/review-badges";
import { NoticeProvider } from "@/components/ui/notice";
import { loadCampaign } from "../load-campaign";
import { BulkDecisionBar } from "./_components/bulk-decision-bar";
import { ItemFilterBar, type TItemFilterValues } from "./_components/item-filter-bar";
import { ItemsTable } from "./_components/items-table";
import { SignOffPanel } from "./_components/sign-off-panel";

export const metadata: Metadata = { title: "Review items" };

export default async function ReviewItemsPage({
  params,
  searchParams,
}: {
  params: Promise<{ campaignId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { campaignId } = await params;
  const principal = await requirePageAccess("/reviews/[campaignId]/items", `/reviews/${campaignId}/items`);
  const campaign = await loadCampaign(principal, campaignId);
  const { filters, ignored } = parseReviewItemFilters(await searchParams);
  const seesAll = hasCapability(principal.roles, "reviews.view");
  const list = await listReviewItems({ principal, campaignId, filters });
  const active = campaign.status === "active";
  const reviews = hasCapability(principal.roles, "reviews.review") && campaign.mine.left > 0;
  const manages = campaign.can.reassign;
  const [totp, riskOwners, people, artifactsByProject] = await Promise.all([
    reviews ? getTotpStatus({ principal }) : null,
    reviews ? listRiskOwnerOptions({ principal }) : [],
    active && (reviews || manages) ? listReviewerOptions({ principal }) : [],
    reviews
      ? listArtifactsOfProjects({
          principal,
          projectIds: list.rows
            .filter((row) => row.scopeType === "project" && row.reviewerId === principal.userId)
            .map((row) => row.projectId),
        })
      : {},
  ]);
  const values = filterValues(filters);
  return (
    <NoticeProvider>
      <PageHeader
        eyebrow={
          <>
            <Crumb href="/reviews">Access reviews</Crumb> · <Crumb href={`/reviews/${campaign.id}`}>{campaign.name}</Crumb>
          </>
        }
        title="Review items"
        description={
          <>
            Due {formatDate(campaign.dueAt)} · <CampaignStatusBadge status={campaign.status} /> · usage evidence as of{" "}
            {campaign.launchedAt ? formatDate(campaign.launchedAt) : "launch"}, from the ledger: the last use of this action on this scope,
            and how often in the 90 days before.
          </>
        }
      />
      {reviews && active ? (
        <SignOffPanel
          campaignId={campaign.id}
          left={campaign.mine.left}
          decided={campaign.mine.decided}
          byDecision={campaign.mine.byDecision}
          enrolled={totp?.enrolled ?? false}
          stepUpValidUntil={totp?.stepUpValidUntil?.toISOString() ?? null}
        />
      ) : null}
      {campaign.status === "closed" ? (
        <p className="mb-4 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
          This campaign is closed and read-only.
        </p>
      ) : null}
      {ignored.length > 0 ? (
        <p role="alert" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Some filters in the address were not understood and were ignored: {ignored.join(", ")}.
        </p>
      ) : null}
      <Card>
        <ItemFilterBar values={values} reviewers={list.reviewers} showReviewer={seesAll} />
        {active && list.bulkable > 0 ? (
          <BulkDecisionBar campaignId={campaign.id} count={list.bulkable} filters={values} description={describeSelection(filters)} />
        ) : null}
        <div className="flex items-center justify-between px-3 py-2 text-xs text-slate-500">
          <span>
            {list.total.toLocaleString("en")} {list.total === 1 ? "item" : "items"}
          </span>
          <span>Undecided first · dates in UTC</span>
        </div>
        <ItemsTable
          rows={list.rows}
          context={{
            campaignId: campaign.id,
            viewerId: principal.userId,
            active,
            reassign: manages ? "reassign" : reviews ? "delegate" : null,
            showReviewer: seesAll,
            people: people.filter((person) => person.id !== principal.userId),
            riskOwners,
            artifactsByProject,
          }}
        />
        <Pagination
          basePath={`/reviews/${campaign.id}/items`}
          searchParams={values}
          page={list.page}
          pageSize={list.pageSize}
          total={list.total}
        />
      </Card>
    </NoticeProvider>
  );
}

function filterValues(filters: TReviewItemFilters): TItemFilterValues {
  return Object.fromEntries(Object.entries(filters).filter(([key, value]) => value && key !== "page")) as TItemFilterValues;
}

/** "these filters" in words, for the bulk bar: "deploy grants never used". */
function describeSelection(filters: TReviewItemFilters): string {
  const parts = [
    filters.recommendation ? `recommended “${reviewRecommendationLabels[filters.recommendation].toLowerCase()}”` : null,
    filters.action ? `${grantActionLabels[filters.action].toLowerCase()} grants` : "grants",
    filters.usage ? reviewUsageFilterLabels[filters.usage].toLowerCase() : null,
    filters.kind ? `held by ${filters.kind.replace("_", " ")}s` : null,
    filters.q ? `matching “${filters.q}”` : null,
  ].filter(Boolean);
  return parts.length > 1 || filters.action ? `these filters (${parts.join(", ")})` : "these filters";
}
