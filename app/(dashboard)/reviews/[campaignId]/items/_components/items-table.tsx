import { Badge } from "@/components/ui/badge";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import { formatDate } from "@/components/format/format";
import { UnbrokenDates } from "@/components/format/unbroken-dates";
import { grantActionLabels, grantOriginLabels } from "@/lib/access/grant-vocabulary";
import type { GrantAction } from "@/lib/generated/prisma/enums";
import type { TReviewItemRow } from "@/lib/reviews/list-review-items";
import type { TUsageByAction } from "@/lib/reviews/recommend-review-item";
import {
  reviewerStepLabels,
  reviewPrincipalKindLabels,
  type TReviewDecision,
  type TReviewPrincipalKind,
  type TReviewRecommendation,
} from "@/lib/reviews/review-vocabulary";
import { DecisionBadge, OutcomeBadge, RecommendationBadge } from "../../../_components/review-badges";
import { DecideItemButton } from "./decide-item-button";
import { ReassignItemButton } from "./reassign-item-button";

const DAY_MS = 86_400_000;

export type TItemsTableContext = {
  campaignId: string;
  viewerId: string;
  active: boolean;
  reassign: "reassign" | "delegate" | null;
  /** Oversight roles see everyone's items, so who reviews each (above its decision); a reviewer sees only their own. */
  showReviewer: boolean;
  people: { id: string; name: string }[];
  riskOwners: { id: string; name: string }[];
  artifactsByProject: Record<string, { id: string; name: string }[]>;
};

/** The review items: who holds what, since when and why, how it was used, what is recommended, who decides and what was decided. */
export function ItemsTable({ rows, context }: { rows: TReviewItemRow[]; context: TItemsTableContext }) {
  return (
    <Table className="text-[13px]">
      <TableHead
        columns={[
          "Principal",
          "Access",
          "Grant",
          "Usage (ledger)",
          "Recommendation",
          context.showReviewer ? "Reviewer and decision" : "Decision",
        ]}
      />
      <tbody>
        {rows.length === 0 ? (
          <EmptyRow colSpan={6}>No items match these filters.</EmptyRow>
        ) : (
          rows.map((item) => <ItemRow key={item.id} item={item} context={context} />)
        )}
      </tbody>
    </Table>
  );
}

