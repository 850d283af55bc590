import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import type { DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

export const STEP_UP_MAX_AGE_MS = 5 * 60_000;

/**
 * The second factor this session verified within the last 5 minutes (at `now`), or FORBIDDEN:
 * a signature needs a fresh one, whatever else the session holds.
 */
export async function requireFreshStepUp(
  tx: DbTransaction,
  { principal, now }: { principal: TPrincipal; now: Date },
): Promise<{ verifiedAt: Date; method: string }> {
  const latest = await tx.stepUpVerification.findFirst({
    where: {
      userId: principal.userId,
      sessionId: principal.sessionId,
      verifiedAt: { gte: new Date(now.getTime() - STEP_UP_MAX_AGE_MS), lte: now },
    },
    orderBy: { verifiedAt: "desc" },
  });
  if (!latest)
    throw new AppError(
      "FORBIDDEN",
      "Signing needs a second factor verified within the last 5 minutes: enter a current code from your authenticator app.",
      { extra: { stepUpRequired: true } },
    );
  return { verifiedAt: latest.verifiedAt, method: latest.method };
}
