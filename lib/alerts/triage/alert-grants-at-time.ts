import "server-only";
import { db } from "@/lib/db";

export type TGrantAtTime = {
  id: string;
  action: string;
  via: string;
  scope: string;
  environment: string | null;
  validFrom: string;
  validUntil: string | null;
  revokedAt: string | null;
  validAtFirstSeen: boolean;
  validAtLastSeen: boolean;
};

const validAt = (grant: { validFrom: Date; validUntil: Date | null; revokedAt: Date | null }, at: Date) =>
  grant.validFrom <= at && (!grant.validUntil || grant.validUntil > at) && (!grant.revokedAt || grant.revokedAt > at);

/**
 * The actor's grants on the alert's artifact (directly, through its project, or through a group
 * the person belongs to now: memberships keep no history) that overlapped the alert's window,
 * each with whether it was valid when the alert's activity began and when it was last seen.
 */
export async function grantsAtTime({
  orgId,
  actorId,
  artifactId,
  firstSeenAt,
  lastSeenAt,
}: {
  orgId: string;
  actorId: string;
  artifactId: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
}): Promise<TGrantAtTime[]> {
  const artifact = await db().artifact.findFirst({ where: { orgId, id: artifactId }, select: { projectId: true } });
  if (!artifact) return [];
  const groups = await db().groupMembership.findMany({ where: { userId: actorId, group: { orgId } }, select: { groupId: true } });
  const grants = await db().grant.findMany({
    where: {
      orgId,
      OR: [
        { userId: actorId },
        { serviceAccountId: actorId },
        ...(groups.length ? [{ groupId: { in: groups.map((row) => row.groupId) } }] : []),
      ],
      AND: [
        { OR: [{ artifactId }, { projectId: artifact.projectId }] },
        { validFrom: { lte: lastSeenAt } },
        { OR: [{ validUntil: null }, { validUntil: { gt: firstSeenAt } }] },
        { OR: [{ revokedAt: null }, { revokedAt: { gt: firstSeenAt } }] },
      ],
    },
    include: { group: { select: { name: true } }, environment: { select: { name: true } } },
    orderBy: [{ action: "asc" }, { validFrom: "asc" }],
  });
  return grants.map((grant) => ({
    id: grant.id,
    action: grant.action,
    via: grant.group ? `group ${grant.group.name}` : "direct",
    scope: grant.artifactId ? "this artifact" : "its project",
    environment: grant.environment?.name ?? null,
    validFrom: grant.validFrom.toISOString(),
    validUntil: grant.validUntil?.toISOString() ?? null,
    revokedAt: grant.revokedAt?.toISOString() ?? null,
    validAtFirstSeen: validAt(grant, firstSeenAt),
    validAtLastSeen: validAt(grant, lastSeenAt),
  }));
}
