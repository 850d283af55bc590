"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult, type TActionState } from "@/lib/actions/run-action";
import { parseInput } from "@/lib/input/parse-input";
import { ZPathId } from "@/lib/input/route-params";
import { ZText } from "@/lib/input/text";
import { addLedgerWitness, removeLedgerWitness, setLedgerPublication } from "@/lib/ledger/manage-publication";
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

export type TPublicationActionState = TActionState;

/** Opens or closes the checkpoint and hash tiles to readers without sign-in (admins). */
export async function setPublicationAction(publicTiles: boolean): Promise<TActionResult> {
  return runAction("The publication setting was not changed", async (principal) => {
    await setLedgerPublication({ principal, publicTiles });
    revalidatePath("/ledger");
    return {
      message: publicTiles ? "The checkpoint and hash tiles are now public." : "The checkpoint and hash tiles now need ledger.read.",
    };
  });
}

/** Accepts a witness's cosignatures from now on (admins). */
export async function addWitnessAction(_state: TPublicationActionState, input: unknown): Promise<TActionResult> {
  return runAction("The witness was not added", async (principal) => {
    const { verifierKey } = parseInput(ZWitnessInput, input, "The witness");
    const witness = await addLedgerWitness({ principal, verifierKey });
    revalidatePath("/ledger");
    return { message: `Cosignatures by ${witness.name} are accepted from now on.` };
  });
}

/** Stops accepting a witness's cosignatures; those received stay (admins). */
export async function removeWitnessAction(witnessId: string): Promise<TActionResult> {
  return runAction("The witness was not removed", async (principal) => {
    await removeLedgerWitness({ principal, witnessId: parseInput(ZPathId, witnessId, "The witness") });
    revalidatePath("/ledger");
    return { message: "The witness was removed; its cosignatures stay on record." };
  });
}

const ZWitnessInput = z.object({
  verifierKey: ZText.trim().min(1, "Paste the witness's verifier key.").max(500, "A verifier key is well under 500 characters."),
});
