"use server";

import { revalidatePath } from "next/cache";
import { getPrincipal } from "@/lib/auth/get-principal";
import { verifyStepUp } from "@/lib/auth/totp/verify-step-up";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { closeCampaign } from "@/lib/reviews/close-campaign";
import { createCampaign } from "@/lib/reviews/create-campaign";
import { decideReviewItem } from "@/lib/reviews/decide-review-item";
import { decideReviewItems } from "@/lib/reviews/decide-review-items";
import { launchCampaign } from "@/lib/reviews/launch-campaign";
import { reassignReviewItems } from "@/lib/reviews/reassign-review-items";
import { reviewOutcomeLabels } from "@/lib/reviews/review-vocabulary";
import { signOffReviewItems } from "@/lib/reviews/sign-off-review-items";

// The reviews pages' writes. Each calls the domain, which checks permissions and records the
// ledger entry itself; errors come back as messages (and field errors), never raw.

export type TReviewActionState =
  | { ok: true; message: string; campaignId?: string; until?: string }
  | { ok: false; message: string; fieldErrors: Record<string, string>; stepUpRequired?: boolean }
  | null;

async function signedIn() {
  const principal = await getPrincipal();
  if (!principal) throw new AppError("UNAUTHORIZED", "Your session has ended. Sign in again; nothing was changed.");
  return principal;
}

function failure(error: unknown, what: string): TReviewActionState {
  if (isAppError(error)) {
    const fieldErrors: Record<string, string> = {};
    for (const { field, message } of error.fieldErrors) fieldErrors[field.replace(/^scope\..*/, "scope")] ??= message;
    return { ok: false, message: error.message, fieldErrors, stepUpRequired: error.extra.stepUpRequired === true };
  }
  console.error(`[custody] ${what}`, error);
  return { ok: false, message: `${what}: something went wrong on the server. Nothing was changed; try again, and tell your administrator if it persists.`, fieldErrors: {} };
}

const refresh = (campaignId?: string) => revalidatePath(campaignId ? `/reviews/${campaignId}` : "/reviews", "layout");

export async function createCampaignAction(input: unknown): Promise<TReviewActionState> {
  try {
    const campaign = await createCampaign({ principal: await signedIn(), input });
    refresh();
    return { ok: true, campaignId: campaign.id, message: `Campaign "${campaign.name}" created as a draft. Launch it to take the snapshot.` };
  } catch (error) {
    return failure(error, "The campaign was not created");
  }
}

export async function launchCampaignAction(campaignId: string): Promise<TReviewActionState> {
  try {
    const result = await launchCampaign({ principal: await signedIn(), campaignId });
    refresh();
    const unassigned = result.unassigned > 0 ? ` ${result.unassigned} have no reviewer: reassign them.` : "";
    return { ok: true, campaignId, message: `Launched: ${result.items} grants snapshotted into review items for ${result.reviewers} reviewers, who have been notified.${unassigned}` };
  } catch (error) {
    return failure(error, "The campaign was not launched");
  }
}

export async function closeCampaignAction(campaignId: string): Promise<TReviewActionState> {
  try {
    const result = await closeCampaign({ principal: await signedIn(), campaignId });
    refresh();
    const outcomes = Object.entries(result.outcomes).map(([outcome, count]) => `${count} ${reviewOutcomeLabels[outcome]?.toLowerCase() ?? outcome}`).join(", ");
    return { ok: true, campaignId, message: `Campaign closed. ${result.unanswered} unanswered ${result.unanswered === 1 ? "item was" : "items were"} settled${outcomes ? `: ${outcomes}` : ""}. It is read-only now.` };
  } catch (error) {
    return failure(error, "The campaign was not closed");
  }
}

export async function decideReviewItemAction(itemId: string, input: unknown): Promise<TReviewActionState> {
  try {
    const item = await decideReviewItem({ principal: await signedIn(), itemId, input });
    refresh(item.campaignId);
    return { ok: true, message: `Decision recorded for ${item.principalName} (${item.action} on ${item.scopeName}). It takes effect when you sign off.` };
  } catch (error) {
    return failure(error, "The decision was not recorded");
  }
}

export async function decideReviewItemsAction(campaignId: string, input: unknown): Promise<TReviewActionState> {
  try {
    const result = await decideReviewItems({ principal: await signedIn(), campaignId, input });
    refresh(campaignId);
    const skipped = result.skipped > 0 ? ` ${result.skipped} could not take this decision and were left as they were.` : "";
    return { ok: true, message: `Decision recorded on ${result.decided} ${result.decided === 1 ? "item" : "items"}; they take effect when you sign off.${skipped}` };
  } catch (error) {
    return failure(error, "Nothing was decided");
  }
}

export async function reassignReviewItemsAction(campaignId: string, input: unknown): Promise<TReviewActionState> {
  try {
    const result = await reassignReviewItems({ principal: await signedIn(), campaignId, input });
    refresh(campaignId);
    return { ok: true, message: `${result.mode === "reassign" ? "Reassigned" : "Delegated"} ${result.moved} ${result.moved === 1 ? "item" : "items"}; the new reviewer has been notified.` };
  } catch (error) {
    return failure(error, "Nothing was reassigned");
  }
}

export async function verifyStepUpAction(campaignId: string, code: string): Promise<TReviewActionState> {
  try {
    const { verifiedAt } = await verifyStepUp({ principal: await signedIn(), code, purpose: `review.sign_off:${campaignId}` });
    return { ok: true, until: new Date(verifiedAt.getTime() + 5 * 60_000).toISOString(), message: "Code verified. Sign within 5 minutes." };
  } catch (error) {
    return failure(error, "The code was not verified");
  }
}

export async function signOffAction(campaignId: string): Promise<TReviewActionState> {
  try {
    const result = await signOffReviewItems({ principal: await signedIn(), campaignId });
    refresh(campaignId);
    const outcomes = Object.entries(result.outcomes).map(([outcome, count]) => `${count} ${reviewOutcomeLabels[outcome]?.toLowerCase() ?? outcome}`).join(", ");
    return { ok: true, message: `Signed off ${result.items} ${result.items === 1 ? "decision" : "decisions"} (${outcomes}). Ledger entry #${result.ledgerSeq}, digest ${result.digest.slice(0, 12)}….` };
  } catch (error) {
    return failure(error, "Nothing was signed");
  }
}
