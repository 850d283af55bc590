import "server-only";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { visibleArtifactsWhere } from "./visible-artifacts";

export const ZArtifactListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  team: z.string().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type TArtifactListQuery = z.infer<typeof ZArtifactListQuery>;

export const artifactPageSize = 25;

export type TArtifactRow = {
  id: string;
  name: string;
  task: string | null;
  project: string;
  owner: { id: string; name: string };
  team: { id: string; name: string };
  latestVersion: { version: number; digest: string; stage: string; createdAt: Date } | null;
  versionCount: number;
  environments: { name: string; version: number }[];
  retiredAt: Date | null;
};

export async function listArtifacts({ principal, query }: { principal: TPrincipal; query: TArtifactListQuery }) {
  assertCapability(principal, "artifacts.view");
  const groupIds = await memberGroupIds(principal.userId);
  const visible = await visibleArtifactsWhere(principal, groupIds);
  const search: Prisma.ArtifactWhereInput = query.q
    ? {
        OR: [
          { name: { contains: query.q, mode: "insensitive" } },
          { owner: { name: { contains: query.q, mode: "insensitive" } } },
          { team: { name: { contains: query.q, mode: "insensitive" } } },
          { project: { name: { contains: query.q, mode: "insensitive" } } },
          { versions: { some: { digest: { startsWith: query.q.toLowerCase() } } } },
        ],
      }
    : {};
  const where: Prisma.ArtifactWhereInput = { AND: [visible, search, query.team ? { teamId: query.team } : {}] };
  const [total, artifacts] = await Promise.all([
    db().artifact.count({ where }),
    db().artifact.findMany({
      where,
      orderBy: { name: "asc" },
      skip: (query.page - 1) * artifactPageSize,
      take: artifactPageSize,
      include: {
        owner: { select: { id: true, name: true } },
        team: { select: { id: true, name: true } },
        project: { select: { name: true } },
        versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, digest: true, stage: true, createdAt: true } },
        _count: { select: { versions: true } },
        deployments: {
          where: { endedAt: null },
          select: { environment: { select: { name: true, rank: true } }, version: { select: { version: true } } },
        },
      },
    }),
  ]);
  const rows: TArtifactRow[] = artifacts.map((artifact) => ({
    id: artifact.id,
    name: artifact.name,
    task: artifact.task,
    project: artifact.project.name,
    owner: artifact.owner,
    team: artifact.team,
    latestVersion: artifact.versions[0] ?? null,
    versionCount: artifact._count.versions,
    environments: artifact.deployments
      .sort((a, b) => a.environment.rank - b.environment.rank)
      .map((deployment) => ({ name: deployment.environment.name, version: deployment.version.version })),
    retiredAt: artifact.retiredAt,
  }));
  return { rows, total, page: query.page, pageSize: artifactPageSize };
}

export async function memberGroupIds(userId: string, client: Db = db()): Promise<string[]> {
  const memberships = await client.groupMembership.findMany({ where: { userId }, select: { groupId: true } });
  return memberships.map((membership) => membership.groupId);
}
