import "server-only";
import type { TCaller } from "@/lib/auth/caller";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import type { TTokenScope } from "@/lib/service-accounts/service-account-vocabulary";
import { AppError } from "@/lib/errors/app-error";

// Who reads or changes alerts: a person (alerts.view / alerts.triage) or, for automation, a
// service-account token (alerts:read / alerts:write, checked by route() before we get here).

export type TAlertActor = {
  orgId: string;
  id: string;
  type: "user" | "service";
  display: string;
  /** The person, when it is one (escalation needs one: an investigation is opened by a person). */
  principal: TPrincipal | null;
};
export type TAlertReader = Pick<TAlertActor, "orgId">;

/** A person who may read alerts. */
export function alertReader(principal: TPrincipal): TAlertActor {
  assertCapability(principal, "alerts.view");
  return personActor(principal);
}

/** A person who may change alerts. */
export function alertTriager(principal: TPrincipal): TAlertActor {
  assertCapability(principal, "alerts.triage");
  return personActor(principal);
}

/** The caller of a session-or-token route; a token's scope has been checked by route(). */
export function alertActorOfCaller(caller: TCaller, need: "read" | "write"): TAlertActor {
  if (caller.kind === "person") return need === "read" ? alertReader(caller.principal) : alertTriager(caller.principal);
  const scope: TTokenScope = need === "read" ? "alerts:read" : "alerts:write";
  if (!caller.token.scopes.includes(scope)) throw new AppError("FORBIDDEN", `This token lacks the ${scope} scope.`);
  return {
    orgId: caller.token.orgId,
    id: caller.token.serviceAccountId,
    type: "service",
    display: caller.token.serviceAccountName,
    principal: null,
  };
}

function personActor(principal: TPrincipal): TAlertActor {
  return { orgId: principal.orgId, id: principal.userId, type: "user", display: principal.name, principal };
}
