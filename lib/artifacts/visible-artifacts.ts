import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { hasCapability } from "@/lib/authz/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The artifacts a principal may see. Oversight roles see the whole organisation; engineers see
 * what they own, what their teams own, and what they hold a grant on (DESIGN.md §3).
 */
export async function visibleArtifactsWhere(principal: TPrincipal, groupIds: string[]): Promise<Prisma.ArtifactWhereInput> {
  const base: Prisma.ArtifactWhereInput = { orgId: principal.orgId };
  if (hasCapability(principal.roles, "access.view")) return base;
  const now = new Date();
  const activeGrant: Prisma.GrantWhereInput = {
    revokedAt: null,
    validFrom: { lte: now },
    OR: [{ validUntil: null }, { validUntil: { gt: now } }],
    AND: [{ OR: [{ userId: principal.userId }, { groupId: { in: groupIds } }] }],
  };
  return {
    ...base,
    OR: [
      { ownerId: principal.userId },
      { teamId: { in: groupIds } },
      { grants: { some: activeGrant } },
      { project: { grants: { some: activeGrant } } },
    ],
  };
}
