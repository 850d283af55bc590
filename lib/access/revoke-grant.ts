import "server-only";
import { z } from "zod";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { describeGrant, formatUtc } from "./describe-grant";
import { grantLedgerDetails, grantLedgerTarget } from "./grant-ledger-details";
import { grantRowInclude, toGrantRow, type TGrantRow, type TGrantWithRelations } from "./grant-row";
import { parseInput } from "@/lib/input/parse-input";

export const ZRevokeGrantInput = z.object({
  grantId: z.string({ error: "Say which grant to revoke." }).trim().min(1, "Say which grant to revoke.").max(100),
  reason: z
    .string({ error: "Say why the access is revoked." })
    .trim()
    .min(10, "Say why the access is revoked, in at least 10 characters.")
    .max(1000, "Keep the reason under 1000 characters."),
});

export type TRevokeGrantInput = z.input<typeof ZRevokeGrantInput>;

function alreadyRevoked(grant: TGrantWithRelations): AppError {
  const by = grant.revokedBy?.name ?? "an unknown user";
  const when = grant.revokedAt ? formatUtc(grant.revokedAt) : "an unknown date";
  return new AppError(
    "CONFLICT",
    `Grant ${grant.id} was already revoked on ${when} by ${by} (reason: ${grant.revokeReason ?? "none given"}).`,
  );
}

/**
 * Revokes an active or not-yet-valid grant. The row stays (revokedAt/By/Reason record it) so the
 * history still answers "who could do what at time T"; the ledger entry shares the transaction.
 */
export async function revokeGrant({
  principal,
  grantId,
  reason,
  now = new Date(),
}: {
  principal: TPrincipal;
  grantId: string;
  reason: string;
  now?: Date;
}): Promise<TGrantRow> {
  assertCapability(principal, "access.revoke");
  const input = parseInput(ZRevokeGrantInput, { grantId, reason }, "The grant was not revoked");
  return db().$transaction(async (tx) => {
    const grant = await tx.grant.findFirst({ where: { id: input.grantId, orgId: principal.orgId }, include: grantRowInclude });
    if (!grant) throw new AppError("NOT_FOUND", `There is no grant ${input.grantId} in your organisation.`);
    if (grant.revokedAt) throw alreadyRevoked(grant);
    if (grant.validUntil && grant.validUntil <= now) {
      throw new AppError(
        "CONFLICT",
        `Grant ${grant.id} already expired on ${formatUtc(grant.validUntil)}; there is nothing left to revoke.`,
      );
    }
    // Conditional, so that of two concurrent revokes exactly one updates the row.
    const { count } = await tx.grant.updateMany({
      where: { id: grant.id, orgId: principal.orgId, revokedAt: null, OR: [{ validUntil: null }, { validUntil: { gt: now } }] },
      data: { revokedAt: now, revokedById: principal.userId, revokeReason: input.reason },
    });
    if (count === 0) {
      const current = await tx.grant.findUniqueOrThrow({ where: { id: grant.id }, include: grantRowInclude });
      throw current.revokedAt
        ? alreadyRevoked(current)
        : new AppError("CONFLICT", `Grant ${grant.id} changed while you were revoking it; reload and try again.`);
    }
    const revoked = toGrantRow(await tx.grant.findUniqueOrThrow({ where: { id: grant.id }, include: grantRowInclude }), now);
    await recordInternalEvent(tx, {
      action: "grant.revoke",
      ...recordedBy(principal),
      target: grantLedgerTarget(revoked),
      outcome: { status: "success" },
      details: { ...grantLedgerDetails(revoked), revokedAt: now.toISOString(), reason: input.reason, summary: describeGrant(revoked) },
    });
    return revoked;
  });
}
