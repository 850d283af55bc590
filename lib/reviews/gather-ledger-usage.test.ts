import { beforeAll, describe, expect, it } from "vitest";
import { databaseForTestFile } from "@/test/fresh-database";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { at, ingest, launchTestCampaign, openReviewDatabase, personas, T0, usageEvent } from "../../test/kits/review-test-kit";

// Recommendations from usage the tests write into the ledger themselves: one test model with
// grants in every situation, and events naming their actor and target in the ways sources do.

let people: Awaited<ReturnType<typeof personas>>;
const ARTIFACT = "art_review-usage-model";
const DIGEST = "ab".repeat(32);
const OTHER_DIGEST = "cd".repeat(32);

databaseForTestFile(openReviewDatabase);
beforeAll(async () => {
  people = await personas();
  const client = db();
  await client.artifact.create({
    data: {
      id: ARTIFACT,
      orgId: "org_demo",
      projectId: "prj_factory-inspection",
      name: "review-usage-model",
      ownerId: "usr_sam",
      teamId: "grp_vision-team",
      createdAt: at(-300),
    },
  });
  await client.artifactVersion.createMany({
    data: [
      {
        orgId: "org_demo",
        artifactId: ARTIFACT,
        version: 1,
        digest: DIGEST,
        sizeBytes: 10n,
        format: "onnx",
        registryUri: "models:/review-usage-model/1",
        createdAt: at(-300),
      },
      {
        orgId: "org_demo",
        artifactId: ARTIFACT,
        version: 2,
        digest: OTHER_DIGEST,
        sizeBytes: 10n,
        format: "onnx",
        registryUri: "models:/review-usage-model/2",
        createdAt: at(-100),
      },
    ],
  });
  const grant = (
    id: string,
    data: Pick<Prisma.GrantCreateManyInput, "principalType" | "userId" | "action"> & Partial<Prisma.GrantCreateManyInput>,
  ): Prisma.GrantCreateManyInput => ({
    id,
    orgId: "org_demo",
    artifactId: ARTIFACT,
    origin: "request" as const,
    justification: `Usage test grant ${id}.`,
    validFrom: at(-200),
    createdAt: at(-200),
    ...data,
  });
  await client.grant.createMany({
    data: [
      grant("g_deploy_reads", { principalType: "user", userId: "usr_jordan", action: "deploy", environmentId: "env_prod" }),
      grant("g_read_unused", { principalType: "user", userId: "usr_riley", action: "read" }),
      grant("g_write_by_email", { principalType: "user", userId: "usr_morgan", action: "write" }),
      grant("g_deploy_staging_only", { principalType: "user", userId: "usr_avery", action: "deploy", environmentId: "env_prod" }),
      grant("g_contractor", { principalType: "user", userId: "usr_taylor", action: "read" }),
      grant("g_new", { principalType: "user", userId: "usr_casey", action: "register", validFrom: at(-4), createdAt: at(-4) }),
      grant("g_stale", { principalType: "user", userId: "usr_drew", action: "read" }),
    ],
  });
  const account = await client.serviceAccount.findFirstOrThrow({ where: { orgId: "org_demo" } });
  await client.grant.create({
    data: {
      id: "g_service_by_slug",
      orgId: "org_demo",
      principalType: "service_account",
      serviceAccountId: account.id,
      projectId: "prj_factory-inspection",
      action: "read",
      origin: "policy",
      justification: "Usage test: a service account reading by digest.",
      validFrom: at(-200),
      createdAt: at(-200),
    },
  });
  const morgan = await client.user.findUniqueOrThrow({ where: { id: "usr_morgan" } });
  await ingest([
    // Jordan only ever read (by Custody id and by registry name), never deployed.
    ...[1, 5, 9, 30, 60].map((days) =>
      usageEvent({
        action: "model_version.download",
        actorId: "usr_jordan",
        artifactId: days % 2 ? ARTIFACT : "review-usage-model",
        occurredAt: at(-days),
      }),
    ),
    usageEvent({
      action: "model_version.deploy",
      actorId: "usr_jordan",
      artifactId: ARTIFACT,
      environment: "prod",
      occurredAt: at(-3),
      status: "denied",
    }),
    // Morgan writes, as the registry names him: by e-mail.
    usageEvent({ action: "model_artifact.upload", actorId: morgan.email, artifactId: ARTIFACT, occurredAt: at(-10) }),
    // Avery deploys to staging only; the grant is for prod.
    usageEvent({ action: "model_version.deploy", actorId: "usr_avery", artifactId: ARTIFACT, environment: "staging", occurredAt: at(-7) }),
    // Taylor reads, identified by the IdP subject.
    usageEvent({ action: "object.get", actorId: "taylor", digest: OTHER_DIGEST, occurredAt: at(-2) }),
    // The service account, by its slug, reads a version of an artifact of the project by digest only.
    usageEvent({ action: "model.load", actorId: account.slug, digest: DIGEST, environment: "prod", occurredAt: at(-1) }),
    // Drew read long ago; and an event "after now" must not count.
    usageEvent({ action: "artifact.download", actorId: "usr_drew", artifactId: ARTIFACT, occurredAt: at(-150) }),
    usageEvent({ action: "artifact.download", actorId: "usr_riley", artifactId: ARTIFACT, occurredAt: at(5) }),
  ]);
});

