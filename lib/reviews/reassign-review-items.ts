import "server-only";
import { noDecisionDetails } from "./check-review-decision";
import { z } from "zod";
import { assertCapability } from "@/lib/authz/assert-capability";
import { hasCapability } from "@/lib/authz/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { createNotifications } from "@/lib/notifications/create-notifications";
import { recordReviewEvent } from "./record-review-event";
import { actorOf, findActiveCampaign, type TCampaignChange } from "./review-access";
import { parseInput } from "@/lib/input/parse-input";

export const ZReassignInput = z.object({
  itemIds: z.array(z.string().trim().min(1).max(100)).min(1, "Choose at least one item.").max(500, "Reassign at most 500 items at once."),
  toUserId: z.string({ error: "Choose who reviews the items instead." }).trim().min(1, "Choose who reviews the items instead.").max(100),
  reason: z
    .string({ error: "Say why." })
    .trim()
    .min(10, "Say why, in at least 10 characters.")
    .max(1000, "Keep the reason under 1000 characters."),
});

/**
 * Hands items to another reviewer, with a reason. The compliance officer reassigns any item of a
 * campaign; a reviewer delegates their own. Never to the person whose access it is (nor a member
 * of the group holding it), nor to someone who may not review. A decision not yet signed is
 * cleared: the new reviewer decides for themselves. Each move is a ledger event.
 */
export async function reassignReviewItems({
  principal,
  campaignId,
  input,
  now = new Date(),
}: TCampaignChange): Promise<{ moved: number; mode: "reassign" | "delegate" }> {
  assertCapability(principal, "reviews.review", "reviews.campaign.manage");
  const { itemIds, toUserId, reason } = parseInput(ZReassignInput, input, "Nothing was reassigned");
  const mode = hasCapability(principal.roles, "reviews.campaign.manage") ? "reassign" : "delegate";
  const actor = actorOf(principal);
  return db().$transaction(async (tx) => {
    const campaign = await findActiveCampaign(tx, { principal, campaignId });
    const target = await tx.user.findFirst({
      where: { id: toUserId, orgId: principal.orgId },
      select: { id: true, name: true, roles: true, disabledAt: true },
    });
    if (!target || target.disabledAt || !hasCapability(target.roles, "reviews.review")) {
      throw new AppError("INVALID_INPUT", "Nothing was reassigned.", {
        fieldErrors: [{ field: "toUserId", message: "Choose an active person who may review access." }],
      });
    }
    const items = await tx.reviewItem.findMany({
      where: { id: { in: itemIds }, campaignId },
      include: { grant: { select: { group: { select: { members: { select: { userId: true } } } } } } },
    });
    if (items.length !== new Set(itemIds).size) throw new AppError("NOT_FOUND", "Some of these items are not in this campaign.");
    for (const item of items) {
      if (mode === "delegate" && item.reviewerId !== principal.userId)
        throw new AppError("FORBIDDEN", "You can only delegate items assigned to you; the compliance officer reassigns others.");
      if (item.signOffId || item.outcome) throw new AppError("CONFLICT", `Item about ${item.principalName} is already signed off.`);
      if (item.reviewerId === toUserId)
        throw new AppError("INVALID_INPUT", `${target.name} already reviews the item about ${item.principalName}.`, {
          fieldErrors: [{ field: "toUserId", message: "Choose someone else." }],
        });
      const selves = item.principalType === "user" ? [item.principalId] : (item.grant.group?.members ?? []).map((member) => member.userId);
      if (selves.includes(toUserId)) {
        throw new AppError(
          "INVALID_INPUT",
          `${target.name} holds the access under review (${item.principalName}): no one reviews their own access.`,
          { fieldErrors: [{ field: "toUserId", message: "No self-review: choose someone else." }] },
        );
      }
    }
    for (const item of items) {
      await tx.reviewItem.update({
        where: { id: item.id },
        data: {
          reviewerId: toUserId,
          reviewerStep: mode === "reassign" ? "reassigned" : "delegated",
          reviewerNote: `${mode === "reassign" ? "Reassigned" : "Delegated"} by ${principal.name}: ${reason}`,
          decision: null,
          justification: null,
          ...noDecisionDetails,
          decidedById: null,
          decidedAt: null,
        },
      });
      await recordReviewEvent(tx, {
        orgId: item.orgId,
        campaignId,
        itemId: item.id,
        action: `access_review.item.${mode}`,
        actor,
        at: now,
        details: {
          grantId: item.grantId,
          from: item.reviewerId,
          to: { id: target.id, name: target.name },
          reason,
          clearedDecision: item.decision,
        },
      });
    }
    await createNotifications(
      tx,
      [
        {
          orgId: principal.orgId,
          userId: toUserId,
          kind: "review.assigned",
          dedupeKey: `review:${campaignId}:${mode}:${toUserId}:${now.getTime()}`,
          title: `${items.length} access ${items.length === 1 ? "grant" : "grants"} ${mode === "reassign" ? "reassigned" : "delegated"} to you`,
          body: `${principal.name} handed you ${items.length} ${items.length === 1 ? "item" : "items"} in "${campaign.name}", due ${campaign.dueAt.toISOString().slice(0, 10)}: ${reason}`,
          href: `/reviews/${campaignId}/items?reviewer=mine`,
        },
      ],
      now,
    );
    return { moved: items.length, mode };
  });
}
