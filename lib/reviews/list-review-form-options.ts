import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { hasCapability } from "@/lib/authz/permissions";
import { db } from "@/lib/db";

export type TPersonOption = { id: string; name: string; detail: string };

/** People who may review access (fallback reviewers, reassignment and delegation targets). */
export async function listReviewerOptions({ principal }: { principal: TPrincipal }): Promise<TPersonOption[]> {
  assertCapability(principal, "reviews.review", "reviews.campaign.manage");
  const people = await db().user.findMany({
    where: { orgId: principal.orgId, disabledAt: null },
    select: { id: true, name: true, title: true, roles: true },
    orderBy: { name: "asc" },
  });
  return people
    .filter((person) => hasCapability(person.roles, "reviews.review"))
    .map((person) => ({ id: person.id, name: person.name, detail: person.title ?? "" }));
}

/** Anyone active: the owner of an accepted risk need not be a reviewer. */
export async function listRiskOwnerOptions({ principal }: { principal: TPrincipal }): Promise<TPersonOption[]> {
  assertCapability(principal, "reviews.review");
  const people = await db().user.findMany({
    where: { orgId: principal.orgId, disabledAt: null },
    select: { id: true, name: true, title: true },
    orderBy: { name: "asc" },
  });
  return people.map((person) => ({ id: person.id, name: person.name, detail: person.title ?? "" }));
}

/** What the campaign form offers: projects, live artifacts, environments and reviewers. */
export async function listCampaignFormOptions({ principal }: { principal: TPrincipal }) {
  assertCapability(principal, "reviews.campaign.manage");
  const orgId = principal.orgId;
  const [projects, artifacts, environments, reviewers] = await Promise.all([
    db().project.findMany({ where: { orgId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db().artifact.findMany({
      where: { orgId, retiredAt: null },
      select: { id: true, name: true, project: { select: { name: true } } },
      orderBy: { name: "asc" },
    }),
    db().environment.findMany({ where: { orgId }, select: { id: true, name: true }, orderBy: { rank: "asc" } }),
    listReviewerOptions({ principal }),
  ]);
  return {
    projects,
    artifacts: artifacts.map((artifact) => ({ id: artifact.id, name: artifact.name, detail: artifact.project.name })),
    environments,
    reviewers,
  };
}

/** The live artifacts of some projects: what "narrow the scope" may choose from. */
export async function listArtifactsOfProjects({
  principal,
  projectIds,
}: {
  principal: TPrincipal;
  projectIds: string[];
}): Promise<Record<string, { id: string; name: string }[]>> {
  assertCapability(principal, "reviews.review");
  if (projectIds.length === 0) return {};
  const artifacts = await db().artifact.findMany({
    where: { orgId: principal.orgId, projectId: { in: [...new Set(projectIds)] }, retiredAt: null },
    select: { id: true, name: true, projectId: true },
    orderBy: { name: "asc" },
  });
  const grouped: Record<string, { id: string; name: string }[]> = {};
  for (const artifact of artifacts) (grouped[artifact.projectId] ??= []).push({ id: artifact.id, name: artifact.name });
  return grouped;
}
