import "server-only";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { toVerificationRow, type TVerificationJson } from "./verification-row";

export const ZVerificationId = z
  .string()
  .regex(/^[1-9][0-9]{0,17}$/, "a verification id: a positive whole number")
  .transform((value) => BigInt(value));

/**
 * One verification run and its progress: entries checked so far (toSize) out of the ledger's
 * current size (total). Another organisation's run is "not found", not "forbidden".
 */
export async function getVerification({
  principal,
  verificationId,
  now = new Date(),
}: {
  principal: TPrincipal;
  verificationId: bigint;
  now?: Date;
}): Promise<TVerificationJson> {
  assertCapability(principal, "ledger.integrity.view");
  const row = await db().ledgerVerification.findFirst({ where: { id: verificationId, orgId: principal.orgId } });
  if (!row) throw new AppError("NOT_FOUND", `There is no verification ${verificationId} in your organisation's ledger.`);
  const verification = toVerificationRow(row, now);
  let total = verification.toSize ?? 0;
  if (!row.finishedAt) {
    // The run counts the entries when it starts; the ledger's size now is as good a bound and needs no state.
    const last = await db().ledgerEntry.findFirst({ where: { orgId: principal.orgId }, orderBy: { seq: "desc" }, select: { seq: true } });
    total = Math.max(total, last ? Number(last.seq) + 1 : 0);
  }
  return {
    ...verification,
    startedAt: verification.startedAt.toISOString(),
    finishedAt: verification.finishedAt?.toISOString() ?? null,
    total,
  };
}
