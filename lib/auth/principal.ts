import { isPlatformRole, type TPlatformRole } from "@/lib/authz/roles";

/** The person acting: passed to every domain function so it can check permissions itself. */
export type TPrincipal = {
  userId: string;
  orgId: string;
  name: string;
  email: string;
  kind: "employee" | "contractor" | "partner";
  roles: TPlatformRole[];
  sessionId: string;
};

type TStoredUser = { id: string; orgId: string; name: string; email: string; kind: TPrincipal["kind"]; roles: string[] };

/** The principal a stored user acts as outside a browser session (a CLI command, a test): their platform roles as of their last sign-in. */
export function principalOfUser(user: TStoredUser, sessionId: string): TPrincipal {
  return {
    userId: user.id,
    orgId: user.orgId,
    name: user.name,
    email: user.email,
    kind: user.kind,
    roles: user.roles.filter(isPlatformRole),
    sessionId,
  };
}

/** Who a ledger entry says acted, and in which organisation, when it records what `principal` did in Custody. */
export function recordedBy(principal: TPrincipal): { actor: { id: string; type: "user"; display: string }; orgId: string } {
  return { actor: { id: principal.userId, type: "user", display: principal.name }, orgId: principal.orgId };
}
