import "server-only";
import { notFound } from "next/navigation";
import type { TPrincipal } from "@/lib/auth/principal";
import { isAppError } from "@/lib/errors/app-error";
import { getCampaign } from "@/lib/reviews/get-campaign";

/** The campaign for a page, or the 404 page when the person may not see it. */
export async function loadCampaign(principal: TPrincipal, campaignId: string) {
  try {
    return await getCampaign({ principal, campaignId });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
