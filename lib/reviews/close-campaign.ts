import "server-only";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import type { ReviewOutcome } from "@/lib/generated/prisma/client";
import { recordReviewEvent } from "./record-review-event";
import { actorOf, campaignNotFound, type TCampaignRequest } from "./review-access";
import { revokeGrantForReview } from "./review-grant-changes";

export type TCloseResult = { unanswered: number; outcomes: Record<string, number> };

/**
 * Closes an active campaign. Every item nobody signed off (undecided, or decided but unsigned)
 * is settled as the campaign says silence means: kept, or revoked at once. Afterwards the
 * campaign and its items are read-only (the database enforces it).
 */
export async function closeCampaign({ principal, campaignId, now = new Date() }: TCampaignRequest): Promise<TCloseResult> {
  assertCapability(principal, "reviews.campaign.manage");
  const actor = actorOf(principal);
  return db().$transaction(
    async (tx) => {
      const campaign = await tx.reviewCampaign.findFirst({ where: { id: campaignId, orgId: principal.orgId } });
      if (!campaign) throw campaignNotFound(campaignId);
      if (campaign.status === "draft")
        throw new AppError("CONFLICT", `Campaign "${campaign.name}" was never launched; there is nothing to close.`);
      if (campaign.status === "closed") throw new AppError("CONFLICT", `Campaign "${campaign.name}" is already closed.`);
      // Taken first, so a sign-off running now either finishes before the close or finds it closed.
      await tx.$executeRaw`SELECT id FROM "ReviewCampaign" WHERE id = ${campaign.id} FOR UPDATE`;
      const unanswered = await tx.reviewItem.findMany({
        where: { campaignId, outcome: null },
        include: { grant: true },
        orderBy: { id: "asc" },
      });
      const outcomes: Record<string, number> = {};
      const revokedGrantIds: string[] = [];
      for (const item of unanswered) {
        const decidedUnsigned = item.decision
          ? ` It was decided (${item.decision}) but never signed off, so the decision did not count.`
          : "";
        let outcome: ReviewOutcome;
        let note: string;
        if (item.openedBy === "exception_expired") {
          outcome = "lapsed";
          note = `No answer: the expired risk acceptance stays ended.${decidedUnsigned}`;
        } else if (campaign.silence === "keep") {
          outcome = "silence_kept";
          note = `No answer: kept, as the campaign's silence rule says.${decidedUnsigned}`;
        } else {
          const revoked = await revokeGrantForReview(tx, {
            orgId: campaign.orgId,
            grantId: item.grantId,
            actor,
            now,
            reason: `Access review "${campaign.name}" closed without an answer for item ${item.id}: silence means revoke.`,
            review: { campaignId, campaignName: campaign.name, itemId: item.id, via: "close" },
          });
          outcome = revoked ? "silence_revoked" : "grant_unavailable";
          note = revoked
            ? `No answer: revoked at close, as the campaign's silence rule says.${decidedUnsigned}`
            : `No answer, and the grant was already revoked or expired.${decidedUnsigned}`;
          if (revoked) revokedGrantIds.push(item.grantId);
        }
        await tx.reviewItem.update({ where: { id: item.id }, data: { outcome, outcomeAt: now, outcomeNote: note } });
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
      await recordReviewEvent(tx, {
        orgId: campaign.orgId,
        campaignId,
        action: "access_review.campaign.close",
        actor,
        at: now,
        details: { name: campaign.name, silence: campaign.silence, unanswered: unanswered.length, outcomes, revokedGrantIds },
      });
      await tx.reviewCampaign.update({
        where: { id: campaign.id },
        data: { status: "closed", closedAt: now, closedById: principal.userId },
      });
      return { unanswered: unanswered.length, outcomes };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
