import "server-only";
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { TPrincipal } from "@/lib/auth/principal";
import { requireFreshStepUp } from "@/lib/auth/totp/require-fresh-step-up";
import { verifyStepUp } from "@/lib/auth/totp/verify-step-up";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { applyReviewDecision } from "./apply-review-decision";
import { recordReviewEvent, toLedgerJson } from "./record-review-event";
import { actorOf, findActiveCampaign } from "./review-access";

export type TSignOffResult = { signOffId: string; items: number; outcomes: Record<string, number>; digest: string; ledgerSeq: string };

/**
 * A reviewer signs off every item they decided in a campaign. It needs a second factor verified
 * on the server within the last 5 minutes (`code` verifies one now). The sign-off, its digest
 * over the decisions signed, and their effects on the grants commit together, each in the ledger.
 */
export async function signOffReviewItems({
  principal,
  campaignId,
  code,
  now = new Date(),
}: {
  principal: TPrincipal;
  campaignId: string;
  code?: string;
  now?: Date;
}): Promise<TSignOffResult> {
  assertCapability(principal, "reviews.review");
  const campaign = await findActiveCampaign(db(), { principal, campaignId });
  if (code !== undefined && code !== "") await verifyStepUp({ principal, code, purpose: `review.sign_off:${campaignId}`, now });
  const actor = actorOf(principal);

  return db().$transaction(
    async (tx) => {
      // Shared with other sign-offs, exclusive with a close: the campaign stays open while we sign.
      const [current] = await tx.$queryRaw<
        { status: string }[]
      >`SELECT status::text AS status FROM "ReviewCampaign" WHERE id = ${campaignId} FOR SHARE`;
      if (current?.status !== "active")
        throw new AppError("CONFLICT", `Campaign "${campaign.name}" was closed meanwhile; nothing was signed.`);
      const items = await tx.reviewItem.findMany({
        where: { campaignId, reviewerId: principal.userId, decision: { not: null }, signOffId: null, outcome: null },
        include: { grant: true },
        orderBy: { id: "asc" },
      });
      if (items.length === 0) throw new AppError("CONFLICT", "You have no decided items left to sign in this campaign.");
      const stepUp = await requireFreshStepUp(tx, { principal, now });
      const signed = items.map((item) =>
        toLedgerJson({
          itemId: item.id,
          grantId: item.grantId,
          decision: item.decision,
          justification: item.justification,
          modifiedAction: item.modifiedAction,
          modifiedArtifactId: item.modifiedArtifactId,
          modifiedValidUntil: item.modifiedValidUntil,
          compensatingControl: item.compensatingControl,
          riskOwnerId: item.riskOwnerId,
          riskExpiresAt: item.riskExpiresAt,
          decidedAt: item.decidedAt,
        }),
      );
      const digest = createHash("sha256")
        .update(canonicalize(signed) ?? "[]")
        .digest("hex");
      const counts: Record<string, number> = {};
      for (const item of items) counts[item.decision as string] = (counts[item.decision as string] ?? 0) + 1;

      const ledgerSeq = await recordReviewEvent(tx, {
        orgId: campaign.orgId,
        campaignId,
        action: "access_review.sign_off",
        actor,
        at: now,
        details: {
          reviewer: { id: principal.userId, name: principal.name },
          stepUp: { method: stepUp.method, verifiedAt: stepUp.verifiedAt },
          items: items.length,
          counts,
          digest,
          decisions: signed,
        },
      });
      const signOff = await tx.reviewSignOff.create({
        data: {
          orgId: campaign.orgId,
          campaignId,
          reviewerId: principal.userId,
          reviewerName: principal.name,
          signedAt: now,
          stepUpAt: stepUp.verifiedAt,
          method: stepUp.method,
          itemCount: items.length,
          counts,
          digest,
          ledgerSeq,
        },
      });
      const outcomes: Record<string, number> = {};
      for (const item of items) {
        const applied = await applyReviewDecision(tx, {
          item,
          grant: item.grant,
          actor,
          now,
          review: { campaignId, campaignName: campaign.name, itemId: item.id, signOffId: signOff.id, via: "sign_off" },
        });
        await tx.reviewItem.update({
          where: { id: item.id },
          data: {
            signOffId: signOff.id,
            outcome: applied.outcome,
            outcomeAt: now,
            outcomeNote: applied.note,
            resultingGrantId: applied.resultingGrantId,
          },
        });
        outcomes[applied.outcome] = (outcomes[applied.outcome] ?? 0) + 1;
      }
      return { signOffId: signOff.id, items: items.length, outcomes, digest, ledgerSeq: ledgerSeq.toString() };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
