"use server";

import { revalidatePath } from "next/cache";
import { runAction, type TActionState } from "@/lib/actions/run-action";
import { confirmTotpEnrollment } from "@/lib/auth/totp/confirm-totp-enrollment";
import { startTotpEnrollment } from "@/lib/auth/totp/start-totp-enrollment";
import { parseInput } from "@/lib/input/parse-input";
import { markNotificationsRead, ZMarkNotificationsRead } from "@/lib/notifications/mark-notifications-read";

export type TSettingsActionState = TActionState<{ enrollment?: { secret: string; qrDataUrl: string; otpauthUri: string } }>;

/** A new authenticator secret, returned once to this page (QR code and text); replacing one takes a current code. */
export async function startTotpEnrollmentAction(currentCode?: string): Promise<TSettingsActionState> {
  return runAction("The authenticator could not be set up", async (principal) => {
    const enrollment = await startTotpEnrollment({ principal, currentCode });
    return { message: "Scan the code with your authenticator app, then enter the code it shows.", enrollment };
  });
}

export async function confirmTotpEnrollmentAction(code: string): Promise<TSettingsActionState> {
  return runAction("The authenticator was not confirmed", async (principal) => {
    await confirmTotpEnrollment({ principal, code });
    revalidatePath("/settings");
    return { message: "Your authenticator app is set up. You will be asked for a code when you sign off a review." };
  });
}

export async function markNotificationsReadAction(ids?: string[]): Promise<TSettingsActionState> {
  return runAction("Notifications were not marked read", async (principal) => {
    const parsed = parseInput(ZMarkNotificationsRead, { ids }, "Notifications were not marked read");
    const count = await markNotificationsRead({ principal, ids: parsed.ids });
    revalidatePath("/", "layout");
    return { message: `${count} marked read.` };
  });
}
