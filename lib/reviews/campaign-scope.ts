import "server-only";
import { z } from "zod";
import { grantActions } from "@/lib/access/grant-vocabulary";
import type { Prisma } from "@/lib/generated/prisma/client";
import { reviewPrincipalKinds, type TReviewPrincipalKind } from "./review-vocabulary";

const ids = (what: string, max: number) =>
  z
    .array(z.string().trim().min(1).max(100), { error: `Choose ${what} from the list.` })
    .max(max, `Choose at most ${max} ${what}.`)
    .default([]);

/** What a campaign reviews. Empty lists mean "all"; the lists combine with AND, projects and artifacts with OR. */
export const ZCampaignScope = z.object({
  projectIds: ids("projects", 100),
  artifactIds: ids("artifacts", 500),
  environmentIds: ids("environments", 20),
  actions: z
    .array(z.enum(grantActions, { error: `Actions are ${grantActions.join(", ")}.` }))
    .max(5)
    .default([]),
  principalKinds: z
    .array(z.enum(reviewPrincipalKinds, { error: `Principal kinds are ${reviewPrincipalKinds.join(", ")}.` }))
    .max(5)
    .default([]),
});

export type TCampaignScope = z.output<typeof ZCampaignScope>;

export function parseStoredScope(value: unknown): TCampaignScope {
  return ZCampaignScope.parse(value ?? {});
}

function principalKindWhere(kind: TReviewPrincipalKind): Prisma.GrantWhereInput {
  switch (kind) {
    case "employee":
    case "contractor":
    case "partner":
      return { principalType: "user", user: { kind } };
    case "service_account":
      return { principalType: "service_account" };
    case "group":
      return { principalType: "group" };
  }
}

/**
 * The grants a campaign launched at `now` reviews: in its scope, not revoked and not expired
 * (grants that start later are included: they are access all the same). A project in scope
 * brings the project's own grants and the grants on its artifacts. An environment filter keeps
 * only grants that name one of those environments.
 */
export function grantsInScopeWhere(orgId: string, scope: TCampaignScope, now: Date): Prisma.GrantWhereInput {
  const and: Prisma.GrantWhereInput[] = [{ orgId, revokedAt: null, OR: [{ validUntil: null }, { validUntil: { gt: now } }] }];
  const places: Prisma.GrantWhereInput[] = [];
  if (scope.projectIds.length > 0)
    places.push({ projectId: { in: scope.projectIds } }, { artifact: { projectId: { in: scope.projectIds } } });
  if (scope.artifactIds.length > 0) places.push({ artifactId: { in: scope.artifactIds } });
  if (places.length > 0) and.push({ OR: places });
  if (scope.environmentIds.length > 0) and.push({ environmentId: { in: scope.environmentIds } });
  if (scope.actions.length > 0) and.push({ action: { in: scope.actions } });
  if (scope.principalKinds.length > 0) and.push({ OR: scope.principalKinds.map(principalKindWhere) });
  return { AND: and };
}
