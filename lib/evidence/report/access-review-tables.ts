import "server-only";
import type { ReviewCampaign, ReviewEvent, ReviewItem, ReviewSignOff } from "@/lib/generated/prisma/client";
import { parseStoredScope } from "@/lib/reviews/campaign-scope";
import {
  reviewDecisionLabels,
  reviewOutcomeLabels,
  reviewRecommendationLabels,
  reviewerStepLabels,
  reviewSilenceLabels,
} from "@/lib/reviews/review-vocabulary";
import type { TEvidenceTable } from "../evidence-report";
import { iso } from "./report-context";

export type TCampaignRecord = {
  campaign: ReviewCampaign & { owner: { id: string; name: string }; fallbackReviewer: { id: string; name: string } };
  items: ReviewItem[];
  signOffs: ReviewSignOff[];
  events: ReviewEvent[];
};

type TNameOf = (id: string | null) => string | null;

const columns = (...pairs: [string, string][]) => pairs.map(([key, label]) => ({ key, label }));
const access = (item: ReviewItem) =>
  `${item.action} on ${item.scopeType} ${item.scopeName}${item.environmentName ? ` (${item.environmentName})` : ""}`;
const detail = (event: ReviewEvent, key: string): string | null => {
  const value = (event.details as Record<string, unknown> | null)?.[key];
  return typeof value === "string" ? value : null;
};

