import { ZControlQuery } from "@/lib/controls/control-query";
import { getControlHealth } from "@/lib/controls/get-control-health";
import { route, session } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** GET ?team=<id> — the Controls dashboard's data for the caller's scope (managers: their teams). */
export const GET = route({ auth: session("controls.view"), query: ZControlQuery }, async ({ principal, query }) =>
  getControlHealth({ principal, teamId: query.team ?? null }),
);
