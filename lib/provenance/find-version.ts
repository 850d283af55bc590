import "server-only";
import { memberGroupIds } from "@/lib/artifacts/list-artifacts";
import { visibleArtifactsWhere } from "@/lib/artifacts/visible-artifacts";
import type { Db, DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { actorOrgId, type TProvenanceActor } from "./provenance-actor";

/**
 * The version `artifactId` v`version` as the actor may see it: a person only within the artifacts
 * visible to them (a stranger gets "not found", never "forbidden"), a token or the CLI within its
 * organisation. `artifactId` may be the artifact's id or its registry name.
 */
export async function findVersion(client: Db | DbTransaction, actor: TProvenanceActor, artifactId: string, version: number) {
  const scope: Prisma.ArtifactWhereInput =
    actor.kind === "person"
      ? await visibleArtifactsWhere(actor.principal, await memberGroupIds(actor.principal.userId))
      : { orgId: actorOrgId(actor) };
  const artifact = await client.artifact.findFirst({
    where: { AND: [scope, { OR: [{ id: artifactId }, { name: artifactId }] }] },
    select: { id: true, name: true, projectId: true, orgId: true },
  });
  if (!artifact) throw new AppError("NOT_FOUND", "No such artifact, or it is not visible to you.");
  const found = await client.artifactVersion.findUnique({
    where: { artifactId_version: { artifactId: artifact.id, version } },
    select: { id: true, version: true, digest: true, signed: true },
  });
  if (!found) throw new AppError("NOT_FOUND", `${artifact.name} has no version ${version}.`);
  return { artifact, version: found };
}
