import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";

export type TScopeArtifactOption = { id: string; name: string; project: string; retired: boolean };

/** Artifacts to choose an investigation's scope from (live ones first; retired ones can be the subject too). */
export async function listScopeArtifactOptions({ principal }: { principal: TPrincipal }): Promise<TScopeArtifactOption[]> {
  assertCapability(principal, "investigations.edit");
  const artifacts = await db().artifact.findMany({
    where: { orgId: principal.orgId },
    orderBy: [{ retiredAt: { sort: "desc", nulls: "first" } }, { name: "asc" }],
    take: 2000,
    select: { id: true, name: true, retiredAt: true, project: { select: { name: true } } },
  });
  return artifacts.map((artifact) => ({
    id: artifact.id,
    name: artifact.name,
    project: artifact.project.name,
    retired: artifact.retiredAt !== null,
  }));
}
