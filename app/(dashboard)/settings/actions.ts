"use server";

import { revalidatePath } from "next/cache";
import { getPrincipal } from "@/lib/auth/get-principal";
import { confirmTotpEnrollment } from "@/lib/auth/totp/confirm-totp-enrollment";
import { startTotpEnrollment } from "@/lib/auth/totp/start-totp-enrollment";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { markNotificationsRead, ZMarkNotificationsRead } from "@/lib/notifications/mark-notifications-read";

export type TSettingsActionState =
  | { ok: true; message: string; enrollment?: { secret: string; qrDataUrl: string; otpauthUri: string } }
  | { ok: false; message: string; fieldErrors: Record<string, string> }
  | null;

async function signedIn() {
  const principal = await getPrincipal();
  if (!principal) throw new AppError("UNAUTHORIZED", "Your session has ended. Sign in again; nothing was changed.");
  return principal;
}

function failure(error: unknown, what: string): TSettingsActionState {
  if (isAppError(error)) return { ok: false, message: error.message, fieldErrors: Object.fromEntries(error.fieldErrors.map(({ field, message }) => [field, message])) };
  console.error(`[custody] ${what}`, error);
  return { ok: false, message: `${what}: something went wrong on the server. Nothing was changed.`, fieldErrors: {} };
}

/** A new authenticator secret, returned once to this page (QR code and text); replacing one takes a current code. */
export async function startTotpEnrollmentAction(currentCode?: string): Promise<TSettingsActionState> {
  try {
    const enrollment = await startTotpEnrollment({ principal: await signedIn(), currentCode });
    return { ok: true, message: "Scan the code with your authenticator app, then enter the code it shows.", enrollment };
  } catch (error) {
    return failure(error, "The authenticator could not be set up");
  }
}

export async function confirmTotpEnrollmentAction(code: string): Promise<TSettingsActionState> {
  try {
    await confirmTotpEnrollment({ principal: await signedIn(), code });
    revalidatePath("/settings");
    return { ok: true, message: "Your authenticator app is set up. You will be asked for a code when you sign off a review." };
  } catch (error) {
    return failure(error, "The authenticator was not confirmed");
  }
}

export async function markNotificationsReadAction(ids?: string[]): Promise<TSettingsActionState> {
  try {
    const parsed = ZMarkNotificationsRead.parse({ ids });
    const count = await markNotificationsRead({ principal: await signedIn(), ids: parsed.ids });
    revalidatePath("/", "layout");
    return { ok: true, message: `${count} marked read.` };
  } catch (error) {
    return failure(error, "Notifications were not marked read");
  }
}
