import "server-only";
import { verify } from "otplib";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";

/** A six-digit code as people type it: spaces and dashes are ignored. */
export const ZTotpCode = z
  .string({ error: "Enter the 6-digit code from your authenticator app." })
  .transform((value) => value.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app."));

/** The code as typed, made six digits; else INVALID_INPUT saying what was not done and, on `field`, what is wrong with the code. */
export function parseTotpCode(code: unknown, { field, notDone, missing }: { field: string; notDone: string; missing: string }): string {
  const parsed = ZTotpCode.safeParse(code);
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", notDone, { fieldErrors: [{ field, message: parsed.error.issues[0]?.message ?? missing }] });
  return parsed.data;
}

/**
 * The time step a code belongs to when it is valid at `now` (one step of clock drift either way
 * allowed) and newer than `afterStep`, else null: each code is accepted once.
 */
export async function checkTotpCode({
  secret,
  code,
  now,
  afterStep,
}: {
  secret: string;
  code: string;
  now: Date;
  afterStep: number | null;
}): Promise<number | null> {
  let result: Awaited<ReturnType<typeof verify>>;
  try {
    result = await verify({
      secret,
      token: code,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: 30,
      ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
    });
  } catch {
    // A last-used step beyond the window (a clock set back): no code can be accepted.
    return null;
  }
  // The union type includes HOTP's result; for TOTP a valid result carries its time step.
  return result.valid && "timeStep" in result ? (result.timeStep as number) : null;
}
