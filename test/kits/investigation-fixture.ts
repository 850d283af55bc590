import type { Db } from "@/lib/db";
import { DEMO_ORG_ID } from "@/prisma/seed/demo-organization";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { DAY, digestOf, HOUR, storyActors, storyEvents, storySources } from "./story-events";
import { supportModel, supportModelVersion } from "./support-models";
import { testPrincipal } from "./test-principal";

// The demo organisation plus one model whose incident the investigation tests know: a partner
// token downloads it at night, uploads an unregistered digest, deploys it to prod; storage sees
// only the digest; one event carries text that CSV must escape. Another artifact's event and an
// old event sit outside the scope and the window; another organisation's ledger has an entry too.
// Times are relative to `now`.

const orgId = DEMO_ORG_ID;

export type TInvestigationFixture = Awaited<ReturnType<typeof createInvestigationFixture>>;

export async function createInvestigationFixture(db: Db, now = new Date()) {
  await seedDemoData({ db, now });
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
  const owner = await db.user.findFirstOrThrow({ where: { orgId, roles: { has: "engineer" }, kind: "employee" }, select: { id: true } });
  const ids = { artifact: "art_inv-fixture-model", other: "art_inv-other-model" };
  const name = "inv-fixture-model";
  const digests = { v1: digestOf("inv-fixture-model:1"), rogue: digestOf("inv-fixture-model:rogue"), other: digestOf("inv-other-model:1") };
  await db.artifact.createMany({
    data: [
      supportModel({ id: ids.artifact, orgId, name, ownerId: owner.id, createdAt: at(-60 * DAY) }),
      supportModel({ id: ids.other, orgId, name: "inv-other-model", ownerId: owner.id, createdAt: at(-60 * DAY) }),
    ],
  });
  await db.artifactVersion.createMany({
    data: [
      supportModelVersion({
        id: "ver_inv_1",
        orgId,
        name,
        artifactId: ids.artifact,
        version: 1,
        digest: digests.v1,
        stage: "production",
        createdByUserId: owner.id,
        signed: true,
        createdAt: at(-50 * DAY),
      }),
      supportModelVersion({
        id: "ver_inv_o1",
        orgId,
        name: "inv-other-model",
        artifactId: ids.other,
        version: 1,
        digest: digests.other,
        createdByUserId: owner.id,
        signed: true,
        createdAt: at(-50 * DAY),
      }),
    ],
  });

  const { token, pipeline } = storyActors;
  const network = { sourceIp: "203.0.113.77", userAgent: "python-requests/2.31" };
  const event = storyEvents(at);
  const { mlflow, s3, argo } = storySources;
  const story = {
    release: event(-40 * DAY, {
      source: argo,
      interface: "pipeline",
      action: "model_version.deploy",
      actor: pipeline,
      target: { artifactId: ids.artifact, version: "1", digest: digests.v1, environment: "prod" },
    }),
    download: event(-3 * DAY, {
      source: mlflow,
      interface: "api",
      action: "model_version.download",
      actor: token,
      target: { artifactId: name, version: "1", digest: digests.v1 },
      network,
    }),
    upload: event(-3 * DAY + HOUR, {
      source: s3,
      interface: "storage",
      action: "model_artifact.upload",
      actor: token,
      target: { artifactId: ids.artifact, digest: digests.rogue },
      network,
      details: { note: 'hotfix, "urgent"\nfrom the night shift', formula: '=HYPERLINK("http://evil.example")' },
    }),
    copy: event(-3 * DAY + 2 * HOUR, {
      source: s3,
      interface: "storage",
      action: "object.get",
      actor: token,
      target: { digest: digests.rogue, uri: "s3://acme-models/inv/hotfix/model.safetensors" },
      network,
    }),
    deploy: event(-3 * DAY + 3 * HOUR, {
      source: argo,
      interface: "pipeline",
      action: "model_version.deploy",
      actor: token,
      target: { artifactId: ids.artifact, digest: digests.rogue, environment: "prod" },
      network,
      provenance: { verified: false },
    }),
    denied: event(-3 * DAY + 4 * HOUR, {
      source: mlflow,
      interface: "api",
      action: "model_version.download",
      actor: { id: "usr_jordan", type: "user", display: "Jordan Kim" },
      target: { artifactId: name, version: "1" },
      outcome: { status: "denied", code: "PERMISSION_DENIED" },
    }),
    otherArtifact: event(-3 * DAY, {
      source: mlflow,
      interface: "registry",
      action: "model_version.create",
      actor: pipeline,
      target: { artifactId: ids.other, digest: digests.other },
    }),
  };
  const ingested = await ingestEvents({
    client: db,
    orgId,
    submitter: { type: "system", id: "investigation-fixture" },
    events: Object.values(story),
  });
  const seqOf = Object.fromEntries(
    Object.entries(story).map(([key, value]) => [key, ingested.events.find((row) => row.eventId === value.eventId)!.seq]),
  ) as Record<keyof typeof story, string>;

  // Another organisation with a ledger of its own: its seqs must never reach these investigations.
  const otherOrgId = "org_inv_other";
  await db.organization.create({ data: { id: otherOrgId, slug: otherOrgId, name: "Other organisation" } });
  const foreign = await ingestEvents({
    client: db,
    orgId: otherOrgId,
    submitter: { type: "system", id: "investigation-fixture" },
    events: Array.from({ length: 1500 }, (_, i) =>
      event(-DAY + i, {
        source: mlflow,
        interface: "api",
        action: "model_version.download",
        actor: { id: "usr_elsewhere", type: "user" },
        target: { artifactId: "elsewhere" },
      }),
    ),
  });
  // A stranger: a responder of the other organisation.
  await db.user.create({
    data: {
      id: "usr_inv_stranger",
      orgId: otherOrgId,
      subject: "inv-stranger",
      email: "stranger@other.example",
      name: "Sid Stranger",
      roles: ["incident_responder"],
      idpGroups: [],
    },
  });

  const person = (userId: string) => testPrincipal(db, userId);
  return {
    now,
    at,
    ids,
    name,
    digests,
    seqs: seqOf,
    /** Seqs that exist only in the other organisation's ledger (this one stays far shorter in the tests). */
    foreignSeqs: foreign.events.slice(-3).map((row) => row.seq),
    principals: {
      riley: await person("usr_riley"),
      morgan: await person("usr_morgan"),
      avery: await person("usr_avery"),
      casey: await person("usr_casey"),
      sam: await person("usr_sam"),
      jordan: await person("usr_jordan"),
      stranger: await person("usr_inv_stranger"),
    },
    /** The usual scope: this model, the last week. */
    scope: () => ({ artifactIds: [ids.artifact], windowFrom: at(-7 * DAY).toISOString(), windowTo: at(HOUR).toISOString() }),
  };
}

/** The ledger's newest entries of an organisation, newest first, with their JSON. */
export async function latestEntries(db: Db, count = 1, org = orgId) {
  const rows = await db.ledgerEntry.findMany({ where: { orgId: org }, orderBy: { seq: "desc" }, take: count });
  return rows.map((row) => ({
    ...row,
    record: JSON.parse(Buffer.from(row.canonical).toString("utf8")) as {
      action: string;
      actor: { id: string; type: string; display: string };
      details: Record<string, unknown>;
      submittedBy: { type: string; id: string };
    },
  }));
}

export async function ledgerSize(db: Db, org = orgId): Promise<number> {
  return db.ledgerEntry.count({ where: { orgId: org } });
}
