import "server-only";
import type { DbTransaction } from "@/lib/db";
import type { Grant, ReviewItem, ReviewOutcome } from "@/lib/generated/prisma/client";
import type { TReviewActor } from "./record-review-event";
import { createGrantForReview, revokeGrantForReview, type TReviewOrigin } from "./review-grant-changes";

export type TAppliedDecision = { outcome: ReviewOutcome; note: string; resultingGrantId: string | null };

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * What a signed decision does to its grant, at once: a revocation revokes it; a modification
 * revokes it and grants the narrower access (origin kept, justification naming the review); a
 * risk acceptance replaces it with a review exception that ends at the acceptance's expiry (never
 * later than the grant itself would have). A grant that is already gone is left alone and said so.
 */
export async function applyReviewDecision(
  tx: DbTransaction,
  {
    item,
    grant,
    actor,
    now,
    review,
  }: {
    item: ReviewItem;
    grant: Grant;
    actor: TReviewActor;
    now: Date;
    review: TReviewOrigin;
  },
): Promise<TAppliedDecision> {
  const active = !grant.revokedAt && (!grant.validUntil || grant.validUntil > now);
  const lapsedException = item.openedBy === "exception_expired";
  const reference = `Access review "${review.campaignName}" (item ${item.id})`;
  // Every grant change a decision makes is the item's: its organisation, the signing reviewer, the sign-off's time and campaign.
  const revokeGrant = (reason: string) => revokeGrantForReview(tx, { orgId: item.orgId, grantId: grant.id, actor, now, review, reason });
  const grantInstead = (changes: Parameters<typeof createGrantForReview>[1]["changes"]) =>
    createGrantForReview(tx, { orgId: item.orgId, from: grant, actor, now, review, changes });
  const gone = (): TAppliedDecision => ({
    outcome: "grant_unavailable",
    note: grant.revokedAt
      ? `The grant was already revoked on ${day(grant.revokedAt)}; nothing to change.`
      : `The grant had already expired${grant.validUntil ? ` on ${day(grant.validUntil)}` : ""}; nothing to change.`,
    resultingGrantId: null,
  });
  switch (item.decision) {
    case "certify":
      return active ? { outcome: "kept", note: "Certified: the access stays as it is.", resultingGrantId: null } : gone();
    case "revoke": {
      if (lapsedException)
        return { outcome: "lapsed", note: "The expired risk acceptance was let go: the access stays ended.", resultingGrantId: null };
      const revoked = await revokeGrant(`${reference}: revoked. ${item.justification ?? ""}`.trim());
      return revoked ? { outcome: "revoked", note: "Revoked at sign-off.", resultingGrantId: null } : gone();
    }
    case "modify": {
      if (!active) return gone();
      const changes = [
        item.modifiedAction ? `action ${item.action} → ${item.modifiedAction}` : null,
        item.modifiedArtifactId ? `scope narrowed to one artifact` : null,
        item.modifiedValidUntil ? `ends ${day(item.modifiedValidUntil)}` : null,
      ]
        .filter(Boolean)
        .join(", ");
      await revokeGrant(`${reference}: replaced by a narrower grant (${changes}).`);
      const newId = await grantInstead({
        action: item.modifiedAction ?? undefined,
        artifactId: item.modifiedArtifactId ?? undefined,
        validUntil: item.modifiedValidUntil ?? grant.validUntil,
        origin: grant.origin,
        justification:
          `${reference}: modified (${changes}). ${item.justification ?? ""} Replaces grant ${grant.id}: ${grant.justification}`.slice(
            0,
            1000,
          ),
      });
      return { outcome: "modified", note: `Replaced by grant ${newId} (${changes}).`, resultingGrantId: newId };
    }
    case "accept_risk": {
      if (!active && !lapsedException) return gone();
      const expires = item.riskExpiresAt as Date;
      const until =
        grant.validUntil && grant.validUntil > now && grant.validUntil < expires && !lapsedException ? grant.validUntil : expires;
      if (active) await revokeGrant(`${reference}: replaced by a time-limited exception (risk accepted until ${day(until)}).`);
      const newId = await grantInstead({
        validUntil: until,
        origin: "review_exception",
        justification:
          `${reference}: risk accepted until ${day(until)}. ${item.justification ?? ""} Compensating control: ${item.compensatingControl ?? ""}`.slice(
            0,
            1000,
          ),
      });
      return {
        outcome: "exception_granted",
        note: `Exception grant ${newId} until ${day(until)}; review reopens when it expires.`,
        resultingGrantId: newId,
      };
    }
    default:
      throw new Error(`item ${item.id} has no decision to apply`);
  }
}
