import "server-only";
import { describeGrant } from "@/lib/access/describe-grant";
import { grantLedgerDetails, grantLedgerTarget } from "@/lib/access/grant-ledger-details";
import { grantRowInclude, toGrantRow } from "@/lib/access/grant-row";
import type { DbTransaction } from "@/lib/db";
import type { GrantAction, GrantOrigin } from "@/lib/generated/prisma/enums";
import { recordReviewEvent, type TReviewActor } from "./record-review-event";

// Grant changes an access review makes: revocations and replacement grants, each recorded in the
// ledger (grant.revoke, grant.create) with the review as their origin, in the caller's transaction.

export type TReviewOrigin = { campaignId: string; campaignName: string; itemId: string; signOffId?: string; via: "sign_off" | "close" };

/** Revokes the grant if it is still active at `now`; false when it was already revoked or expired. */
export async function revokeGrantForReview(
  tx: DbTransaction,
  {
    orgId,
    grantId,
    actor,
    reason,
    now,
    review,
  }: {
    orgId: string;
    grantId: string;
    actor: TReviewActor;
    reason: string;
    now: Date;
    review: TReviewOrigin;
  },
): Promise<boolean> {
  const { count } = await tx.grant.updateMany({
    where: { id: grantId, orgId, revokedAt: null, OR: [{ validUntil: null }, { validUntil: { gt: now } }] },
    data: { revokedAt: now, revokedById: actor.type === "user" ? actor.id : null, revokeReason: reason },
  });
  if (count === 0) return false;
  const row = toGrantRow(await tx.grant.findUniqueOrThrow({ where: { id: grantId }, include: grantRowInclude }), now);
  await recordReviewEvent(tx, {
    orgId,
    campaignId: review.campaignId,
    itemId: review.itemId,
    action: "grant.revoke",
    actor,
    at: now,
    target: grantLedgerTarget(row),
    details: {
      ...grantLedgerDetails(row),
      revokedAt: now,
      reason,
      summary: describeGrant(row),
      origin: { type: "access_review", ...review },
    },
  });
  return true;
}

/** A new grant replacing a reviewed one (a modification, or a risk acceptance's exception). */
export async function createGrantForReview(
  tx: DbTransaction,
  {
    orgId,
    from,
    changes,
    actor,
    now,
    review,
  }: {
    orgId: string;
    from: {
      principalType: "user" | "group" | "service_account";
      userId: string | null;
      groupId: string | null;
      serviceAccountId: string | null;
      artifactId: string | null;
      projectId: string | null;
      environmentId: string | null;
      action: GrantAction;
      validUntil: Date | null;
    };
    changes: { action?: GrantAction; artifactId?: string; validUntil?: Date | null; origin: GrantOrigin; justification: string };
    actor: TReviewActor;
    now: Date;
    review: TReviewOrigin;
  },
): Promise<string> {
  const action = changes.action ?? from.action;
  const created = await tx.grant.create({
    data: {
      orgId,
      principalType: from.principalType,
      userId: from.userId,
      groupId: from.groupId,
      serviceAccountId: from.serviceAccountId,
      artifactId: changes.artifactId ?? from.artifactId,
      projectId: changes.artifactId ? null : from.projectId,
      environmentId: action === "deploy" ? from.environmentId : null,
      action,
      validFrom: now,
      validUntil: changes.validUntil === undefined ? from.validUntil : changes.validUntil,
      origin: changes.origin,
      justification: changes.justification,
      grantedById: actor.type === "user" ? actor.id : null,
      createdAt: now,
    },
    include: grantRowInclude,
  });
  const row = toGrantRow(created, now);
  await recordReviewEvent(tx, {
    orgId,
    campaignId: review.campaignId,
    itemId: review.itemId,
    action: "grant.create",
    actor,
    at: now,
    target: grantLedgerTarget(row),
    details: { ...grantLedgerDetails(row), summary: describeGrant(row), origin: { type: "access_review", ...review } },
  });
  return created.id;
}
