import { z } from "zod";
import { alertActorOfCaller } from "@/lib/alerts/triage/alert-actor";
import { ZSuppressionParams } from "@/lib/alerts/triage/alert-params";
import { revokeSuppression } from "@/lib/alerts/triage/revoke-suppression";
import { route, sessionOrToken } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** POST {"reason"} — ends a suppression before its expiry; the row stays. */
export const POST = route(
  {
    auth: sessionOrToken("alerts:write", "alerts.triage"),
    params: ZSuppressionParams,
    notFound: "There is no such suppression.",
    body: { json: z.unknown(), maxBytes: 16 * 1024 },
  },
  ({ caller, params, body }) =>
    revokeSuppression({ actor: alertActorOfCaller(caller, "write"), suppressionId: params.suppressionId, input: body }),
);
