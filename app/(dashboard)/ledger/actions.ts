"use server";

import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { startManualVerification } from "@/lib/ledger-integrity/start-manual-verification";

/** What "Verify now" learns: the run to follow, or why none was started (extra.verificationId: any run already going). */
export type TStartVerificationResult = TActionResult<{ verificationId: string }>;

export async function startVerificationAction(): Promise<TStartVerificationResult> {
  return runAction("The verification was not started", async (principal) => {
    // The launcher's ledger jobs run it (this server may not write verdicts); the page polls its progress.
    const { verificationId } = await startManualVerification({ principal });
    return { verificationId, message: `Verification ${verificationId} started.` };
  });
}
