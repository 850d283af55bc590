import "server-only";
import { getPrincipal } from "@/lib/auth/get-principal";
import type { TPrincipal } from "@/lib/auth/principal";
import { AppError, isAppError, type TErrorCode } from "@/lib/errors/app-error";
import { serverFailureMessage, uiMessages } from "@/lib/errors/ui-messages";

// The one way to write a server action (issue 10): sign-in check, the domain call, and errors as
// words a person can act on, never raw. Every action in app/ returns a TActionResult.

/** What went wrong, for the form: a message, and messages per field. */
export type TActionFailure = {
  ok: false;
  code: TErrorCode;
  message: string;
  fieldErrors: Record<string, string>;
  stepUpRequired?: boolean;
  extra: Record<string, unknown>;
};

/** What an action answers: its confirmation (and whatever it returns), or what was wrong. */
export type TActionResult<T extends object = object> = ({ ok: true; message: string } & T) | TActionFailure;

/** For forms driven by useActionState, whose first state is null. */
export type TActionState<T extends object = object> = TActionResult<T> | null;

type TRunOptions = {
  /** The form's name for a field error's path; default: the path without a trailing list index. */
  fieldKey?: (path: string) => string;
};

/** Field errors about any part of a scope land on the scope picker. */
export const scopeFieldKey = (path: string) => (path.startsWith("scope") ? "scope" : path);
/** Field errors land on the top-level field they are about. */
export const topLevelFieldKey = (path: string) => path.split(".")[0] ?? path;
const withoutIndex = (path: string) => path.replace(/\.\d+$/, "");

/** Runs `work` for the signed-in person; `what` says what did not happen if it fails ("The grant was not created"). */
export async function runAction<T extends object>(
  what: string,
  work: (principal: TPrincipal) => Promise<{ message: string } & T>,
  options: TRunOptions = {},
): Promise<TActionResult<T>> {
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", uiMessages.sessionEnded);
    return { ok: true, ...(await work(principal)) };
  } catch (error) {
    return toActionFailure(error, what, options.fieldKey ?? withoutIndex);
  }
}

function toActionFailure(error: unknown, what: string, fieldKey: (path: string) => string): TActionFailure {
  if (!isAppError(error)) {
    console.error(`[custody] ${what}`, error);
    return { ok: false, code: "INTERNAL", message: serverFailureMessage(what), fieldErrors: {}, extra: {} };
  }
  const fieldErrors: Record<string, string> = {};
  for (const { field, message } of error.fieldErrors) fieldErrors[fieldKey(field)] ??= message;
  const failure: TActionFailure = { ok: false, code: error.code, message: error.message, fieldErrors, extra: error.extra };
  if (error.extra.stepUpRequired === true) failure.stepUpRequired = true;
  return failure;
}
