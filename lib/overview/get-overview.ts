import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { hasCapability } from "@/lib/authz/permissions";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { memberGroupIds } from "@/lib/artifacts/list-artifacts";
import { visibleArtifactsWhere } from "@/lib/artifacts/visible-artifacts";

export const expiringSoonDays = 30;

const actions = ["read", "write", "register", "deploy", "retire"] as const;

/** The counts on the Overview page; each links to the list behind it. */
export async function getOverview({ principal, now = new Date() }: { principal: TPrincipal; now?: Date }) {
  assertCapability(principal, "overview.view");
  const everything = hasCapability(principal.roles, "access.view");
  const groupIds = await memberGroupIds(principal.userId);
  const ownGrants: Prisma.GrantWhereInput = everything ? {} : { OR: [{ userId: principal.userId }, { groupId: { in: groupIds } }] };
  const active: Prisma.GrantWhereInput = {
    orgId: principal.orgId,
    revokedAt: null,
    validFrom: { lte: now },
    AND: [{ OR: [{ validUntil: null }, { validUntil: { gt: now } }] }, ownGrants],
  };
  const external: Prisma.GrantWhereInput = {
    OR: [{ user: { kind: { in: ["contractor", "partner"] } } }, { serviceAccount: { external: true } }],
  };
  const soon = new Date(now.getTime() + expiringSoonDays * 86_400_000);
  const [artifacts, users, serviceAccounts, groups, activeGrants, expiring, externalGrants, byAction] = await Promise.all([
    db().artifact.count({ where: await visibleArtifactsWhere(principal, groupIds) }),
    everything ? db().user.count({ where: { orgId: principal.orgId, disabledAt: null } }) : Promise.resolve(null),
    everything ? db().serviceAccount.count({ where: { orgId: principal.orgId, disabledAt: null } }) : Promise.resolve(null),
    everything ? db().group.count({ where: { orgId: principal.orgId } }) : Promise.resolve(null),
    db().grant.count({ where: active }),
    db().grant.count({ where: { AND: [active, { validUntil: { lte: soon } }] } }),
    db().grant.count({ where: { AND: [active, external] } }),
    db().grant.groupBy({ by: ["action"], where: active, _count: { _all: true } }),
  ]);
  const externalByAction = await db().grant.groupBy({ by: ["action"], where: { AND: [active, external] }, _count: { _all: true } });
  const countOf = (rows: { action: string; _count: { _all: number } }[], action: string) =>
    rows.find((row) => row.action === action)?._count._all ?? 0;
  return {
    everything,
    artifacts,
    principals: users === null ? null : { users, serviceAccounts: serviceAccounts ?? 0, groups: groups ?? 0 },
    activeGrants,
    expiring,
    externalGrants,
    grantsByAction: actions.map((action) => ({
      action,
      internal: countOf(byAction, action) - countOf(externalByAction, action),
      external: countOf(externalByAction, action),
    })),
  };
}
