import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { checkTotpCode, ZTotpCode } from "./check-totp-code";
import { openTotpSecret } from "./totp-secret-box";

const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * Verifies a TOTP code on the server for a step-up (signing off a review, accepting a risk):
 * valid now, never used before. A success opens a short window for this session
 * (requireFreshStepUp); successes and failures are both recorded in the ledger, and five
 * failures in 15 minutes lock step-up for a while.
 */
export async function verifyStepUp({ principal, code, purpose, now = new Date() }: { principal: TPrincipal; code: string; purpose: string; now?: Date }): Promise<{ verifiedAt: Date }> {
  const parsed = ZTotpCode.safeParse(code);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "The code was not accepted.", { fieldErrors: [{ field: "code", message: parsed.error.issues[0]?.message ?? "Enter the code." }] });
  const credential = await db().totpCredential.findUnique({ where: { userId: principal.userId } });
  if (!credential?.confirmedAt) throw new AppError("CONFLICT", "Set up an authenticator app in Settings first: signing needs a second factor.", { extra: { settings: "/settings" } });
  const failures = await db().ledgerEntry.count({
    where: { orgId: principal.orgId, actorId: principal.userId, action: "auth.step_up", outcome: "failure", recordedAt: { gte: new Date(Date.now() - FAILURE_WINDOW_MS) } },
  });
  if (failures >= MAX_FAILURES) throw new AppError("RATE_LIMITED", "Too many wrong codes: wait 15 minutes before trying again.");
  const step = await checkTotpCode({ secret: openTotpSecret(credential.secretCiphertext), code: parsed.data, now, afterStep: credential.lastUsedStep });
  const actor = { id: principal.userId, type: "user" as const, display: principal.name };
  if (step === null) {
    await db().$transaction((tx) => recordInternalEvent(tx, {
      orgId: principal.orgId, action: "auth.step_up", actor, outcome: { status: "failure", code: "TOTP_REJECTED", message: "The code was wrong, expired or already used." },
      details: { method: "totp", purpose, sessionId: principal.sessionId },
    }));
    throw new AppError("INVALID_INPUT", "The code was not accepted.", { fieldErrors: [{ field: "code", message: "Code not accepted: it is wrong, expired, or was already used. Wait for the next one." }] });
  }
  return db().$transaction(async (tx) => {
    // Conditional, so that one code cannot open two windows even when sent twice at once.
    const { count } = await tx.totpCredential.updateMany({
      where: { userId: principal.userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
      data: { lastUsedStep: step },
    });
    if (count === 0) throw new AppError("INVALID_INPUT", "The code was not accepted.", { fieldErrors: [{ field: "code", message: "That code was already used. Wait for the next one." }] });
    await tx.stepUpVerification.create({ data: { orgId: principal.orgId, userId: principal.userId, sessionId: principal.sessionId, method: "totp", purpose, verifiedAt: now } });
    await recordInternalEvent(tx, { orgId: principal.orgId, action: "auth.step_up", actor, details: { method: "totp", purpose, sessionId: principal.sessionId, verifiedAt: now.toISOString() } });
    return { verifiedAt: now };
  });
}
