import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { hasCapability } from "@/lib/authz/permissions";
import { db } from "@/lib/db";
import type { ReviewCampaignStatus, ReviewRecurrence, ReviewSilence } from "@/lib/generated/prisma/enums";
import { visibleCampaignsWhere } from "./review-access";

export type TCampaignListRow = {
  id: string;
  name: string;
  kind: string;
  instance: number;
  status: ReviewCampaignStatus;
  recurrence: ReviewRecurrence;
  silence: ReviewSilence;
  owner: string;
  dueAt: Date;
  launchedAt: Date | null;
  closedAt: Date | null;
  nextLaunchAt: Date | null;
  items: number;
  settled: number;
  /** Signed off or settled at close, over all items (0 to 100). */
  completion: number;
  overdue: boolean;
  /** The viewer's own items not yet signed off. */
  mine: number;
};

/** Campaigns the person may see, active first, then drafts, then closed; each with its progress. */
export async function listCampaigns({ principal, now = new Date() }: { principal: TPrincipal; now?: Date }): Promise<TCampaignListRow[]> {
  const campaigns = await db().reviewCampaign.findMany({
    where: visibleCampaignsWhere(principal),
    include: { owner: { select: { name: true } } },
    orderBy: [{ dueAt: "asc" }],
    take: 500,
  });
  const ids = campaigns.map((campaign) => campaign.id);
  const [totals, settled, mine] = await Promise.all([
    db().reviewItem.groupBy({ by: ["campaignId"], where: { campaignId: { in: ids } }, _count: { _all: true } }),
    db().reviewItem.groupBy({ by: ["campaignId"], where: { campaignId: { in: ids }, outcome: { not: null } }, _count: { _all: true } }),
    hasCapability(principal.roles, "reviews.review")
      ? db().reviewItem.groupBy({
          by: ["campaignId"],
          where: { campaignId: { in: ids }, reviewerId: principal.userId, outcome: null },
          _count: { _all: true },
        })
      : Promise.resolve([]),
  ]);
  const count = (rows: { campaignId: string; _count: { _all: number } }[]) => new Map(rows.map((row) => [row.campaignId, row._count._all]));
  const [totalBy, settledBy, mineBy] = [count(totals), count(settled), count(mine)];
  const order: Record<ReviewCampaignStatus, number> = { active: 0, draft: 1, closed: 2 };
  return campaigns
    .map((campaign) => {
      const items = totalBy.get(campaign.id) ?? 0;
      const done = settledBy.get(campaign.id) ?? 0;
      return {
        id: campaign.id,
        name: campaign.name,
        kind: campaign.kind,
        instance: campaign.instance,
        status: campaign.status,
        recurrence: campaign.recurrence,
        silence: campaign.silence,
        owner: campaign.owner.name,
        dueAt: campaign.dueAt,
        launchedAt: campaign.launchedAt,
        closedAt: campaign.closedAt,
        nextLaunchAt: campaign.nextLaunchAt,
        items,
        settled: done,
        completion: items === 0 ? 0 : Math.round((done / items) * 100),
        overdue: campaign.status === "active" && campaign.dueAt < now && done < items,
        mine: mineBy.get(campaign.id) ?? 0,
      };
    })
    .sort(
      (a, b) =>
        order[a.status] - order[b.status] ||
        (a.status === "closed" ? (b.closedAt?.getTime() ?? 0) - (a.closedAt?.getTime() ?? 0) : a.dueAt.getTime() - b.dueAt.getTime()),
    );
}
