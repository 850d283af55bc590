import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { hasCapability } from "@/lib/authz/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TGrantStatusFilter } from "./grant-vocabulary";

const DAY_MS = 86_400_000;

/**
 * The grants `principal` may see at all. Holders of `access.view` see their whole organisation;
 * holders of only `access.view.own` see grants to themselves and to their groups, and everybody
 * else is refused here, so no list or count can forget the rule.
 */
export function visibleGrantsWhere(principal: TPrincipal): Prisma.GrantWhereInput {
  assertCapability(principal, "access.view", "access.view.own");
  if (hasCapability(principal.roles, "access.view")) return { orgId: principal.orgId };
  return {
    orgId: principal.orgId,
    OR: [{ userId: principal.userId }, { group: { members: { some: { userId: principal.userId } } } }],
  };
}

export function activeGrantsWhere(now: Date): Prisma.GrantWhereInput {
  return { revokedAt: null, validFrom: { lte: now }, OR: [{ validUntil: null }, { validUntil: { gt: now } }] };
}

export function grantStatusWhere(status: TGrantStatusFilter, now: Date): Prisma.GrantWhereInput {
  switch (status) {
    case "active":
      return activeGrantsWhere(now);
    case "upcoming":
      return { revokedAt: null, validFrom: { gt: now } };
    case "expired":
      return { revokedAt: null, validUntil: { lte: now } };
    case "revoked":
      return { revokedAt: { not: null } };
    case "all":
      return {};
  }
}

/** Active grants that end within `days` days. */
export function expiringGrantsWhere(days: number, now: Date): Prisma.GrantWhereInput {
  return { AND: [activeGrantsWhere(now), { validUntil: { not: null, lte: new Date(now.getTime() + days * DAY_MS) } }] };
}

/** Grants held by people or integrations outside the company: contractors, partners, external service accounts. */
export const externalPrincipalWhere: Prisma.GrantWhereInput = {
  OR: [
    { principalType: "user", user: { kind: { in: ["contractor", "partner"] } } },
    { principalType: "service_account", serviceAccount: { external: true } },
  ],
};

const contains = (text: string) => ({ contains: text, mode: "insensitive" as const });

/** The principal's name (or a user's email) contains `text`. */
export function principalTextWhere(text: string): Prisma.GrantWhereInput {
  return {
    OR: [
      { user: { OR: [{ name: contains(text) }, { email: contains(text) }] } },
      { group: { name: contains(text) } },
      { serviceAccount: { name: contains(text) } },
    ],
  };
}

/** The scope's name contains `text`: the artifact, the project, or the project an artifact belongs to. */
export function scopeTextWhere(text: string): Prisma.GrantWhereInput {
  return {
    OR: [
      { artifact: { name: contains(text) } },
      { artifact: { project: { name: contains(text) } } },
      { project: { name: contains(text) } },
    ],
  };
}
