"use server";

import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { startManualVerification } from "@/lib/ledger-integrity/start-manual-verification";

/** What "Verify now" learns: the run to follow, or why none was started (extra.verificationId: any run already going). */
export type TStartVerificationResult = TActionResult<{ verificationId: string }>;

export async function startVerificationAction(): Promise<TStartVerificationResult> {
  return runAction("The verification was not started", async (principal) => {
    const { verificationId, completion } = await startManualVerification({ principal });
    // The run goes on in this server process after the response; the page polls its progress.
    void completion;
    return { verificationId, message: `Verification ${verificationId} started.` };
  });
}
