import { alertActorOfCaller } from "@/lib/alerts/triage/alert-actor";
import { ZAlertParams } from "@/lib/alerts/triage/alert-params";
import { getAlert } from "@/lib/alerts/triage/get-alert";
import { route, sessionOrToken } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** GET — one alert (by id or number: 12, ALR-12) with its evidence entries, grants at the time, related alerts and history. Showing the evidence is a recorded ledger read. */
export const GET = route(
  { auth: sessionOrToken("alerts:read", "alerts.view"), params: ZAlertParams, notFound: "There is no such alert." },
  ({ caller, params }) => getAlert({ reader: alertActorOfCaller(caller, "read"), alertKey: params.alertId }),
);
