import { alertTriager } from "@/lib/alerts/triage/alert-actor";
import { ZAlertParams } from "@/lib/alerts/triage/alert-params";
import { escalateAlert } from "@/lib/alerts/triage/escalate-alert";
import { route, session } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** POST — opens an investigation from the alert, holding its evidence (session only: a person opens a case). 409 if it was escalated already. */
export const POST = route(
  { auth: session("alerts.triage"), params: ZAlertParams, notFound: "There is no such alert." },
  ({ principal, params }) => escalateAlert({ actor: alertTriager(principal), alertKey: params.alertId }),
);
