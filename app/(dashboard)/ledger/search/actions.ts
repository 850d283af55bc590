"use server";

import { getPrincipal } from "@/lib/auth/get-principal";
import { isAppError } from "@/lib/errors/app-error";
import { forgetSearchReason, rememberSearchReason } from "@/lib/ledger-search/search-reason-cookie";
import { justificationHint, ZSearchReason } from "@/lib/ledger-search/search-reason";

// Ledger search's server actions: giving the reason every query of this session is recorded
// with, and taking it back to give another. Nothing is read from the ledger here.

export type TSearchReasonActionState = { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string> };

export async function giveSearchReasonAction(input: unknown): Promise<TSearchReasonActionState> {
  const parsed = ZSearchReason.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "justification")] ??= issue.message;
    return { ok: false, message: "The justification is not valid.", fieldErrors };
  }
  if (!parsed.data.justification && !parsed.data.investigationId) return { ok: false, message: justificationHint, fieldErrors: { justification: justificationHint } };
  try {
    const principal = await getPrincipal();
    if (!principal) return { ok: false, message: "Your session has ended. Sign in again.", fieldErrors: {} };
    await rememberSearchReason({ principal, reason: parsed.data });
    return { ok: true };
  } catch (error) {
    if (isAppError(error)) {
      const fieldErrors: Record<string, string> = {};
      for (const { field, message } of error.fieldErrors) fieldErrors[field === "investigation" ? "investigationId" : field] ??= message;
      return { ok: false, message: error.message, fieldErrors };
    }
    console.error("[custody] The ledger search justification was not kept", error);
    return { ok: false, message: "Something went wrong on the server. Try again, and tell your administrator if it persists.", fieldErrors: {} };
  }
}

export async function clearSearchReasonAction(): Promise<void> {
  await forgetSearchReason();
}
