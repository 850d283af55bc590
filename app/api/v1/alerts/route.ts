import { alertActorOfCaller } from "@/lib/alerts/triage/alert-actor";
import { ZAlertListFilters } from "@/lib/alerts/triage/alert-filters";
import { listAlerts } from "@/lib/alerts/triage/list-alerts";
import { summarizeAlerts } from "@/lib/alerts/triage/summarize-alerts";
import { route, sessionOrToken } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * GET ?status=&severity=&detector=&artifact=&actor=&from=&to=&limit=&cursor= — alerts, newest
 * last-seen first, in keyset pages: pass `nextCursor` back as `cursor` for the next one (null at
 * the end). `summary=1` adds counts per status and per detector by day. A session with
 * alerts.view, or a token with alerts:read.
 */
export const GET = route(
  { auth: sessionOrToken("alerts:read", "alerts.view"), query: ZAlertListFilters },
  async ({ caller, query, url }) => {
    const reader = alertActorOfCaller(caller, "read");
    const page = await listAlerts({ reader, filters: query });
    return url.searchParams.get("summary") === "1" ? { ...page, summary: await summarizeAlerts({ reader, filters: query }) } : page;
  },
);
