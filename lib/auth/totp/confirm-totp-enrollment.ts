import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors/app-error";
import { checkCodeWithLockout } from "./check-code-with-lockout";
import { parseTotpCode } from "./check-totp-code";

/** Finishes enrolment with a first code from the app; counted and recorded like every code check. */
export async function confirmTotpEnrollment({
  principal,
  code,
  now = new Date(),
}: {
  principal: TPrincipal;
  code: string;
  now?: Date;
}): Promise<{ confirmedAt: Date }> {
  const digits = parseTotpCode(code, { field: "code", notDone: "The authenticator was not confirmed.", missing: "Enter the code." });
  return checkCodeWithLockout({
    principal,
    check: "enroll",
    code: digits,
    now,
    field: "code",
    hint: "Check the time on your phone, and that you scanned the code shown here.",
    credential: async (tx) => {
      const credential = await tx.totpCredential.findUnique({ where: { userId: principal.userId } });
      if (!credential) throw new AppError("CONFLICT", "Start setting up your authenticator first.");
      if (credential.confirmedAt) throw new AppError("CONFLICT", "Your authenticator is already set up.");
      return credential;
    },
    accepted: async (tx) => {
      await tx.totpCredential.update({ where: { userId: principal.userId }, data: { confirmedAt: now } });
      return { result: { confirmedAt: now } };
    },
  });
}
