import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors/app-error";
import { checkCodeWithLockout } from "./check-code-with-lockout";
import { parseTotpCode } from "./check-totp-code";

/**
 * Verifies a TOTP code on the server for a step-up (signing off a review, accepting a risk):
 * valid now, never used before. A success opens a short window for this session
 * (requireFreshStepUp). Counted, locked out and recorded like every code check
 * (checkCodeWithLockout).
 */
export async function verifyStepUp({
  principal,
  code,
  purpose,
  now = new Date(),
}: {
  principal: TPrincipal;
  code: string;
  purpose: string;
  now?: Date;
}): Promise<{ verifiedAt: Date }> {
  const digits = parseTotpCode(code, { field: "code", notDone: "The code was not accepted.", missing: "Enter the code." });
  return checkCodeWithLockout({
    principal,
    check: "step_up",
    code: digits,
    now,
    field: "code",
    details: { purpose },
    credential: async (tx) => {
      const credential = await tx.totpCredential.findUnique({ where: { userId: principal.userId } });
      if (!credential?.confirmedAt)
        throw new AppError("CONFLICT", "Set up an authenticator app in Settings first: signing needs a second factor.", {
          extra: { settings: "/settings" },
        });
      return credential;
    },
    accepted: async (tx) => {
      await tx.stepUpVerification.create({
        data: {
          orgId: principal.orgId,
          userId: principal.userId,
          sessionId: principal.sessionId,
          method: "totp",
          purpose,
          verifiedAt: now,
        },
      });
      return { result: { verifiedAt: now }, details: { verifiedAt: now.toISOString() } };
    },
  });
}
