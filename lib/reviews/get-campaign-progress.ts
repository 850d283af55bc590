import "server-only";
import { hasCapability } from "@/lib/authz/permissions";
import { db } from "@/lib/db";
import type { ReviewOutcome } from "@/lib/generated/prisma/enums";
import { campaignNotFound, visibleCampaignsWhere, visibleItemsWhere, type TCampaignRequest } from "./review-access";

/** Outcomes that took access away (a modification revokes the old grant too). */
const revokingOutcomes: ReviewOutcome[] = ["revoked", "silence_revoked", "modified", "exception_granted"];

/**
 * The campaign page's numbers, over the items the person may see (everything for oversight
 * roles, their own for reviewers): completion, decisions by kind, progress per reviewer, what is
 * overdue, the revocations applied and the sign-offs.
 */
export async function getCampaignProgress({ principal, campaignId, now = new Date() }: TCampaignRequest) {
  const campaign = await db().reviewCampaign.findFirst({
    where: { AND: [visibleCampaignsWhere(principal), { id: campaignId }] },
    select: { id: true, dueAt: true, status: true },
  });
  if (!campaign) throw campaignNotFound(campaignId);
  const where = { AND: [visibleItemsWhere(principal), { campaignId }] };
  const items = await db().reviewItem.findMany({
    where,
    select: {
      id: true,
      grantId: true,
      principalName: true,
      principalKind: true,
      scopeName: true,
      action: true,
      environmentName: true,
      reviewerId: true,
      decision: true,
      outcome: true,
      outcomeAt: true,
      outcomeNote: true,
      resultingGrantId: true,
      recommendation: true,
      signOffId: true,
      reviewer: { select: { name: true } },
    },
  });
  const total = items.length;
  const settled = items.filter((item) => item.outcome).length;
  const decided = items.filter((item) => !item.outcome && item.decision).length;
  // Items settled at close without a signed decision count as what happened to them (what silence
  // meant, or a grant already gone), not as a decision someone made but never signed.
  const settledAtClose = ["silence_kept", "silence_revoked", "grant_unavailable"] as const;
  const closedUnsigned = (item: (typeof items)[number]) =>
    (settledAtClose as readonly string[]).includes(item.outcome ?? "") && !item.signOffId;
  const decisions: { kind: string; count: number }[] = (["certify", "revoke", "modify", "accept_risk"] as const).map((kind) => ({
    kind,
    count: items.filter((item) => item.decision === kind && !closedUnsigned(item)).length,
  }));
  decisions.push({ kind: "undecided", count: items.filter((item) => !item.decision && !item.outcome).length });
  for (const kind of settledAtClose) {
    const count = items.filter((item) => item.outcome === kind && !item.signOffId).length;
    if (count > 0) decisions.push({ kind, count });
  }

  const reviewers = new Map<
    string,
    { id: string | null; name: string; total: number; decided: number; signed: number; left: number; unanswered: number }
  >();
  for (const item of items) {
    const key = item.reviewerId ?? "unassigned";
    const row = reviewers.get(key) ?? {
      id: item.reviewerId,
      name: item.reviewer?.name ?? "Unassigned",
      total: 0,
      decided: 0,
      signed: 0,
      left: 0,
      unanswered: 0,
    };
    row.total++;
    if (item.decision) row.decided++;
    if (item.signOffId) row.signed++;
    if (!item.outcome) row.left++;
    if (closedUnsigned(item)) row.unanswered++;
    reviewers.set(key, row);
  }
  const overdue = campaign.status === "active" && campaign.dueAt < now ? items.filter((item) => !item.outcome) : [];
  const revocations = items
    .filter((item) => item.outcome && revokingOutcomes.includes(item.outcome))
    .sort((a, b) => (b.outcomeAt?.getTime() ?? 0) - (a.outcomeAt?.getTime() ?? 0));
  const ownOnly = !hasCapability(principal.roles, "reviews.view");
  const [signOffs, history] = await Promise.all([
    db().reviewSignOff.findMany({
      where: { campaignId, ...(ownOnly ? { reviewerId: principal.userId } : {}) },
      orderBy: { signedAt: "desc" },
    }),
    db().reviewEvent.findMany({
      where: { campaignId, ...(ownOnly ? { actorId: principal.userId } : {}) },
      orderBy: { id: "desc" },
      take: 15,
    }),
  ]);
  return {
    total,
    settled,
    decided,
    pending: total - settled - decided,
    completion: total === 0 ? 0 : Math.round((settled / total) * 100),
    decisions,
    reviewers: [...reviewers.values()].sort((a, b) => b.left - a.left || a.name.localeCompare(b.name)),
    overdue: { count: overdue.length, items: overdue.slice(0, 20) },
    revocations: { count: revocations.length, items: revocations.slice(0, 50) },
    signOffs,
    history,
  };
}

export type TCampaignProgress = Awaited<ReturnType<typeof getCampaignProgress>>;
