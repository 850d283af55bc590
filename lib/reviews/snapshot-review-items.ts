import "server-only";
import { hasCapability } from "@/lib/authz/permissions";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { chooseReviewer } from "./choose-reviewer";
import { gatherLedgerUsage, usageForGrant, type TUsageRow } from "./gather-ledger-usage";
import { recommendReviewItem } from "./recommend-review-item";
import { reviewerSteps, type TReviewerStep } from "./review-vocabulary";

const snapshotGrantInclude = {
  user: {
    select: { id: true, name: true, email: true, subject: true, kind: true, managerId: true, disabledAt: true, engagementEndsAt: true },
  },
  group: { select: { id: true, name: true, members: { select: { user: { select: { id: true, email: true, subject: true } } } } } },
  serviceAccount: { select: { id: true, slug: true, name: true, external: true, ownerId: true, disabledAt: true } },
  artifact: {
    select: { id: true, name: true, ownerId: true, project: { select: { id: true, name: true } }, versions: { select: { digest: true } } },
  },
  project: { select: { id: true, name: true, artifacts: { select: { id: true, name: true, versions: { select: { digest: true } } } } } },
  environment: { select: { id: true, name: true } },
  grantedBy: { select: { name: true } },
} satisfies Prisma.GrantInclude;

type TSnapshotGrant = Prisma.GrantGetPayload<{ include: typeof snapshotGrantInclude }>;

export type TSnapshotCampaign = { id: string; orgId: string; ownerId: string; fallbackReviewerId: string; reviewerRule: string[] };

export type TItemDraft = Omit<Prisma.ReviewItemCreateManyInput, "campaignId"> & { reviewerId: string | null };

/**
 * Review items for the grants `where` selects, as they stand at `now`: who holds what where, how
 * they used it (from the ledger), what the evidence recommends, and who reviews it. The caller
 * writes them; from then on the snapshot columns never change.
 */
