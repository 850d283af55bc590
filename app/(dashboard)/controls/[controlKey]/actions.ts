"use server";

import { revalidatePath } from "next/cache";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { updateControl } from "@/lib/controls/update-control";

/** Saves a control's owner, SLA and thresholds (a ledger event); field errors come back per field. */
export async function updateControlAction(controlKey: string, input: unknown): Promise<TActionResult> {
  return runAction(
    "The control was not changed",
    async (principal) => {
      const result = await updateControl({ principal, controlKey, input });
      revalidatePath(`/controls/${controlKey}`);
      revalidatePath("/controls");
      return { message: result.changed ? "Saved. The change is in the ledger; today's figures use it now." : "Nothing changed." };
    },
    { fieldKey: (path) => path },
  );
}
