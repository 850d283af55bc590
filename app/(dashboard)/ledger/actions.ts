"use server";

import { getPrincipal } from "@/lib/auth/get-principal";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { startManualVerification } from "@/lib/ledger-integrity/start-manual-verification";

/** What "Verify now" learns: the run to follow, or why none was started (and any run already going). */
export type TStartVerificationResult = { ok: true; verificationId: string } | { ok: false; message: string; verificationId: string | null };

export async function startVerificationAction(): Promise<TStartVerificationResult> {
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", "Your session has ended. Sign in again; no verification was started.");
    // The launcher's ledger jobs run it (this server may not write verdicts); the page polls its progress.
    const { verificationId } = await startManualVerification({ principal });
    return { ok: true, verificationId };
  } catch (error) {
    if (isAppError(error)) {
      const running = typeof error.extra.verificationId === "string" ? error.extra.verificationId : null;
      return { ok: false, message: error.message, verificationId: running };
    }
    console.error("[custody] The verification was not started", error);
    return { ok: false, message: "The verification was not started: something went wrong on the server. Try again, and tell your administrator if it persists.", verificationId: null };
  }
}
