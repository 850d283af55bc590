import { getPrincipal } from "@/lib/auth/get-principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/errors/problem";
import { eventFilterKeys, hasEventFilters, strictEventFilters } from "@/lib/investigations/event-filters";
import { exportInvestigationEvents } from "@/lib/investigations/export-investigation-events";

export const dynamic = "force-dynamic";

/**
 * GET ?format=csv|ndjson[&view=<savedViewId> | &q=&action=&actor=&outcome=&from=&to=&starred=1&tag=]
 * — the investigation's events (or a saved view's) as a download. The export is appended to the
 * ledger before the file is sent; the headers name that entry and the file's SHA-256.
 */
export async function GET(request: Request, { params }: { params: Promise<{ investigationId: string }> }): Promise<Response> {
  const { investigationId } = await params;
  const url = new URL(request.url);
  try {
    const principal = await getPrincipal();
    if (!principal) throw new AppError("UNAUTHORIZED", "Sign in to export an investigation.");
    assertCapability(principal, "investigations.view");
    const viewId = url.searchParams.get("view") || undefined;
    const filters = strictEventFilters(url.searchParams);
    if (viewId && hasEventFilters(filters)) {
      throw new AppError("INVALID_INPUT", `Export either a saved view or filters (${eventFilterKeys.join(", ")}), not both.`, { fieldErrors: [{ field: "view", message: "given together with filters" }] });
    }
    const file = await exportInvestigationEvents({ principal, investigationId, input: { format: url.searchParams.get("format") ?? undefined, viewId, filters } });
    return new Response(file.body, {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "no-store",
        "x-custody-export-sha256": file.sha256,
        "x-custody-ledger-seq": file.ledgerSeq,
        "x-custody-export-count": String(file.count),
      },
    });
  } catch (error) {
    return problemResponse(error, url.pathname, { "cache-control": "no-store" });
  }
}
