import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { hasCapability } from "@/lib/authz/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { memberGroupIds } from "./list-artifacts";
import { visibleArtifactsWhere } from "./visible-artifacts";

/** One artifact with its versions, deployments and who holds which grant on it (or its project). */
export async function getArtifact({ principal, artifactId }: { principal: TPrincipal; artifactId: string }) {
  assertCapability(principal, "artifacts.view");
  const visible = await visibleArtifactsWhere(principal, await memberGroupIds(principal.userId));
  const artifact = await db().artifact.findFirst({
    where: { AND: [visible, { id: artifactId }] },
    include: {
      owner: { select: { id: true, name: true, email: true } },
      team: { select: { id: true, name: true } },
      project: { select: { id: true, name: true } },
      versions: {
        orderBy: { version: "desc" },
        include: { createdByUser: { select: { id: true, name: true } } },
      },
      deployments: {
        orderBy: { startedAt: "desc" },
        include: { environment: { select: { name: true, rank: true } }, version: { select: { version: true, digest: true } } },
      },
    },
  });
  // A stranger learns nothing: an invisible artifact is simply not found.
  if (!artifact) throw new AppError("NOT_FOUND", "No such artifact, or it is not visible to you.");
  const serviceAccountIds = artifact.versions.map((version) => version.createdByServiceId).filter((id): id is string => Boolean(id));
  const serviceAccounts = await db().serviceAccount.findMany({
    where: { id: { in: serviceAccountIds } },
    select: { id: true, name: true },
  });
  const now = new Date();
  const holders = hasCapability(principal.roles, "access.view")
    ? await db().grant.findMany({
        where: {
          orgId: principal.orgId,
          OR: [{ artifactId: artifact.id }, { projectId: artifact.projectId }],
          revokedAt: null,
          validFrom: { lte: now },
          AND: [{ OR: [{ validUntil: null }, { validUntil: { gt: now } }] }],
        },
        orderBy: [{ action: "asc" }, { createdAt: "asc" }],
        include: {
          user: { select: { id: true, name: true, kind: true } },
          group: { select: { id: true, name: true } },
          serviceAccount: { select: { id: true, name: true, external: true } },
          environment: { select: { name: true } },
        },
      })
    : null;
  return {
    artifact,
    versionCreators: new Map(serviceAccounts.map((account) => [account.id, account.name])),
    holders,
  };
}
