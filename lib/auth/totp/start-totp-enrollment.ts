import "server-only";
import { generateSecret, generateURI } from "otplib";
import QRCode from "qrcode";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { checkCodeWithLockout } from "./check-code-with-lockout";
import { parseTotpCode } from "./check-totp-code";
import { sealTotpSecret } from "./totp-secret-box";

export type TTotpEnrollment = { secret: string; otpauthUri: string; qrDataUrl: string };

/**
 * Starts (or restarts) enrolment of an authenticator app: a new secret, shown once as a QR code
 * and as text. Replacing a confirmed authenticator takes a current code from it, counted and
 * recorded like every code check, so a borrowed session alone cannot swap in the borrower's phone.
 */
export async function startTotpEnrollment({
  principal,
  currentCode,
  now = new Date(),
}: {
  principal: TPrincipal;
  currentCode?: string;
  now?: Date;
}): Promise<TTotpEnrollment> {
  const secret = generateSecret();
  const secretCiphertext = sealTotpSecret(secret);
  const existing = await db().totpCredential.findUnique({ where: { userId: principal.userId }, select: { confirmedAt: true } });
  if (existing?.confirmedAt) {
    const digits = parseTotpCode(currentCode ?? "", {
      field: "currentCode",
      notDone: "To replace your authenticator, enter a current code from it first.",
      missing: "Enter a code.",
    });
    await checkCodeWithLockout({
      principal,
      check: "replace",
      code: digits,
      now,
      field: "currentCode",
      credential: async (tx) => {
        const credential = await tx.totpCredential.findUnique({ where: { userId: principal.userId } });
        if (!credential?.confirmedAt)
          throw new AppError("CONFLICT", "Your authenticator changed meanwhile; reload the page. Nothing was changed.");
        return credential;
      },
      accepted: async (tx) => {
        await tx.totpCredential.update({
          where: { userId: principal.userId },
          data: { secretCiphertext, confirmedAt: null, lastUsedStep: null },
        });
        return { result: undefined };
      },
    });
  } else {
    // Only an unconfirmed (or no) authenticator is overwritten without a code, even if one was confirmed meanwhile.
    const { count } = await db().totpCredential.updateMany({
      where: { userId: principal.userId, confirmedAt: null },
      data: { secretCiphertext, lastUsedStep: null },
    });
    if (count === 0) {
      await db()
        .totpCredential.create({ data: { userId: principal.userId, orgId: principal.orgId, secretCiphertext, createdAt: now } })
        .catch((error: unknown) => {
          if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
          throw new AppError("CONFLICT", "Your authenticator was set up meanwhile; to replace it, enter a current code from it.");
        });
    }
  }
  const otpauthUri = generateURI({ issuer: "Custody", label: principal.email, secret });
  const qrDataUrl = await QRCode.toDataURL(otpauthUri, { margin: 1, width: 208, errorCorrectionLevel: "M" });
  return { secret, otpauthUri, qrDataUrl };
}
