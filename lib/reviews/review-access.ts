import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { hasCapability } from "@/lib/authz/permissions";
import type { Db, DbTransaction } from "@/lib/db";
import type { Prisma, ReviewCampaign } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors/app-error";
import type { TReviewActor } from "./record-review-event";

/** Who acts on which campaign, and when (`now` is the clock unless a test sets it). */
export type TCampaignRequest = { principal: TPrincipal; campaignId: string; now?: Date };

/** A change to a campaign's items: the request, with its input as it came (each change parses its own). */
export type TCampaignChange = TCampaignRequest & { input: unknown };

/**
 * The campaigns `principal` may see: oversight roles (reviews.view) see every campaign of their
 * organisation; reviewers see the campaigns that hold items assigned to them. A stranger's
 * campaign is then simply "not found".
 */
export function visibleCampaignsWhere(principal: TPrincipal): Prisma.ReviewCampaignWhereInput {
  assertCapability(principal, "reviews.view", "reviews.review");
  if (hasCapability(principal.roles, "reviews.view")) return { orgId: principal.orgId };
  return { orgId: principal.orgId, items: { some: { reviewerId: principal.userId } } };
}

/** The review items `principal` may see: every item for oversight roles, else their own. */
export function visibleItemsWhere(principal: TPrincipal): Prisma.ReviewItemWhereInput {
  assertCapability(principal, "reviews.view", "reviews.review");
  if (hasCapability(principal.roles, "reviews.view")) return { orgId: principal.orgId };
  return { orgId: principal.orgId, reviewerId: principal.userId };
}

export function actorOf(principal: TPrincipal): TReviewActor {
  return { id: principal.userId, name: principal.name, type: "user" };
}

export const campaignNotFound = (campaignId: string) => new AppError("NOT_FOUND", `There is no review campaign ${campaignId} you may see.`);

export function assertCampaignActive(campaign: { id: string; name: string; status: string }): void {
  if (campaign.status === "draft")
    throw new AppError("CONFLICT", `Campaign "${campaign.name}" has not been launched yet; nothing can be reviewed in it.`);
  if (campaign.status === "closed") throw new AppError("CONFLICT", `Campaign "${campaign.name}" is closed and read-only.`);
}

/** The campaign, when `principal` may see it and it is open for reviewing; else NOT_FOUND, or CONFLICT saying why not. */
export async function findActiveCampaign(
  client: Db | DbTransaction,
  { principal, campaignId }: { principal: TPrincipal; campaignId: string },
): Promise<ReviewCampaign> {
  const campaign = await client.reviewCampaign.findFirst({ where: { AND: [visibleCampaignsWhere(principal), { id: campaignId }] } });
  if (!campaign) throw campaignNotFound(campaignId);
  assertCampaignActive(campaign);
  return campaign;
}
