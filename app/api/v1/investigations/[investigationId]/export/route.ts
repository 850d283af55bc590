import { AppError } from "@/lib/errors/app-error";
import { route, session } from "@/lib/http/route";
import { ZInvestigationParams } from "@/lib/input/route-params";
import { eventFilterKeys, hasEventFilters, strictEventFilters } from "@/lib/investigations/event-filters";
import { exportInvestigationEvents } from "@/lib/investigations/export-investigation-events";
import { downloadResponse } from "@/lib/exports/download-response";

export const dynamic = "force-dynamic";

/**
 * GET ?format=csv|ndjson[&view=<savedViewId> | &q=&action=&actor=&outcome=&from=&to=&starred=1&tag=]
 * — the investigation's events (or a saved view's) as a download. The export is appended to the
 * ledger before the file is sent; the headers name that entry and the file's SHA-256.
 */
export const GET = route(
  { auth: session("investigations.view"), params: ZInvestigationParams, notFound: "There is no such investigation." },
  async ({ principal, params, url }) => {
    const viewId = url.searchParams.get("view") || undefined;
    const filters = strictEventFilters(url.searchParams);
    if (viewId && hasEventFilters(filters)) {
      throw new AppError("INVALID_INPUT", `Export either a saved view or filters (${eventFilterKeys.join(", ")}), not both.`, {
        fieldErrors: [{ field: "view", message: "given together with filters" }],
      });
    }
    const file = await exportInvestigationEvents({
      principal,
      investigationId: params.investigationId,
      input: { format: url.searchParams.get("format") ?? undefined, viewId, filters },
    });
    return downloadResponse(file);
  },
);