export async function snapshotReviewItems(
  client: Db,
  {
    campaign,
    where,
    now,
    openedBy = "launch",
    sourceItemIds,
    reasonPrefix,
  }: {
    campaign: TSnapshotCampaign;
    where: Prisma.GrantWhereInput;
    now: Date;
    openedBy?: "launch" | "exception_expired";
    /** grantId → the item whose risk acceptance produced the grant (exception follow-ups). */
    sourceItemIds?: Map<string, string>;
    reasonPrefix?: (grant: TSnapshotGrant) => string;
  },
): Promise<TItemDraft[]> {
  const grants = await client.grant.findMany({
    where: { AND: [where, { orgId: campaign.orgId }] },
    include: snapshotGrantInclude,
    orderBy: { createdAt: "asc" },
  });
  if (grants.length === 0) return [];
  const people = await client.user.findMany({
    where: { orgId: campaign.orgId },
    select: { id: true, name: true, roles: true, disabledAt: true },
  });
  const byId = new Map(people.map((person) => [person.id, person]));
  const canReview = (userId: string) => {
    const person = byId.get(userId);
    return Boolean(person && !person.disabledAt && hasCapability(person.roles, "reviews.review"));
  };
  const nameOf = (userId: string) => byId.get(userId)?.name ?? userId;
  const rule = campaign.reviewerRule.filter((step): step is TReviewerStep => (reviewerSteps as readonly string[]).includes(step));

  // Ledger keys of every artifact a grant covers: Custody's id, the registry name, the digests.
  const artifactByKey = new Map<string, string>();
  const artifactByDigest = new Map<string, string>();
  const remember = (artifact: { id: string; name: string; versions: { digest: string }[] }) => {
    artifactByKey.set(artifact.id, artifact.id);
    artifactByKey.set(artifact.name, artifact.id);
    for (const version of artifact.versions) artifactByDigest.set(version.digest, artifact.id);
  };
  for (const grant of grants) {
    if (grant.artifact) remember(grant.artifact);
    for (const artifact of grant.project?.artifacts ?? []) remember(artifact);
  }
  const resolveArtifact = (row: TUsageRow) =>
    (row.artifactKey && artifactByKey.get(row.artifactKey)) || (row.digest && artifactByDigest.get(row.digest)) || null;

  const principals = new Map<string, string[]>();
  for (const grant of grants) principals.set(principalKey(grant), actorIdsOf(grant));
  const usageRows = await gatherLedgerUsage(client, {
    orgId: campaign.orgId,
    principals: [...principals].map(([key, actorIds]) => ({ key, actorIds })),
    now,
  });

  return grants.map((grant): TItemDraft => {
    const principal = describePrincipal(grant);
    const scope = grant.artifact
      ? {
          scopeType: "artifact",
          scopeId: grant.artifact.id,
          scopeName: grant.artifact.name,
          projectId: grant.artifact.project.id,
          projectName: grant.artifact.project.name,
        }
      : {
          scopeType: "project",
          scopeId: grant.project!.id,
          scopeName: grant.project!.name,
          projectId: grant.project!.id,
          projectName: grant.project!.name,
        };
    const artifactIds = new Set(grant.artifact ? [grant.artifact.id] : (grant.project?.artifacts ?? []).map((artifact) => artifact.id));
    const usage = usageForGrant(
      usageRows.get(principalKey(grant)) ?? [],
      { artifactIds, environmentName: grant.environment?.name ?? null },
      resolveArtifact,
    );
    const recommendation = recommendReviewItem({
      action: grant.action,
      validFrom: grant.validFrom,
      validUntil: grant.validUntil,
      principalKind: principal.kind,
      principalDisabled: principal.disabled,
      engagementEndsAt: grant.user?.engagementEndsAt ?? null,
      usage,
      now,
    });
    const selves = new Set(grant.user ? [grant.user.id] : (grant.group?.members ?? []).map((member) => member.user.id));
    const choice = chooseReviewer({
      rule,
      artifactOwnerId: grant.artifact?.ownerId ?? null,
      principalManagerId: grant.user?.managerId ?? grant.serviceAccount?.ownerId ?? null,
      fallbackId: campaign.fallbackReviewerId,
      campaignOwnerId: campaign.ownerId,
      selves,
      canReview,
      nameOf,
    });
    const own = usage[grant.action];
    return {
      orgId: campaign.orgId,
      grantId: grant.id,
      openedBy,
      sourceItemId: sourceItemIds?.get(grant.id) ?? null,
      principalType: grant.principalType,
      principalId: principal.id,
      principalName: principal.name,
      principalKind: principal.kind,
      principalExternal: principal.external,
      principalEmail: grant.user?.email ?? null,
      engagementEndsAt: grant.user?.engagementEndsAt ?? null,
      principalDisabled: principal.disabled,
      ...scope,
      environmentId: grant.environment?.id ?? null,
      environmentName: grant.environment?.name ?? null,
      action: grant.action,
      origin: grant.origin,
      grantValidFrom: grant.validFrom,
      grantValidUntil: grant.validUntil,
      grantCreatedAt: grant.createdAt,
      grantJustification: grant.justification,
      grantedByName: grant.grantedBy?.name ?? null,
      lastUsedAt: own.lastAt ? new Date(own.lastAt) : null,
      uses90d: own.uses90d,
      usage: usage as unknown as Prisma.InputJsonValue,
      recommendation: recommendation.recommendation,
      recommendationReason: `${reasonPrefix?.(grant) ?? ""}${recommendation.reason}`,
      recommendedAction: recommendation.recommendedAction,
      recommendedValidUntil: recommendation.recommendedValidUntil,
      snapshotAt: now,
      reviewerId: choice.reviewerId,
      reviewerStep: choice.step,
      reviewerNote: choice.note,
    };
  });
}

function principalKey(grant: TSnapshotGrant): string {
  return `${grant.principalType}:${grant.userId ?? grant.groupId ?? grant.serviceAccountId}`;
}

/** Every id the principal's events may carry as their actor. */
function actorIdsOf(grant: TSnapshotGrant): string[] {
  if (grant.user) return [grant.user.id, grant.user.subject, grant.user.email];
  if (grant.serviceAccount) return [grant.serviceAccount.id, grant.serviceAccount.slug];
  return (grant.group?.members ?? []).flatMap((member) => [member.user.id, member.user.subject, member.user.email]);
}

function describePrincipal(grant: TSnapshotGrant): { id: string; name: string; kind: string; external: boolean; disabled: boolean } {
  if (grant.user)
    return {
      id: grant.user.id,
      name: grant.user.name,
      kind: grant.user.kind,
      external: grant.user.kind !== "employee",
      disabled: Boolean(grant.user.disabledAt),
    };
  if (grant.serviceAccount) {
    const account = grant.serviceAccount;
    return {
      id: account.id,
      name: account.name,
      kind: "service_account",
      external: account.external,
      disabled: Boolean(account.disabledAt),
    };
  }
  if (grant.group) return { id: grant.group.id, name: grant.group.name, kind: "group", external: false, disabled: false };
  throw new Error(`grant ${grant.id} names no principal`);
}
