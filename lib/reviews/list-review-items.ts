import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { campaignNotFound, visibleCampaignsWhere, visibleItemsWhere } from "./review-access";
import { reviewItemFiltersWhere, type TReviewItemFilters } from "./review-item-filters";

export const REVIEW_ITEMS_PAGE_SIZE = 50;

const itemInclude = {
  reviewer: { select: { id: true, name: true } },
  signOff: { select: { signedAt: true, reviewerName: true } },
} satisfies Prisma.ReviewItemInclude;

export type TReviewItemRow = Prisma.ReviewItemGetPayload<{ include: typeof itemInclude }>;

/**
 * A page of a campaign's items as the person may see them, filtered, the items needing a
 * decision first (revocation recommendations leading), then by principal. Also how many of the
 * selection the person could decide in bulk.
 */
export async function listReviewItems({
  principal,
  campaignId,
  filters,
  pageSize = REVIEW_ITEMS_PAGE_SIZE,
}: {
  principal: TPrincipal;
  campaignId: string;
  filters: TReviewItemFilters;
  pageSize?: number;
}) {
  const campaign = await db().reviewCampaign.findFirst({
    where: { AND: [visibleCampaignsWhere(principal), { id: campaignId }] },
    select: { id: true },
  });
  if (!campaign) throw campaignNotFound(campaignId);
  const where: Prisma.ReviewItemWhereInput = {
    AND: [visibleItemsWhere(principal), { campaignId }, reviewItemFiltersWhere(filters, principal.userId)],
  };
  const page = filters.page ?? 1;
  const [total, rows, bulkable, reviewers] = await Promise.all([
    db().reviewItem.count({ where }),
    db().reviewItem.findMany({
      where,
      include: itemInclude,
      orderBy: [
        { outcome: { sort: "desc", nulls: "first" } },
        { recommendation: "desc" },
        { principalName: "asc" },
        { scopeName: "asc" },
        { id: "asc" },
      ],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db().reviewItem.count({ where: { AND: [where, { reviewerId: principal.userId, signOffId: null, outcome: null }] } }),
    db().reviewItem.groupBy({ by: ["reviewerId"], where: { AND: [visibleItemsWhere(principal), { campaignId }] }, _count: { _all: true } }),
  ]);
  const names = await db().user.findMany({
    where: { id: { in: reviewers.map((row) => row.reviewerId).filter((id): id is string => Boolean(id)) } },
    select: { id: true, name: true },
  });
  return {
    rows,
    total,
    page,
    pageSize,
    bulkable,
    reviewers: reviewers
      .map((row) => ({
        id: row.reviewerId,
        name: names.find((user) => user.id === row.reviewerId)?.name ?? "Unassigned",
        items: row._count._all,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