function ItemRow({ item, context }: { item: TReviewItemRow; context: TItemsTableContext }) {
  const summary = `${item.principalName}: ${item.action} on ${item.scopeName}${item.environmentName ? ` in ${item.environmentName}` : ""}`;
  const mine = item.reviewerId === context.viewerId;
  const open = context.active && !item.outcome;
  const usage = item.usage as unknown as TUsageByAction;
  const ageDays = Math.floor((item.snapshotAt.getTime() - item.grantValidFrom.getTime()) / DAY_MS);
  const otherUse = (Object.entries(usage) as [GrantAction, TUsageByAction[GrantAction]][]).filter(
    ([action, value]) => action !== item.action && value.uses > 0,
  );
  return (
    <tr className="align-top hover:bg-slate-50" data-item-id={item.id} data-principal={item.principalName} data-scope={item.scopeName}>
      <Td>
        <span className="font-medium text-slate-900">{item.principalName}</span>
        <span className="mt-0.5 flex flex-wrap gap-1">
          {item.principalKind !== "employee" ? (
            <Badge tone={item.principalExternal ? "warning" : "neutral"}>
              {reviewPrincipalKindLabels[item.principalKind as TReviewPrincipalKind]?.replace(/s$/, "") ?? item.principalKind}
            </Badge>
          ) : null}
          {item.principalDisabled ? <Badge tone="danger">Disabled</Badge> : null}
        </span>
        {item.engagementEndsAt ? (
          <span className="block text-xs text-slate-500">
            engagement ends <span className="whitespace-nowrap">{formatDate(item.engagementEndsAt)}</span>
          </span>
        ) : null}
        {!context.showReviewer ? (
          <span className="mt-1 block max-w-44 text-[11px] leading-snug text-slate-500" title={item.reviewerNote ?? undefined}>
            Yours as {(reviewerStepLabels[item.reviewerStep] ?? item.reviewerStep).toLowerCase()}
            {item.reviewerNote ? `. ${item.reviewerNote}` : ""}
          </span>
        ) : null}
      </Td>
      <Td className="min-w-[11rem]">
        <span className="font-medium">{grantActionLabels[item.action]}</span> on {item.scopeName}
        {item.environmentName ? (
          <Badge tone="neutral" className="ml-1">
            {item.environmentName}
          </Badge>
        ) : null}
        <span className="block text-xs text-slate-500">{item.scopeType === "project" ? "the whole project" : item.projectName}</span>
      </Td>
      <Td className="min-w-[10rem] text-xs">
        <Badge tone={item.origin === "review_exception" ? "accent" : item.origin === "break_glass" ? "danger" : "neutral"}>
          {grantOriginLabels[item.origin]}
        </Badge>
        <span className="block text-slate-600">
          since <span className="whitespace-nowrap">{formatDate(item.grantValidFrom)}</span>{" "}
          <span className="whitespace-nowrap">({ageDays} d)</span>
        </span>
        <span className="block whitespace-nowrap text-slate-600">
          {item.grantValidUntil ? `until ${formatDate(item.grantValidUntil)}` : "no end date"}
        </span>
        <span className="line-clamp-2 block max-w-52 text-slate-500" title={item.grantJustification}>
          <UnbrokenDates text={item.grantJustification} />
        </span>
      </Td>
      <Td className="min-w-[7.5rem] text-xs">
        {item.lastUsedAt ? (
          <>
            <span className="block whitespace-nowrap text-slate-800">last {formatDate(item.lastUsedAt)}</span>
            <span className="block text-slate-600">{item.uses90d}× in 90 days</span>
          </>
        ) : (
          <span className="font-medium text-red-700">Never used</span>
        )}
        {otherUse.length > 0 ? (
          <span className="block text-slate-500">also: {otherUse.map(([action, value]) => `${action} ${value.uses90d}×`).join(", ")}</span>
        ) : null}
      </Td>
      <Td className="max-w-64 text-xs">
        <RecommendationBadge recommendation={item.recommendation as TReviewRecommendation} />
        <span className="mt-0.5 block text-slate-600">
          <UnbrokenDates text={item.recommendationReason} />
        </span>
      </Td>
      <Td className="min-w-[10.5rem] text-xs">
        {context.showReviewer ? (
          <div className="mb-1.5 border-b border-slate-100 pb-1.5">
            <span className="block text-slate-900">{item.reviewer?.name ?? <span className="text-red-700">Unassigned</span>}</span>
            <span className="block text-slate-500">{reviewerStepLabels[item.reviewerStep] ?? item.reviewerStep}</span>
            {item.reviewerNote ? (
              <span className="line-clamp-3 block text-slate-500" title={item.reviewerNote}>
                <UnbrokenDates text={item.reviewerNote} />
              </span>
            ) : null}
          </div>
        ) : null}
        <div className="flex flex-col items-start gap-1">
          {item.outcome ? <OutcomeBadge outcome={item.outcome} /> : null}
          {item.decision ? (
            <DecisionBadge decision={item.decision as TReviewDecision} />
          ) : !item.outcome ? (
            <span className="text-slate-500">Not decided</span>
          ) : null}
          {item.justification ? (
            <span className="text-slate-600" title={item.justification}>
              <UnbrokenDates text={item.justification.length > 80 ? `${item.justification.slice(0, 80)}…` : item.justification} />
            </span>
          ) : null}
          {item.signOff ? (
            <span className="whitespace-nowrap text-slate-500">signed {formatDate(item.signOff.signedAt)}</span>
          ) : item.decision && !item.outcome ? (
            <span className="text-amber-700">not signed yet</span>
          ) : null}
          {open && mine ? (
            <span className="flex gap-1">
              <DecideItemButton
                item={{
                  id: item.id,
                  summary,
                  action: item.action,
                  scopeType: item.scopeType,
                  projectName: item.projectName,
                  grantValidUntil: item.grantValidUntil?.toISOString() ?? null,
                  recommendation: item.recommendation,
                  recommendationReason: item.recommendationReason,
                  recommendedAction: item.recommendedAction,
                  recommendedValidUntil: item.recommendedValidUntil?.toISOString() ?? null,
                  expiredException: item.openedBy === "exception_expired",
                  current: { decision: item.decision as TReviewDecision | null, justification: item.justification },
                }}
                riskOwners={context.riskOwners}
                projectArtifacts={item.scopeType === "project" ? (context.artifactsByProject[item.projectId] ?? []) : []}
              />
              {context.reassign ? (
                <ReassignItemButton
                  campaignId={context.campaignId}
                  itemId={item.id}
                  summary={summary}
                  mode={context.reassign}
                  people={context.people}
                />
              ) : null}
            </span>
          ) : open && context.reassign === "reassign" ? (
            <ReassignItemButton
              campaignId={context.campaignId}
              itemId={item.id}
              summary={summary}
              mode="reassign"
              people={context.people}
            />
          ) : null}
        </div>
      </Td>
    </tr>
  );
}
