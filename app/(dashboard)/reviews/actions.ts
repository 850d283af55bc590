"use server";

import { revalidatePath } from "next/cache";
import { runAction, scopeFieldKey, type TActionState } from "@/lib/actions/run-action";
import { verifyStepUp } from "@/lib/auth/totp/verify-step-up";
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

export type TReviewActionState = TActionState<{ campaignId?: string; until?: string }>;

const run = <T extends object>(what: string, work: Parameters<typeof runAction<T>>[1]) =>
  runAction(what, work, { fieldKey: scopeFieldKey });

const refresh = (campaignId?: string) => revalidatePath(campaignId ? `/reviews/${campaignId}` : "/reviews", "layout");

export async function createCampaignAction(input: unknown): Promise<TReviewActionState> {
  return run("The campaign was not created", async (principal) => {
    const campaign = await createCampaign({ principal, input });
    refresh();
    return { campaignId: campaign.id, message: `Campaign "${campaign.name}" created as a draft. Launch it to take the snapshot.` };
  });
}

export async function launchCampaignAction(campaignId: string): Promise<TReviewActionState> {
  return run("The campaign was not launched", async (principal) => {
    const result = await launchCampaign({ principal, campaignId });
    refresh();
    const unassigned = result.unassigned > 0 ? ` ${result.unassigned} have no reviewer: reassign them.` : "";
    return {
      campaignId,
      message: `Launched: ${result.items} grants snapshotted into review items for ${result.reviewers} reviewers, who have been notified.${unassigned}`,
    };
  });
}

export async function closeCampaignAction(campaignId: string): Promise<TReviewActionState> {
  return run("The campaign was not closed", async (principal) => {
    const result = await closeCampaign({ principal, campaignId });
    refresh();
    const outcomes = Object.entries(result.outcomes)
      .map(([outcome, count]) => `${count} ${reviewOutcomeLabels[outcome]?.toLowerCase() ?? outcome}`)
      .join(", ");
    return {
      campaignId,
      message: `Campaign closed. ${result.unanswered} unanswered ${result.unanswered === 1 ? "item was" : "items were"} settled${outcomes ? `: ${outcomes}` : ""}. It is read-only now.`,
    };
  });
}

export async function decideReviewItemAction(itemId: string, input: unknown): Promise<TReviewActionState> {
  return run("The decision was not recorded", async (principal) => {
    const item = await decideReviewItem({ principal, itemId, input });
    refresh(item.campaignId);
    return {
      message: `Decision recorded for ${item.principalName} (${item.action} on ${item.scopeName}). It takes effect when you sign off.`,
    };
  });
}

export async function decideReviewItemsAction(campaignId: string, input: unknown): Promise<TReviewActionState> {
  return run("Nothing was decided", async (principal) => {
    const result = await decideReviewItems({ principal, campaignId, input });
    refresh(campaignId);
    const skipped = result.skipped > 0 ? ` ${result.skipped} could not take this decision and were left as they were.` : "";
    return {
      message: `Decision recorded on ${result.decided} ${result.decided === 1 ? "item" : "items"}; they take effect when you sign off.${skipped}`,
    };
  });
}

export async function reassignReviewItemsAction(campaignId: string, input: unknown): Promise<TReviewActionState> {
  return run("Nothing was reassigned", async (principal) => {
    const result = await reassignReviewItems({ principal, campaignId, input });
    refresh(campaignId);
    return {
      message: `${result.mode === "reassign" ? "Reassigned" : "Delegated"} ${result.moved} ${result.moved === 1 ? "item" : "items"}; the new reviewer has been notified.`,
    };
  });
}

export async function verifyStepUpAction(campaignId: string, code: string): Promise<TReviewActionState> {
  return run("The code was not verified", async (principal) => {
    const { verifiedAt } = await verifyStepUp({ principal, code, purpose: `review.sign_off:${campaignId}` });
    return { until: new Date(verifiedAt.getTime() + 5 * 60_000).toISOString(), message: "Code verified. Sign within 5 minutes." };
  });
}

export async function signOffAction(campaignId: string): Promise<TReviewActionState> {
  return run("Nothing was signed", async (principal) => {
    const result = await signOffReviewItems({ principal, campaignId });
    refresh(campaignId);
    const outcomes = Object.entries(result.outcomes)
      .map(([outcome, count]) => `${count} ${reviewOutcomeLabels[outcome]?.toLowerCase() ?? outcome}`)
      .join(", ");
    return {
      message: `Signed off ${result.items} ${result.items === 1 ? "decision" : "decisions"} (${outcomes}). Ledger entry #${result.ledgerSeq}, digest ${result.digest.slice(0, 12)}….`,
    };
  });
}
