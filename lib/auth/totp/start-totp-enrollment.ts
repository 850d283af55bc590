import "server-only";
import { generateSecret, generateURI } from "otplib";
import QRCode from "qrcode";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { checkTotpCode, ZTotpCode } from "./check-totp-code";
import { openTotpSecret, sealTotpSecret } from "./totp-secret-box";

export type TTotpEnrollment = { secret: string; otpauthUri: string; qrDataUrl: string };

/**
 * Starts (or restarts) enrolment of an authenticator app: a new secret, shown once as a QR code
 * and as text. Replacing a confirmed authenticator takes a current code from it, so a borrowed
 * session alone cannot swap in the borrower's phone.
 */
export async function startTotpEnrollment({ principal, currentCode, now = new Date() }: { principal: TPrincipal; currentCode?: string; now?: Date }): Promise<TTotpEnrollment> {
  const existing = await db().totpCredential.findUnique({ where: { userId: principal.userId } });
  if (existing?.confirmedAt) {
    const code = ZTotpCode.safeParse(currentCode ?? "");
    if (!code.success) throw new AppError("INVALID_INPUT", "To replace your authenticator, enter a current code from it first.", { fieldErrors: [{ field: "currentCode", message: code.error.issues[0]?.message ?? "Enter a code." }] });
    const step = await checkTotpCode({ secret: openTotpSecret(existing.secretCiphertext), code: code.data, now, afterStep: existing.lastUsedStep });
    if (step === null) throw new AppError("INVALID_INPUT", "That code was not accepted; nothing was changed.", { fieldErrors: [{ field: "currentCode", message: "Code not accepted: use a current code, once." }] });
  }
  const secret = generateSecret();
  const otpauthUri = generateURI({ issuer: "Custody", label: principal.email, secret });
  await db().totpCredential.upsert({
    where: { userId: principal.userId },
    create: { userId: principal.userId, orgId: principal.orgId, secretCiphertext: sealTotpSecret(secret), createdAt: now },
    update: { secretCiphertext: sealTotpSecret(secret), confirmedAt: null, lastUsedStep: null },
  });
  const qrDataUrl = await QRCode.toDataURL(otpauthUri, { margin: 1, width: 208, errorCorrectionLevel: "M" });
  return { secret, otpauthUri, qrDataUrl };
}
