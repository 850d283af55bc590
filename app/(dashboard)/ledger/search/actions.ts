"use server";

import { runAction, topLevelFieldKey, type TActionResult } from "@/lib/actions/run-action";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/input/parse-input";
import { forgetSearchReason, rememberSearchReason } from "@/lib/ledger-search/search-reason-cookie";
import { justificationHint, ZSearchReason } from "@/lib/ledger-search/search-reason";

// Ledger search's server actions: giving the reason every query of this session is recorded
// with, and taking it back to give another. Nothing is read from the ledger here.

export type TSearchReasonActionState = TActionResult;

// The form's fields are justification and investigationId; the domain says "investigation".
const fieldKey = (path: string) => (topLevelFieldKey(path) === "investigation" ? "investigationId" : topLevelFieldKey(path));

export async function giveSearchReasonAction(input: unknown): Promise<TSearchReasonActionState> {
  return runAction<object>(
    "The justification was not kept",
    async (principal) => {
      const reason = parseInput(ZSearchReason, input, "The justification is not valid");
      if (!reason.justification && !reason.investigationId)
        throw new AppError("INVALID_INPUT", justificationHint, { fieldErrors: [{ field: "justification", message: justificationHint }] });
      await rememberSearchReason({ principal, reason });
      return { message: "Every query you make here is recorded with this reason." };
    },
    { fieldKey },
  );
}

export async function clearSearchReasonAction(): Promise<TActionResult> {
  return runAction<object>("The justification was not cleared", async () => {
    await forgetSearchReason();
    return { message: "Give a new reason to search again." };
  });
}