describe("usage evidence and recommendations at launch", () => {
  it("match events to grants by actor and target, per action, and recommend with reasons", async () => {
    const { campaign } = await launchTestCampaign(people.casey, {
      name: "Usage evidence",
      recurrence: "none",
      scope: { artifactIds: [ARTIFACT] },
    });
    const items = await db().reviewItem.findMany({ where: { campaignId: campaign.id } });
    const byGrant = new Map(items.map((item) => [item.grantId, item]));
    expect(items.map((item) => item.grantId).sort()).toEqual([
      "g_contractor",
      "g_deploy_reads",
      "g_deploy_staging_only",
      "g_new",
      "g_read_unused",
      "g_stale",
      "g_write_by_email",
    ]);

    expect(byGrant.get("g_deploy_reads")).toMatchObject({
      recommendation: "downgrade",
      recommendedAction: "read",
      lastUsedAt: null,
      uses90d: 0,
      recommendationReason: "Holds deploy, never used; only read was used (5 times in 90 days) → read.",
      usage: { read: { uses90d: 5, uses: 5, lastAt: at(-1).toISOString() }, deploy: { uses: 0 } },
    });
    expect(byGrant.get("g_read_unused")).toMatchObject({
      recommendation: "revoke",
      recommendationReason: expect.stringMatching(/^Never used since it was granted/),
    });
    expect(byGrant.get("g_write_by_email")).toMatchObject({ recommendation: "keep", uses90d: 1, lastUsedAt: at(-10) });
    expect(byGrant.get("g_deploy_staging_only")).toMatchObject({ recommendation: "revoke", uses90d: 0 });
    expect(byGrant.get("g_contractor")).toMatchObject({
      recommendation: "shorten_expiry",
      uses90d: 1,
      recommendationReason: expect.stringMatching(/contractor's engagement ends on/),
    });
    expect(byGrant.get("g_new")).toMatchObject({
      recommendation: "keep",
      recommendationReason: expect.stringMatching(/too recent to judge/),
    });
    expect(byGrant.get("g_stale")).toMatchObject({
      recommendation: "revoke",
      lastUsedAt: at(-150),
      uses90d: 0,
      recommendationReason: expect.stringMatching(/^Not used in the last 90 days \(last on/),
    });
    expect(items.every((item) => item.snapshotAt.getTime() === T0.getTime())).toBe(true);
  });

  it("counts a project-wide grant's use on any of the project's artifacts, found by digest", async () => {
    const { campaign } = await launchTestCampaign(people.casey, {
      name: "Service accounts",
      recurrence: "none",
      scope: { projectIds: ["prj_factory-inspection"], principalKinds: ["service_account"] },
    });
    const item = await db().reviewItem.findFirstOrThrow({ where: { campaignId: campaign.id, grantId: "g_service_by_slug" } });
    expect(item).toMatchObject({
      principalKind: "service_account",
      scopeType: "project",
      recommendation: "keep",
      uses90d: 1,
      lastUsedAt: at(-1),
    });
    // The scope kept service accounts only.
    expect(await db().reviewItem.count({ where: { campaignId: campaign.id, principalType: { not: "service_account" } } })).toBe(0);
  });
});
