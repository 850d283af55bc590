"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { updateAlertRule } from "@/lib/alerts/rules/update-alert-rule";
import { parseInput } from "@/lib/input/parse-input";

export type TRuleActionResult = TActionResult<{ historyRerun: boolean }>;

const ZRequest = z.object({ detector: z.string().trim().min(1).max(100), input: z.unknown() });

/** Saves one detector's rule; the domain validates it field by field and records the change in the ledger. */
export async function updateAlertRuleAction(detector: string, input: unknown): Promise<TRuleActionResult> {
  return runAction("The rule was not saved", async (principal) => {
    const request = parseInput(ZRequest, { detector, input }, "The rule was not saved");
    const result = await updateAlertRule(principal, request.detector, request.input);
    revalidatePath("/alerts/rules");
    return {
      message: result.historyRerun
        ? "Saved. The detector is on again and will judge the whole ledger history once (already-raised findings are not raised twice)."
        : "Saved. The change is recorded in the ledger and applies from the next pass (within seconds).",
      historyRerun: result.historyRerun,
    };
  });
}