function describeScope(value: unknown): string {
  const scope = parseStoredScope(value);
  const parts = [
    scope.projectIds.length ? `projects ${scope.projectIds.join(", ")}` : null,
    scope.artifactIds.length ? `artifacts ${scope.artifactIds.join(", ")}` : null,
    scope.environmentIds.length ? `environments ${scope.environmentIds.join(", ")}` : null,
    scope.actions.length ? `actions ${scope.actions.join(", ")}` : null,
    scope.principalKinds.length ? `principals: ${scope.principalKinds.join(", ")}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join("; ") : "every grant of the organisation";
}

/** The tables of access review evidence, one row per thing an auditor samples. */
export function accessReviewTables(records: TCampaignRecord[], nameOf: TNameOf): TEvidenceTable[] {
  const items = records.flatMap((record) => record.items.map((item) => ({ item, campaign: record.campaign })));
  const itemById = new Map(items.map(({ item }) => [item.id, item]));
  const events = records.flatMap((record) => record.events.map((event) => ({ event, campaign: record.campaign })));
  return [
    {
      name: "campaigns",
      title: "Campaigns",
      columns: columns(
        ["campaign", "Campaign"],
        ["scope", "Scope"],
        ["reviewerRule", "Reviewer rule"],
        ["silence", "Silence means"],
        ["dueAt", "Due"],
        ["launchedAt", "Launched"],
        ["closedAt", "Closed"],
        ["items", "Items"],
      ),
      rows: records.map(({ campaign, items: campaignItems }) => ({
        campaign: `${campaign.name} (instance ${campaign.instance}, ${campaign.kind}); owner ${campaign.owner.name}`,
        scope: describeScope(campaign.scope),
        reviewerRule: [
          ...campaign.reviewerRule.map((step) => reviewerStepLabels[step] ?? step),
          `fallback ${campaign.fallbackReviewer.name}`,
        ].join(" → "),
        silence: reviewSilenceLabels[campaign.silence],
        dueAt: iso(campaign.dueAt),
        launchedAt: iso(campaign.launchedAt),
        closedAt: iso(campaign.closedAt),
        items: campaignItems.length,
      })),
    },
    {
      name: "snapshot",
      title: "Snapshot: the grants under review",
      columns: columns(
        ["principal", "Principal"],
        ["kind", "Kind"],
        ["access", "Access"],
        ["project", "Project"],
        ["origin", "Origin"],
        ["validUntil", "Valid until"],
        ["lastUsedAt", "Last used"],
        ["uses90d", "Uses (90 d)"],
      ),
      rows: items.map(({ item }) => ({
        principal: item.principalName,
        kind: `${item.principalKind}${item.principalExternal ? " (external)" : ""}`,
        access: access(item),
        project: item.projectName,
        origin: item.origin,
        validUntil: iso(item.grantValidUntil),
        lastUsedAt: iso(item.lastUsedAt),
        uses90d: item.uses90d,
      })),
    },
    {
      name: "reviewers",
      title: "Reviewers",
      columns: columns(
        ["campaign", "Campaign"],
        ["reviewer", "Reviewer"],
        ["steps", "Chosen as"],
        ["assigned", "Items"],
        ["decided", "Decided"],
        ["signed", "Signed off"],
        ["lastSignedAt", "Last sign-off"],
      ),
      rows: records.flatMap(({ campaign, items: campaignItems, signOffs }) => {
        const byReviewer = new Map<string, ReviewItem[]>();
        for (const item of campaignItems) byReviewer.set(item.reviewerId ?? "", [...(byReviewer.get(item.reviewerId ?? "") ?? []), item]);
        return [...byReviewer].map(([reviewerId, assigned]) => ({
          campaign: campaign.name,
          reviewer: reviewerId ? nameOf(reviewerId) : "Unassigned",
          steps: [...new Set(assigned.map((item) => reviewerStepLabels[item.reviewerStep] ?? item.reviewerStep))].join(", "),
          assigned: assigned.length,
          decided: assigned.filter((item) => item.decision !== null).length,
          signed: assigned.filter((item) => item.signOffId !== null).length,
          lastSignedAt: iso(signOffs.filter((signOff) => signOff.reviewerId === reviewerId).at(-1)?.signedAt),
        }));
      }),
    },
    {
      name: "decisions",
      title: "Decisions",
      columns: columns(
        ["principal", "Principal"],
        ["access", "Access"],
        ["recommendation", "Recommended"],
        ["decision", "Decision"],
        ["justification", "Justification"],
        ["decidedBy", "Decided by"],
        ["decidedAt", "Decided at"],
        ["outcome", "Outcome"],
      ),
      rows: items.map(({ item }) => ({
        principal: item.principalName,
        access: access(item),
        recommendation: `${reviewRecommendationLabels[item.recommendation]}: ${item.recommendationReason}`,
        decision: item.decision
          ? `${reviewDecisionLabels[item.decision]}${item.decision === "modify" ? ` (${[item.modifiedAction && `to ${item.modifiedAction}`, item.modifiedArtifactId && `artifact ${item.modifiedArtifactId}`, item.modifiedValidUntil && `until ${iso(item.modifiedValidUntil)}`].filter(Boolean).join(", ")})` : ""}`
          : "No decision",
        justification: item.justification,
        decidedBy: nameOf(item.decidedById),
        decidedAt: iso(item.decidedAt),
        outcome: item.outcome ? (reviewOutcomeLabels[item.outcome] ?? item.outcome) : null,
      })),
    },
    {
      name: "sign_offs",
      title: "Sign-offs",
      columns: columns(
        ["reviewer", "Reviewer"],
        ["signedAt", "Signed at"],
        ["secondFactor", "Second factor verified"],
        ["items", "Items"],
        ["counts", "Decisions signed"],
        ["digest", "Digest (SHA-256)"],
        ["ledgerSeq", "Ledger seq"],
      ),
      rows: records.flatMap(({ signOffs }) =>
        signOffs.map((signOff) => ({
          reviewer: signOff.reviewerName,
          signedAt: iso(signOff.signedAt),
          secondFactor: `${signOff.method} at ${iso(signOff.stepUpAt)}`,
          items: signOff.itemCount,
          counts: Object.entries(signOff.counts as Record<string, number>)
            .map(([decision, value]) => `${reviewDecisionLabels[decision as keyof typeof reviewDecisionLabels] ?? decision} ${value}`)
            .join(", "),
          digest: signOff.digest,
          ledgerSeq: signOff.ledgerSeq.toString(),
        })),
      ),
    },
    {
      name: "grant_changes",
      title: "Grant changes and when they took effect",
      columns: columns(
        ["principal", "Principal"],
        ["access", "Access"],
        ["change", "Change"],
        ["tookEffectAt", "Took effect"],
        ["by", "By"],
        ["reason", "Recorded reason"],
        ["grantId", "Grant"],
        ["ledgerSeq", "Ledger seq"],
      ),
      rows: events
        .filter(({ event }) => event.action === "grant.revoke" || event.action === "grant.create")
        .map(({ event }) => {
          const item = event.itemId ? itemById.get(event.itemId) : undefined;
          const revoke = event.action === "grant.revoke";
          return {
            principal: item?.principalName ?? null,
            access: item ? access(item) : null,
            change: revoke
              ? item?.outcome === "silence_revoked"
                ? "Revoked at close (no answer)"
                : item?.outcome === "modified" || item?.outcome === "exception_granted"
                  ? "Old grant ended (replaced)"
                  : "Revoked"
              : item?.outcome === "exception_granted"
                ? "Exception grant created"
                : "Narrower grant created",
            tookEffectAt: iso(event.at),
            by: event.actorName,
            reason: detail(event, "reason") ?? detail(event, "summary"),
            grantId: detail(event, "grantId") ?? (revoke ? (item?.grantId ?? null) : (item?.resultingGrantId ?? null)),
            ledgerSeq: event.ledgerSeq.toString(),
          };
        }),
    },
    {
      name: "risk_acceptances",
      title: "Risk acceptances",
      columns: columns(
        ["principal", "Principal"],
        ["access", "Access"],
        ["compensatingControl", "Compensating control"],
        ["riskOwner", "Risk owner"],
        ["expiresAt", "Expires"],
        ["justification", "Justification"],
        ["outcome", "Outcome"],
      ),
      rows: items
        .filter(({ item }) => item.decision === "accept_risk")
        .map(({ item }) => ({
          principal: item.principalName,
          access: access(item),
          compensatingControl: item.compensatingControl,
          riskOwner: nameOf(item.riskOwnerId),
          expiresAt: iso(item.riskExpiresAt),
          justification: item.justification,
          outcome: item.outcome
            ? `${reviewOutcomeLabels[item.outcome]}${item.resultingGrantId ? ` (grant ${item.resultingGrantId})` : ""}`
            : null,
        })),
    },
    {
      name: "completeness",
      title: "Completeness",
      columns: columns(
        ["campaign", "Campaign"],
        ["items", "Items"],
        ["signed", "Answered and signed"],
        ["silence", "Settled by silence"],
        ["other", "Settled otherwise"],
        ["unassigned", "Never assigned"],
        ["answeredShare", "Answered"],
      ),
      rows: records.map(({ campaign, items: campaignItems }) => {
        const signed = campaignItems.filter((item) => item.signOffId !== null).length;
        const silence = campaignItems.filter((item) => item.outcome === "silence_kept" || item.outcome === "silence_revoked").length;
        return {
          campaign: campaign.name,
          items: campaignItems.length,
          signed,
          silence,
          other: campaignItems.length - signed - silence,
          unassigned: campaignItems.filter((item) => item.reviewerId === null).length,
          answeredShare: campaignItems.length ? `${Math.floor((signed * 1000) / campaignItems.length) / 10}%` : "—",
        };
      }),
    },
    {
      name: "silence",
      title: "Items settled by the silence rule",
      columns: columns(
        ["principal", "Principal"],
        ["access", "Access"],
        ["reviewer", "Reviewer"],
        ["outcome", "Outcome"],
        ["note", "Note"],
      ),
      rows: items
        .filter(
          ({ item }) =>
            item.outcome === "silence_kept" || item.outcome === "silence_revoked" || (item.signOffId === null && item.outcome === "lapsed"),
        )
        .map(({ item }) => ({
          principal: item.principalName,
          access: access(item),
          reviewer: nameOf(item.reviewerId),
          outcome: item.outcome ? (reviewOutcomeLabels[item.outcome] ?? item.outcome) : null,
          note: item.outcomeNote,
        })),
    },
    {
      name: "ledger_events",
      title: "Ledger entries of the review",
      columns: columns(["ledgerSeq", "Seq"], ["at", "At"], ["action", "Action"], ["actor", "Actor"], ["principal", "Item"]),
      rows: events.map(({ event }) => ({
        ledgerSeq: event.ledgerSeq.toString(),
        at: iso(event.at),
        action: event.action,
        actor: event.actorName,
        principal: event.itemId ? (itemById.get(event.itemId)?.principalName ?? event.itemId) : null,
      })),
    },
  ];
}
