import { z } from "zod";
import { getPrincipal } from "@/lib/auth/get-principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/errors/problem";
import { exportCampaign } from "@/lib/reviews/export-campaign";

export const dynamic = "force-dynamic";

const ZExportQuery = z.object({
  format: z.enum(["csv", "json"], { error: "format must be csv or json." }).default("csv"),
});
const ZCampaignId = z.string().trim().min(1).max(100);

/** GET ?format=csv|json — a closed campaign's items, decisions, sign-offs and revocations, as a download. Recorded in the ledger. */
export async function GET(request: Request, { params }: { params: Promise<{ campaignId: string }> }): Promise<Response> {
  const url = new URL(request.url);
  const noStore = { "cache-control": "no-store" };
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", "Sign in to download an access review.");
    assertCapability(principal, "reviews.export");
    const query = ZExportQuery.safeParse({ format: url.searchParams.get("format") ?? undefined });
    if (!query.success) throw new AppError("INVALID_INPUT", "The download was not made.", { fieldErrors: [{ field: "format", message: "format must be csv or json." }] });
    const campaignId = ZCampaignId.safeParse((await params).campaignId);
    if (!campaignId.success) throw new AppError("NOT_FOUND", "There is no such review campaign.");
    const file = await exportCampaign({ principal, campaignId: campaignId.data, format: query.data.format });
    return new Response(file.body, {
      headers: { ...noStore, "content-type": file.contentType, "content-disposition": `attachment; filename="${file.filename}"`, "x-content-type-options": "nosniff" },
    });
  } catch (error) {
    return problemResponse(error, url.pathname, noStore);
  }
}
