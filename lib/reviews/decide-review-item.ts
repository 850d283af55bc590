import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { hasCapability } from "@/lib/authz/permissions";
import { db, type DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import type { ReviewCampaign, ReviewItem } from "@/lib/generated/prisma/client";
import { checkReviewDecision, ZReviewDecisionInput } from "./check-review-decision";
import { recordItemDecision } from "./record-item-decision";
import { assertCampaignActive } from "./review-access";
import { parseInput } from "@/lib/input/parse-input";

/**
 * Records a reviewer's decision on one of their items. The decision takes effect only at
 * sign-off; until then it may be changed, and every change is a ledger event in the same
 * transaction.
 */
export async function decideReviewItem({
  principal,
  itemId,
  input,
  now = new Date(),
}: {
  principal: TPrincipal;
  itemId: string;
  input: unknown;
  now?: Date;
}): Promise<ReviewItem> {
  assertCapability(principal, "reviews.review");
  const decision = parseInput(ZReviewDecisionInput, input, "The decision was not recorded");
  return db().$transaction(async (tx) => {
    const item = await loadItemToDecide(tx, principal, itemId);
    const { errors, columns } = await checkReviewDecision(tx, item, decision, now);
    if (errors.length > 0)
      throw new AppError("INVALID_INPUT", "The decision was not recorded: correct the highlighted fields.", { fieldErrors: errors });
    const { count } = await tx.reviewItem.updateMany({
      where: { id: item.id, signOffId: null, outcome: null, reviewerId: principal.userId },
      data: { ...columns, decidedById: principal.userId, decidedAt: now },
    });
    if (count === 0) throw new AppError("CONFLICT", "This item changed meanwhile (signed off or reassigned); reload and try again.");
    await recordItemDecision(tx, { principal, item, columns, now });
    return tx.reviewItem.findUniqueOrThrow({ where: { id: item.id } });
  });
}

/** The item, if `principal` reviews it and it can still be decided; else why not. */
export async function loadItemToDecide(
  tx: DbTransaction,
  principal: TPrincipal,
  itemId: string,
): Promise<ReviewItem & { campaign: ReviewCampaign }> {
  const item = await tx.reviewItem.findFirst({ where: { id: itemId, orgId: principal.orgId }, include: { campaign: true } });
  const seesAll = hasCapability(principal.roles, "reviews.view");
  if (!item || (!seesAll && item.reviewerId !== principal.userId))
    throw new AppError("NOT_FOUND", `There is no review item ${itemId} assigned to you.`);
  assertCampaignActive(item.campaign);
  if (item.principalType === "user" && item.principalId === principal.userId) {
    throw new AppError(
      "FORBIDDEN",
      "This item is about your own access: no one reviews their own access. The compliance officer can reassign it.",
    );
  }
  if (item.reviewerId !== principal.userId)
    throw new AppError("FORBIDDEN", "Only the item's reviewer decides it; reassign it to yourself first if you must.");
  if (item.signOffId || item.outcome) throw new AppError("CONFLICT", "This item is signed off; its decision can no longer change.");
  return item;
}
