import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { hasCapability } from "@/lib/authz/permissions";
import { db } from "@/lib/db";
import { grantsInScopeWhere, parseStoredScope } from "./campaign-scope";
import { campaignNotFound, visibleCampaignsWhere } from "./review-access";
import { reviewPeriodLabel } from "./review-period";
import type { TReviewDecision, TReviewRecurrence } from "./review-vocabulary";

/** A campaign as its page shows it: settings with names resolved, what the viewer may do, and their own work. */
export async function getCampaign({ principal, campaignId, now = new Date() }: { principal: TPrincipal; campaignId: string; now?: Date }) {
  const campaign = await db().reviewCampaign.findFirst({
    where: { AND: [visibleCampaignsWhere(principal), { id: campaignId }] },
    include: { owner: { select: { id: true, name: true } }, fallbackReviewer: { select: { id: true, name: true } } },
  });
  if (!campaign) throw campaignNotFound(campaignId);
  const scope = parseStoredScope(campaign.scope);
  const [projects, artifacts, environments, mineLeft, mineDecided, previous, next, source, grantsNow, mineByDecision] = await Promise.all([
    db().project.findMany({ where: { id: { in: scope.projectIds }, orgId: campaign.orgId }, select: { id: true, name: true } }),
    db().artifact.findMany({ where: { id: { in: scope.artifactIds }, orgId: campaign.orgId }, select: { id: true, name: true } }),
    db().environment.findMany({ where: { id: { in: scope.environmentIds }, orgId: campaign.orgId }, select: { id: true, name: true } }),
    db().reviewItem.count({ where: { campaignId, reviewerId: principal.userId, outcome: null } }),
    db().reviewItem.count({ where: { campaignId, reviewerId: principal.userId, outcome: null, decision: { not: null } } }),
    campaign.previousId
      ? db().reviewCampaign.findFirst({ where: { id: campaign.previousId, orgId: campaign.orgId }, select: { id: true, instance: true } })
      : null,
    db().reviewCampaign.findFirst({ where: { previousId: campaign.id }, select: { id: true, instance: true } }),
    campaign.sourceCampaignId
      ? db().reviewCampaign.findFirst({ where: { id: campaign.sourceCampaignId }, select: { id: true, name: true } })
      : null,
    // Before launch, how many grants the snapshot would take now.
    campaign.status === "draft" ? db().grant.count({ where: grantsInScopeWhere(campaign.orgId, scope, now) }) : Promise.resolve(null),
    db().reviewItem.groupBy({
      by: ["decision"],
      where: { campaignId, reviewerId: principal.userId, outcome: null, decision: { not: null } },
      _count: { _all: true },
    }),
  ]);
  const manages = hasCapability(principal.roles, "reviews.campaign.manage");
  return {
    ...campaign,
    scope,
    scopeNames: { projects, artifacts, environments },
    period: campaign.launchedAt ? reviewPeriodLabel(campaign.launchedAt, campaign.recurrence as TReviewRecurrence) : null,
    previous,
    next,
    source,
    grantsInScopeNow: grantsNow,
    mine: {
      left: mineLeft,
      decided: mineDecided,
      /** The viewer's decided, unsigned items by decision: what a sign-off would do. */
      byDecision: Object.fromEntries(mineByDecision.map((row) => [row.decision as TReviewDecision, row._count._all])) as Partial<
        Record<TReviewDecision, number>
      >,
    },
    can: {
      launch: manages && campaign.status === "draft",
      close: manages && campaign.status === "active",
      reassign: manages && campaign.status === "active",
      review: hasCapability(principal.roles, "reviews.review") && campaign.status === "active" && mineLeft > 0,
      export: hasCapability(principal.roles, "reviews.export") && campaign.status === "closed",
    },
  };
}

export type TCampaignDetail = Awaited<ReturnType<typeof getCampaign>>;
