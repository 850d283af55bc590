import { z } from "zod";
import { alertActorOfCaller } from "@/lib/alerts/triage/alert-actor";
import { createSuppression } from "@/lib/alerts/triage/create-suppression";
import { listSuppressions } from "@/lib/alerts/triage/list-suppressions";
import { route, sessionOrToken } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** GET — suppressions, active first. */
export const GET = route({ auth: sessionOrToken("alerts:read", "alerts.view") }, async ({ caller }) => ({
  items: await listSuppressions({ reader: alertActorOfCaller(caller, "read") }),
}));

/** POST {"detector","actorId"?,"artifactId"?,"reason","expiresAt"} — silences a detector for an actor or artifact, for at most a year. */
export const POST = route(
  { auth: sessionOrToken("alerts:write", "alerts.triage"), body: { json: z.unknown(), maxBytes: 16 * 1024 } },
  async ({ caller, body }) =>
    Response.json(await createSuppression({ actor: alertActorOfCaller(caller, "write"), input: body }), { status: 201 }),
);
