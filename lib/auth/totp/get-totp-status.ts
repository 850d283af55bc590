import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { STEP_UP_MAX_AGE_MS } from "./require-fresh-step-up";

export type TTotpStatus = {
  enrolled: boolean;
  confirmedAt: Date | null;
  pending: boolean;
  stepUpValidUntil: Date | null;
  codeChecksLockedUntil: Date | null;
};

/**
 * Whether the person has a confirmed authenticator, until when this session may sign without a new
 * code, and until when too many wrong codes lock every code check (checkCodeWithLockout).
 */
export async function getTotpStatus({ principal, now = new Date() }: { principal: TPrincipal; now?: Date }): Promise<TTotpStatus> {
  const [credential, latest, counter] = await Promise.all([
    db().totpCredential.findUnique({ where: { userId: principal.userId }, select: { confirmedAt: true } }),
    db().stepUpVerification.findFirst({
      where: { userId: principal.userId, sessionId: principal.sessionId, verifiedAt: { lte: now } },
      orderBy: { verifiedAt: "desc" },
      select: { verifiedAt: true },
    }),
    db().totpCheckCounter.findUnique({ where: { userId: principal.userId }, select: { lockedUntil: true } }),
  ]);
  const until = latest ? new Date(latest.verifiedAt.getTime() + STEP_UP_MAX_AGE_MS) : null;
  return {
    enrolled: Boolean(credential?.confirmedAt),
    confirmedAt: credential?.confirmedAt ?? null,
    pending: Boolean(credential && !credential.confirmedAt),
    stepUpValidUntil: until && until > now ? until : null,
    codeChecksLockedUntil: counter?.lockedUntil && counter.lockedUntil > now ? counter.lockedUntil : null,
  };
}
