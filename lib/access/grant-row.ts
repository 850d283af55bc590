import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { GrantAction, GrantOrigin, PrincipalType } from "@/lib/generated/prisma/enums";
import type { TGrantStatus, TPrincipalKind } from "./grant-vocabulary";

// One grant as the Access pages show it: the principal, scope and people resolved to names, and
// its status at `now`. Shared by the list, the principal page and the write functions' results.

export const grantRowInclude = {
  user: { select: { id: true, name: true, email: true, kind: true } },
  group: { select: { id: true, name: true } },
  serviceAccount: { select: { id: true, name: true, external: true } },
  artifact: { select: { id: true, name: true, project: { select: { id: true, name: true } } } },
  project: { select: { id: true, name: true } },
  environment: { select: { id: true, name: true } },
  grantedBy: { select: { id: true, name: true } },
  revokedBy: { select: { id: true, name: true } },
} satisfies Prisma.GrantInclude;

export type TGrantWithRelations = Prisma.GrantGetPayload<{ include: typeof grantRowInclude }>;

export type TGrantPrincipal = {
  type: PrincipalType;
  id: string;
  name: string;
  kind: TPrincipalKind;
  email?: string;
  /** Contractors, partners and external service accounts. */
  external: boolean;
};

export type TGrantScope =
  { type: "artifact"; id: string; name: string; projectId: string; projectName: string } | { type: "project"; id: string; name: string };

export type TGrantRow = {
  id: string;
  principal: TGrantPrincipal;
  scope: TGrantScope;
  environment: { id: string; name: string } | null;
  action: GrantAction;
  origin: GrantOrigin;
  validFrom: Date;
  validUntil: Date | null;
  grantedBy: { id: string; name: string } | null;
  justification: string;
  createdAt: Date;
  revokedAt: Date | null;
  revokedBy: { id: string; name: string } | null;
  revokeReason: string | null;
  status: TGrantStatus;
  /** On a user's page: the group through which the user holds this grant. */
  via?: { groupId: string; groupName: string };
};

export function grantStatusAt(grant: { validFrom: Date; validUntil: Date | null; revokedAt: Date | null }, now: Date): TGrantStatus {
  if (grant.revokedAt) return "revoked";
  if (grant.validUntil && grant.validUntil <= now) return "expired";
  if (grant.validFrom > now) return "upcoming";
  return "active";
}

export function grantPrincipalOf(grant: TGrantWithRelations): TGrantPrincipal {
  if (grant.principalType === "user" && grant.user) {
    const { id, name, email, kind } = grant.user;
    return { type: "user", id, name, email, kind, external: kind !== "employee" };
  }
  if (grant.principalType === "group" && grant.group) {
    return { type: "group", id: grant.group.id, name: grant.group.name, kind: "group", external: false };
  }
  if (grant.principalType === "service_account" && grant.serviceAccount) {
    const { id, name, external } = grant.serviceAccount;
    return { type: "service_account", id, name, kind: "service_account", external };
  }
  // The check constraint Grant_principal_check makes this unreachable.
  throw new Error(`grant ${grant.id} names no ${grant.principalType}`);
}

export function grantScopeOf(grant: TGrantWithRelations): TGrantScope {
  if (grant.artifact) {
    const { id, name, project } = grant.artifact;
    return { type: "artifact", id, name, projectId: project.id, projectName: project.name };
  }
  if (grant.project) return { type: "project", id: grant.project.id, name: grant.project.name };
  // The check constraint Grant_scope_check makes this unreachable.
  throw new Error(`grant ${grant.id} has no scope`);
}

export function toGrantRow(grant: TGrantWithRelations, now: Date): TGrantRow {
  return {
    id: grant.id,
    principal: grantPrincipalOf(grant),
    scope: grantScopeOf(grant),
    environment: grant.environment,
    action: grant.action,
    origin: grant.origin,
    validFrom: grant.validFrom,
    validUntil: grant.validUntil,
    grantedBy: grant.grantedBy,
    justification: grant.justification,
    createdAt: grant.createdAt,
    revokedAt: grant.revokedAt,
    revokedBy: grant.revokedBy,
    revokeReason: grant.revokeReason,
    status: grantStatusAt(grant, now),
  };
}
