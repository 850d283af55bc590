import { z } from "zod";
import { route, session } from "@/lib/http/route";
import { ZCampaignParams } from "@/lib/input/route-params";
import { exportCampaign } from "@/lib/reviews/export-campaign";
import { downloadResponse } from "@/lib/exports/download-response";

export const dynamic = "force-dynamic";

const ZExportQuery = z.object({
  format: z.enum(["csv", "json"], { error: "format must be csv or json." }).default("csv"),
});

/** GET ?format=csv|json — a closed campaign's items, decisions, sign-offs and revocations, as a download. Recorded in the ledger. */
export const GET = route(
  { auth: session("reviews.export"), params: ZCampaignParams, notFound: "There is no such review campaign.", query: ZExportQuery },
  async ({ principal, params, query }) => {
    const file = await exportCampaign({ principal, campaignId: params.campaignId, format: query.format });
    return downloadResponse(file);
  },
);
