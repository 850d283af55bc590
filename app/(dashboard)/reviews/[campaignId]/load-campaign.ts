import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import type { TPrincipal } from "@/lib/auth/principal";
import { isAppError } from "@/lib/errors/app-error";
import { getCampaign } from "@/lib/reviews/get-campaign";

/**
 * The campaign for a page, or the 404 page when the person may not see it. Cached for the request:
 * the segment's layout reads it first (so a missing campaign answers 404 before anything streams),
 * the page then reuses that read.
 */
export const loadCampaign = cache(async (principal: TPrincipal, campaignId: string) => {
  try {
    return await getCampaign({ principal, campaignId });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});
