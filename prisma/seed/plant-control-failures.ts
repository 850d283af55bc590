import type { DbTransaction } from "@/lib/db";
import { DEMO_ORG_ID } from "./demo-organization";

// Control-health failures planted for manager Sam (Vision) to find on /controls (issue 13): a
// deactivated engineer who still holds deploy, a contractor whose engagement ended but whose grant
// did not, an unsigned digest running in production, and a review campaign past its due date.

const DAY_MS = 86_400_000;
const VISION = "grp_vision-team";

/** Returns how many failures it planted. */
export async function plantControlFailures(tx: DbTransaction, now: Date): Promise<number> {
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const prod = await tx.environment.findFirstOrThrow({ where: { orgId: DEMO_ORG_ID, name: "prod" } });
  const deployed = await tx.deployment.findFirstOrThrow({
    where: { orgId: DEMO_ORG_ID, environmentId: prod.id, endedAt: null, artifact: { teamId: VISION } },
    include: { artifact: true, version: true },
    orderBy: { startedAt: "asc" },
  });
  const artifact = deployed.artifact;
  const sam = await tx.user.findFirstOrThrow({ where: { orgId: DEMO_ORG_ID, subject: "sam" } });
  const casey = await tx.user.findFirstOrThrow({ where: { orgId: DEMO_ORG_ID, subject: "casey" } });
  const morgan = await tx.user.findFirstOrThrow({ where: { orgId: DEMO_ORG_ID, subject: "morgan" } });
  const person = (id: string, name: string, extra: Record<string, unknown>) => ({
    id,
    orgId: DEMO_ORG_ID,
    subject: id.replace(/^usr_/, ""),
    email: `${id.replace(/^usr_/, "").replace(/_/g, ".")}@acme-robotics.example`,
    name,
    title: "ML engineer",
    managerId: sam.id,
    idpGroups: ["ml-engineers", "vision-team"],
    roles: ["engineer"],
    createdAt: at(-420),
    ...extra,
  });
  await tx.user.createMany({
    data: [
      person("usr_alex_morrow", "Alex Morrow", { disabledAt: at(-14), lastSignInAt: at(-15) }),
      person("usr_jamie_cole", "Jamie Cole", {
        kind: "contractor",
        engagementEndsAt: at(-9),
        title: "Contract ML engineer",
        lastSignInAt: at(-10),
      }),
    ],
  });
  await tx.groupMembership.createMany({
    data: [
      { groupId: VISION, userId: "usr_alex_morrow" },
      { groupId: VISION, userId: "usr_jamie_cole" },
    ],
  });
  const grant = (id: string, userId: string, action: "deploy" | "write", days: number, extra: Record<string, unknown> = {}) => ({
    id,
    orgId: DEMO_ORG_ID,
    principalType: "user" as const,
    userId,
    artifactId: artifact.id,
    action,
    validFrom: at(days),
    createdAt: at(days),
    origin: "request" as const,
    justification: "Release on-call for the Vision team",
    grantedById: morgan.id,
    ...extra,
  });
  await tx.grant.createMany({
    data: [
      grant("gr_planted_departed_deploy", "usr_alex_morrow", "deploy", -210, { environmentId: prod.id }),
      grant("gr_planted_contractor_write", "usr_jamie_cole", "write", -120, { justification: "Labelling pipeline contract (SOW-114)" }),
    ],
  });
  // A version whose signature never verified, now serving in prod in place of the signed one.
  const latest = await tx.artifactVersion.findFirstOrThrow({ where: { artifactId: artifact.id }, orderBy: { version: "desc" } });
  await tx.artifactVersion.create({
    data: {
      id: "ver_planted_unsigned",
      orgId: DEMO_ORG_ID,
      artifactId: artifact.id,
      version: latest.version + 1,
      digest: "5e7d0c2a91b84f36ad0e6c1b9f27e4a8c3d5b6e7f8091a2b3c4d5e6f708192a3",
      sizeBytes: latest.sizeBytes,
      format: latest.format,
      registryUri: latest.registryUri.replace(/\/\d+$/, `/${latest.version + 1}`),
      stage: "production",
      signed: false,
      createdAt: at(-5),
    },
  });
  await tx.deployment.update({ where: { id: deployed.id }, data: { endedAt: at(-4) } });
  await tx.deployment.create({
    data: {
      id: "dep_planted_unsigned",
      orgId: DEMO_ORG_ID,
      artifactId: artifact.id,
      versionId: "ver_planted_unsigned",
      environmentId: prod.id,
      startedAt: at(-4),
    },
  });
  // A campaign of the Vision team's deploy and write access, due six days ago, Sam's items undecided.
  await tx.reviewCampaign.create({
    data: {
      id: "rc_planted_vision_q3",
      orgId: DEMO_ORG_ID,
      name: "Vision release access (Q3)",
      status: "active",
      scope: { projectIds: [artifact.projectId], artifactIds: [], environmentIds: [], actions: ["deploy", "write"], principalKinds: [] },
      reviewerRule: ["principal_manager", "artifact_owner"],
      fallbackReviewerId: casey.id,
      ownerId: casey.id,
      dueAt: at(-6),
      recurrence: "none",
      seriesId: "rc_planted_vision_q3",
      createdAt: at(-40),
      launchedAt: at(-36),
      launchedById: casey.id,
    },
  });
  const project = await tx.project.findUniqueOrThrow({ where: { id: artifact.projectId } });
  const items = [
    {
      grantId: "gr_planted_departed_deploy",
      principalId: "usr_alex_morrow",
      name: "Alex Morrow",
      kind: "employee",
      action: "deploy" as const,
      from: -210,
    },
    {
      grantId: "gr_planted_contractor_write",
      principalId: "usr_jamie_cole",
      name: "Jamie Cole",
      kind: "contractor",
      action: "write" as const,
      from: -120,
    },
  ];
  await tx.reviewItem.createMany({
    data: items.map((item, index) => ({
      id: `ri_planted_vision_${index + 1}`,
      orgId: DEMO_ORG_ID,
      campaignId: "rc_planted_vision_q3",
      grantId: item.grantId,
      principalType: "user" as const,
      principalId: item.principalId,
      principalName: item.name,
      principalKind: item.kind,
      principalExternal: item.kind !== "employee",
      engagementEndsAt: item.kind === "contractor" ? at(-9) : null,
      scopeType: "artifact",
      scopeId: artifact.id,
      scopeName: artifact.name,
      projectId: project.id,
      projectName: project.name,
      environmentId: item.action === "deploy" ? prod.id : null,
      environmentName: item.action === "deploy" ? "prod" : null,
      action: item.action,
      origin: "request" as const,
      grantValidFrom: at(item.from),
      grantCreatedAt: at(item.from),
      grantJustification: "Release on-call for the Vision team",
      grantedByName: morgan.name,
      uses90d: 0,
      usage: {},
      recommendation: "revoke" as const,
      recommendationReason: "not used in the last 90 days",
      snapshotAt: at(-36),
      reviewerId: sam.id,
      reviewerStep: "principal_manager",
    })),
  });
  return 4;
}
