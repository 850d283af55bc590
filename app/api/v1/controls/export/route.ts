import { z } from "zod";
import { ZControlQuery } from "@/lib/controls/control-query";
import { exportControlHealth } from "@/lib/controls/export-control-health";
import { route, session } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const ZExportQuery = ZControlQuery.extend({ format: z.enum(["csv"], { error: "format must be csv." }).default("csv") });

/** GET ?format=csv&team=<id> — the dashboard as CSV, one line per test. */
export const GET = route({ auth: session("controls.view"), query: ZExportQuery }, async ({ principal, query }) => {
  const file = await exportControlHealth({ principal, teamId: query.team ?? null });
  return new Response(file.body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${file.filename}"`,
      "x-content-type-options": "nosniff",
      "x-custody-export-sha256": file.sha256,
    },
  });
});
