import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { checkTotpCode, ZTotpCode } from "./check-totp-code";
import { openTotpSecret } from "./totp-secret-box";

/** Finishes enrolment with a first code from the app; recorded in the ledger. */
export async function confirmTotpEnrollment({ principal, code, now = new Date() }: { principal: TPrincipal; code: string; now?: Date }): Promise<{ confirmedAt: Date }> {
  const parsed = ZTotpCode.safeParse(code);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "The authenticator was not confirmed.", { fieldErrors: [{ field: "code", message: parsed.error.issues[0]?.message ?? "Enter the code." }] });
  const credential = await db().totpCredential.findUnique({ where: { userId: principal.userId } });
  if (!credential) throw new AppError("CONFLICT", "Start setting up your authenticator first.");
  if (credential.confirmedAt) throw new AppError("CONFLICT", "Your authenticator is already set up.");
  const step = await checkTotpCode({ secret: openTotpSecret(credential.secretCiphertext), code: parsed.data, now, afterStep: credential.lastUsedStep });
  if (step === null) {
    throw new AppError("INVALID_INPUT", "The authenticator was not confirmed.", { fieldErrors: [{ field: "code", message: "Code not accepted. Check the time on your phone, and that you scanned the code shown here." }] });
  }
  return db().$transaction(async (tx) => {
    const { count } = await tx.totpCredential.updateMany({ where: { userId: principal.userId, confirmedAt: null, secretCiphertext: credential.secretCiphertext }, data: { confirmedAt: now, lastUsedStep: step } });
    if (count === 0) throw new AppError("CONFLICT", "Your authenticator changed meanwhile; start again.");
    await recordInternalEvent(tx, {
      orgId: principal.orgId,
      action: "auth.totp.enroll",
      actor: { id: principal.userId, type: "user", display: principal.name },
      details: { method: "totp", sessionId: principal.sessionId },
    });
    return { confirmedAt: now };
  });
}
