import "server-only";
import type { TCaller } from "@/lib/auth/caller";
import type { TInternalEvent } from "@/lib/ledger/record-internal-event";

/** Who attaches or reads provenance: a person, a service-account token, or the CLI on the server. */
export type TProvenanceActor = TCaller | { kind: "system"; orgId: string; id: string; display: string };

export function actorOrgId(actor: TProvenanceActor): string {
  return actor.kind === "person" ? actor.principal.orgId : actor.kind === "token" ? actor.token.orgId : actor.orgId;
}

export function ledgerActor(actor: TProvenanceActor): TInternalEvent["actor"] {
  if (actor.kind === "person") return { id: actor.principal.userId, type: "user", display: actor.principal.name };
  if (actor.kind === "token") return { id: actor.token.serviceAccountId, type: "service", display: actor.token.serviceAccountName };
  return { id: actor.id, type: "system", display: actor.display };
}
