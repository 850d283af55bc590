"use server";

import { revalidatePath } from "next/cache";
import { createGrant, ZCreateGrantInput } from "@/lib/access/create-grant";
import { describeGrant, formatUtc } from "@/lib/access/describe-grant";
import { revokeGrant, ZRevokeGrantInput } from "@/lib/access/revoke-grant";
import { getPrincipal } from "@/lib/auth/get-principal";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod } from "@/lib/errors/problem";

/** What a form learns from an action: a confirmation, or what was wrong, field by field. */
export type TAccessActionState =
  | { ok: true; message: string; grantId: string }
  | { ok: false; message: string; fieldErrors: Record<string, string> }
  | null;

export async function createGrantAction(_previous: TAccessActionState, input: unknown): Promise<TAccessActionState> {
  try {
    const principal = await signedIn();
    const parsed = ZCreateGrantInput.safeParse(input);
    if (!parsed.success) {
      throw new AppError("INVALID_INPUT", "The grant was not created: correct the highlighted fields.", { fieldErrors: fieldErrorsFromZod(parsed.error) });
    }
    const grant = await createGrant({ principal, input: parsed.data });
    revalidatePath("/access", "layout");
    const until = grant.validUntil ? ` until ${formatUtc(grant.validUntil)}` : " with no end date";
    return { ok: true, grantId: grant.id, message: `Granted ${describeGrant(grant)}${until} (grant ${grant.id}). The ledger records it.` };
  } catch (error) {
    return failure(error, "The grant was not created");
  }
}

export async function revokeGrantAction(_previous: TAccessActionState, input: unknown): Promise<TAccessActionState> {
  try {
    const principal = await signedIn();
    const parsed = ZRevokeGrantInput.safeParse(input);
    if (!parsed.success) {
      throw new AppError("INVALID_INPUT", "The grant was not revoked: correct the highlighted fields.", { fieldErrors: fieldErrorsFromZod(parsed.error) });
    }
    const grant = await revokeGrant({ principal, grantId: parsed.data.grantId, reason: parsed.data.reason });
    revalidatePath("/access", "layout");
    return { ok: true, grantId: grant.id, message: `Revoked ${describeGrant(grant)} (grant ${grant.id}). The grant stays in the history; the ledger records the revocation.` };
  } catch (error) {
    return failure(error, "The grant was not revoked");
  }
}

async function signedIn() {
  const principal = await getPrincipal();
  if (!principal) throw new AppError("UNAUTHORIZED", "Your session has ended. Sign in again; nothing was changed.");
  return principal;
}

// Errors become messages here; nothing raw reaches the browser.
function failure(error: unknown, what: string): TAccessActionState {
  if (isAppError(error)) {
    const fieldErrors: Record<string, string> = {};
    for (const { field, message } of error.fieldErrors) {
      const key = field.startsWith("scope") ? "scope" : field;
      fieldErrors[key] ??= message;
    }
    return { ok: false, message: error.message, fieldErrors };
  }
  console.error(`[custody] ${what}`, error);
  return { ok: false, message: `${what}: something went wrong on the server. Nothing was changed; try again, and tell your administrator if it persists.`, fieldErrors: {} };
}
