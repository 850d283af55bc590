import { z } from "zod";
import { alertActorOfCaller } from "@/lib/alerts/triage/alert-actor";
import { ZAlertParams } from "@/lib/alerts/triage/alert-params";
import { changeAlertStatus } from "@/lib/alerts/triage/change-alert-status";
import { route, sessionOrToken } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * POST one lifecycle step:
 * {"step":"acknowledge","assigneeId"?}, {"step":"assign","assigneeId":null|id},
 * {"step":"close","reason":"false_positive","note":"…","suppress"?:{"scope":"actor"|"artifact","reason":"…","expiresAt":"…"}},
 * {"step":"reopen","note":"…"}; each may carry "expectedStatus" (what you last saw: a change made
 * meanwhile answers 409). A step not allowed from the alert's status answers 409.
 */
export const POST = route(
  {
    auth: sessionOrToken("alerts:write", "alerts.triage"),
    params: ZAlertParams,
    notFound: "There is no such alert.",
    body: { json: z.unknown(), maxBytes: 16 * 1024 },
  },
  ({ caller, params, body }) => changeAlertStatus({ actor: alertActorOfCaller(caller, "write"), alertKey: params.alertId, input: body }),
);
