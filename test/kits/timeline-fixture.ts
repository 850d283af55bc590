import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";
import type { TEvent } from "@/lib/ingest/event-schema";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { ledgerKeyFromEnv } from "@/lib/ledger/ledger-key";
import { signCheckpoint } from "@/lib/ledger/sign-checkpoint";
import { generateNoteKey } from "@/lib/ledger/signed-note";
import { DAY, digestOf, HOUR, storyActors, storyEvents, storySources } from "./story-events";
import { supportModel, supportModelVersion } from "./support-models";
import { testPrincipal } from "./test-principal";

// The demo organisation plus one artifact whose whole story the timeline tests know: two
// registered versions, an unregistered digest uploaded and deployed by a partner token, storage
// reads that know only digests, a bulk of reads for paging, and grants in every state. Times
// are relative to `now`, so the tests say "two days ago", never a calendar date.

const orgId = "org_demo";

export type TTimelineFixture = Awaited<ReturnType<typeof createTimelineFixture>>;

export async function createTimelineFixture(db: Db, { ledgerDb, now = new Date() }: { ledgerDb: Db; now?: Date }) {
  await seedDemoData({ db, now });
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
  const language = await db.groupMembership.findFirstOrThrow({
    where: { groupId: "grp_language-team", user: { kind: "employee", roles: { has: "engineer" } } },
    select: { userId: true },
  });
  const ownerId = language.userId;
  const ids = { artifact: "art_tl-fixture-model", other: "art_tl-other-model", group: "grp_tl-fixture-deployers" };
  const name = "tl-fixture-model";
  const digests = {
    v1: digestOf("tl-fixture-model:1"),
    v2: digestOf("tl-fixture-model:2"),
    rogue: digestOf("tl-fixture-model:rogue"),
    other: digestOf("tl-other-model:1"),
  };
  await db.artifact.createMany({
    data: [
      supportModel({ id: ids.artifact, orgId, name, ownerId, createdAt: at(-60 * DAY) }),
      supportModel({ id: ids.other, orgId, name: "tl-other-model", ownerId, createdAt: at(-60 * DAY) }),
    ],
  });
  await db.artifactVersion.createMany({
    data: [
      supportModelVersion({
        id: "ver_tl_1",
        orgId,
        name,
        artifactId: ids.artifact,
        version: 1,
        digest: digests.v1,
        stage: "archived",
        createdByUserId: ownerId,
        signed: true,
        createdAt: at(-50 * DAY),
      }),
      supportModelVersion({
        id: "ver_tl_2",
        orgId,
        name,
        artifactId: ids.artifact,
        version: 2,
        digest: digests.v2,
        stage: "production",
        aliases: ["champion"],
        createdByServiceId: "sa_vector-labs-sync",
        signed: false,
        createdAt: at(-20 * DAY),
      }),
      supportModelVersion({
        id: "ver_tl_o1",
        orgId,
        name: "tl-other-model",
        artifactId: ids.other,
        version: 1,
        digest: digests.other,
        createdByUserId: ownerId,
        signed: true,
        createdAt: at(-50 * DAY),
      }),
    ],
  });
  // The Deployment table: v1 in staging (no ledger event says so: the fallback), and v2 in prod
  // from ten days ago on, still "current" after the night the ledger shows something else ran.
  await db.deployment.createMany({
    data: [
      {
        id: "dep_tl_1",
        orgId,
        artifactId: ids.artifact,
        versionId: "ver_tl_1",
        environmentId: "env_staging",
        startedAt: at(-45 * DAY),
        endedAt: null,
      },
      {
        id: "dep_tl_2",
        orgId,
        artifactId: ids.artifact,
        versionId: "ver_tl_2",
        environmentId: "env_prod",
        startedAt: at(-10 * DAY),
        endedAt: null,
      },
    ],
  });

  // Grants, each in a different state at "two days ago" (T).
  const T = at(-2 * DAY);
  await db.group.create({ data: { id: ids.group, orgId, slug: "tl-fixture-deployers", name: "Fixture deployers" } });
  await db.groupMembership.create({ data: { groupId: ids.group, userId: "usr_casey", createdAt: at(-20 * DAY) } });
  const grant = (
    id: string,
    data: Omit<Prisma.GrantCreateManyInput, "id" | "orgId" | "justification" | "origin">,
  ): Prisma.GrantCreateManyInput => ({ id, orgId, justification: "Timeline fixture grant.", origin: "request", ...data });
  await db.grant.createMany({
    data: [
      grant("gr_tl_live_read", {
        principalType: "user",
        userId: "usr_quinn",
        artifactId: ids.artifact,
        action: "read",
        validFrom: at(-30 * DAY),
        validUntil: at(30 * DAY),
      }),
      grant("gr_tl_revoked_write", {
        principalType: "user",
        userId: "usr_taylor",
        artifactId: ids.artifact,
        action: "write",
        validFrom: at(-30 * DAY),
        revokedAt: at(-3 * DAY),
        revokeReason: "Outside the engagement.",
      }),
      grant("gr_tl_revoked_later", {
        principalType: "user",
        userId: "usr_morgan",
        artifactId: ids.artifact,
        action: "retire",
        validFrom: at(-30 * DAY),
        revokedAt: at(-1 * DAY),
        revokeReason: "No longer needed.",
      }),
      grant("gr_tl_group_deploy", {
        principalType: "group",
        groupId: ids.group,
        projectId: "prj_support-assistant",
        environmentId: "env_prod",
        action: "deploy",
        validFrom: at(-10 * DAY),
      }),
      grant("gr_tl_expired", {
        principalType: "service_account",
        serviceAccountId: "sa_vector-labs-sync",
        artifactId: ids.artifact,
        action: "register",
        validFrom: at(-30 * DAY),
        validUntil: at(-2 * DAY - HOUR),
      }),
      grant("gr_tl_future", {
        principalType: "user",
        userId: "usr_avery",
        artifactId: ids.artifact,
        action: "read",
        validFrom: at(-1 * DAY),
      }),
    ],
  });

  const { token, pipeline } = storyActors;
  const owner = { id: ownerId, type: "user" as const, display: "Fixture owner" };
  const event = storyEvents(at);
  const { mlflow, s3, argo } = storySources;
  const story: TEvent[] = [
    event(-50 * DAY, {
      source: mlflow,
      interface: "registry",
      action: "model_version.create",
      actor: owner,
      target: { artifactId: name, version: "1", digest: digests.v1 },
      provenance: { builder: "https://argo.example/train", verified: true },
    }),
    event(-40 * DAY, {
      source: argo,
      interface: "pipeline",
      action: "model_version.deploy",
      actor: pipeline,
      target: { artifactId: ids.artifact, version: "1", digest: digests.v1, environment: "prod" },
    }),
    event(-20 * DAY, {
      source: mlflow,
      interface: "registry",
      action: "model_version.create",
      actor: owner,
      target: { artifactId: name, version: "2", digest: digests.v2 },
    }),
    event(-19 * DAY, {
      source: mlflow,
      interface: "ui",
      action: "model_version.stage_transition",
      actor: owner,
      target: { artifactId: name, version: "2", digest: digests.v2 },
      details: { from: "Staging", to: "Production" },
    }),
    event(-19 * DAY + HOUR, {
      source: mlflow,
      interface: "ui",
      action: "model_version_alias.set",
      actor: owner,
      target: { artifactId: name, version: "2", digest: digests.v2 },
      details: { alias: "champion" },
    }),
    event(-10 * DAY, {
      source: argo,
      interface: "pipeline",
      action: "model_version.deploy",
      actor: pipeline,
      target: { artifactId: ids.artifact, version: "2", digest: digests.v2, environment: "prod" },
      provenance: { verified: true },
    }),
    // Storage knows only the content hash.
    event(-9 * DAY, {
      source: s3,
      interface: "storage",
      action: "object.get",
      actor: pipeline,
      target: { digest: digests.v2, uri: "s3://acme-models/tl/v2/model.safetensors" },
      details: { eventName: "GetObject" },
    }),
    // The incident: a partner token at night.
    event(-3 * DAY, {
      source: mlflow,
      interface: "api",
      action: "model_version.download",
      actor: token,
      target: { artifactId: name, version: "2", digest: digests.v2 },
      network: { sourceIp: "203.0.113.77" },
    }),
    event(-3 * DAY + HOUR, {
      source: s3,
      interface: "storage",
      action: "model_artifact.upload",
      actor: token,
      target: { artifactId: ids.artifact, digest: digests.rogue, uri: "s3://acme-models/tl/hotfix/model.safetensors" },
      details: { note: "hotfix from the night shift" },
    }),
    event(-3 * DAY + 2 * HOUR, {
      source: s3,
      interface: "storage",
      action: "object.get",
      actor: token,
      target: { digest: digests.rogue, uri: "s3://acme-models/tl/hotfix/model.safetensors" },
    }),
    event(-3 * DAY + 3 * HOUR, {
      source: argo,
      interface: "pipeline",
      action: "model_version.deploy",
      actor: token,
      target: { artifactId: ids.artifact, digest: digests.rogue, environment: "prod" },
      provenance: { verified: false },
    }),
    event(-3 * DAY + 4 * HOUR, {
      source: mlflow,
      interface: "api",
      action: "model_version.download",
      actor: { id: "usr_jordan", type: "user" },
      target: { artifactId: name, version: "2" },
      outcome: { status: "denied", code: "PERMISSION_DENIED" },
    }),
    // Within an hour of T: who actually did something then.
    event(-2 * DAY + 20 * 60_000, {
      source: mlflow,
      interface: "api",
      action: "model_version.download",
      actor: { id: "usr_quinn", type: "user" },
      target: { artifactId: name, version: "2", digest: digests.v2 },
    }),
    event(-2 * DAY + 30 * 60_000, {
      source: s3,
      interface: "storage",
      action: "model_artifact.upload",
      actor: { id: "usr_taylor", type: "user" },
      target: { artifactId: ids.artifact, digest: digests.rogue },
    }),
    // Another artifact, and its storage event: neither belongs on this timeline.
    event(-5 * DAY, { source: s3, interface: "storage", action: "object.get", actor: pipeline, target: { digest: digests.other } }),
    event(-5 * DAY, {
      source: mlflow,
      interface: "registry",
      action: "model_version.create",
      actor: owner,
      target: { artifactId: ids.other, digest: digests.other },
    }),
  ];
  // 230 reads an hour apart, ending a week ago: enough for three pages, with equal times for a tiebreak.
  const bulk = Array.from({ length: 230 }, (_, i) =>
    event(-7 * DAY - Math.floor(i / 2) * HOUR, {
      source: s3,
      interface: "storage",
      action: "object.get",
      actor: pipeline,
      target: { artifactId: ids.artifact, digest: digests.v1 },
      details: { n: i },
    }),
  );
  await ingestEvents({ client: db, orgId, submitter: { type: "system", id: "timeline-fixture" }, events: [...story, ...bulk] });
  const key = ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: generateNoteKey("custody.test/org_demo").signerKey })!;
  const checkpoint = await signCheckpoint({ client: ledgerDb, orgId, key });

  const person = (userId: string) => testPrincipal(db, userId);
  return {
    now,
    T,
    ids,
    name,
    digests,
    ownerId,
    key,
    checkpoint,
    storyCount: story.length - 2,
    bulkCount: bulk.length,
    principals: {
      riley: await person("usr_riley"),
      jordan: await person("usr_jordan"),
      owner: await person(ownerId),
      sam: await person("usr_sam"),
    },
  };
}
