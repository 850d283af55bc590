"use server";

import { revalidatePath } from "next/cache";
import { runAction, topLevelFieldKey, type TActionResult } from "@/lib/actions/run-action";
import { addSignerPolicyEntry } from "@/lib/provenance/add-signer-policy-entry";
import { removeSignerPolicyEntry } from "@/lib/provenance/remove-signer-policy-entry";

/** Allow an identity or a key to sign a project's models (admins; recorded in the ledger). */
export async function addSignerAction(input: unknown): Promise<TActionResult> {
  return runAction(
    "The signer was not added",
    async (principal) => {
      const result = await addSignerPolicyEntry({ principal, input });
      revalidatePath("/admin/signer-policy");
      return { message: result.message };
    },
    { fieldKey: topLevelFieldKey },
  );
}

/** Stop allowing a signer; past verdicts stay as recorded. */
export async function removeSignerAction(input: unknown): Promise<TActionResult> {
  return runAction("The signer was not removed", async (principal) => {
    const result = await removeSignerPolicyEntry({ principal, input });
    revalidatePath("/admin/signer-policy");
    return { message: result.message };
  });
}
