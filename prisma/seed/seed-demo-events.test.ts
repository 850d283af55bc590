import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/fresh-database";
import { parseCheckpoint } from "@/lib/ledger/checkpoint";
import { ledgerKeyFromEnv } from "@/lib/ledger/ledger-key";
import { generateNoteKey, openNote, parseVerifierKey } from "@/lib/ledger/signed-note";
import { verifyLedger } from "@/lib/ledger/verify-ledger";
import { DEMO_ORG_ID } from "./demo-organization";
import { demoIncident } from "./demo-incident";
import { generateDemoEvents } from "./generate-demo-events";
import { generateDemoOrganization } from "./generate-demo-organization";
import { seedDemoData } from "./seed-demo-data";
import { seedDemoEvents } from "./seed-demo-events";

// A database of its own: this file counts every ledger entry.
const database = await freshDatabase();
const db = database.db;
const now = new Date("2026-11-28T09:30:00.000Z");
const keys = generateNoteKey(`custody.test/${DEMO_ORG_ID}`);
const key = ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: keys.signerKey })!;
const organization = generateDemoOrganization({ now });
const expected = [...generateDemoEvents({ organization, now, days: 14 })];

describe("seedDemoEvents", () => {
  afterAll(async () => {
    await database.close();
  });

  it("appends the organisation's events to its ledger, gapless, and signs a checkpoint over all of them", async () => {
    expect((await seedDemoData({ db, now })).seeded).toBe(true);
    const progress: number[] = [];
    const result = await seedDemoEvents({
      db: database.ledgerDb,
      organization,
      now,
      days: 14,
      key,
      batchSize: 1000,
      onProgress: ({ events }) => progress.push(events),
    });
    expect(result).toMatchObject({ events: expected.length, appended: expected.length, duplicates: 0 });
    expect(progress.at(-1)).toBe(expected.length);
    expect(progress.length).toBe(Math.ceil(expected.length / 1000));

    const entries = await db.ledgerEntry.findMany({
      where: { orgId: DEMO_ORG_ID },
      orderBy: { seq: "asc" },
      select: { seq: true, eventId: true, submittedBy: true },
    });
    expect(entries.map((entry) => Number(entry.seq))).toEqual(expected.map((_, i) => i));
    expect(entries.map((entry) => entry.eventId)).toEqual(expected.map((event) => event.eventId));
    expect(new Set(entries.map((entry) => entry.submittedBy))).toEqual(new Set(["system:custody-demo-seed"]));

    const checkpoint = await db.ledgerCheckpoint.findFirstOrThrow({ where: { orgId: DEMO_ORG_ID }, orderBy: { size: "desc" } });
    expect(Number(checkpoint.size)).toBe(expected.length);
    expect(result.checkpoint?.id).toBe(checkpoint.id);
    const opened = openNote(checkpoint.note, [parseVerifierKey(keys.verifierKey)]);
    expect(opened.verifiedSignatures).toHaveLength(1);
    expect(parseCheckpoint(opened.text).size).toBe(expected.length);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const verified = await verifyLedger({ query: client, orgId: DEMO_ORG_ID, verifiers: [parseVerifierKey(keys.verifierKey)] });
      expect(verified).toMatchObject({ ok: true, entries: expected.length, checkpoints: 1 });
    } finally {
      await client.end();
    }
  });

  it("puts the incident where an artifact's page finds it: by artifact, by digest and by actor", async () => {
    const night = await db.ledgerEntry.findMany({
      where: { orgId: DEMO_ORG_ID, artifactId: demoIncident.artifactId, actorId: demoIncident.tokenServiceAccountId },
      orderBy: { seq: "asc" },
      select: { action: true, actorType: true, digest: true, environment: true, interface: true, outcome: true },
    });
    expect(night).toEqual([
      {
        action: "model_version.download",
        actorType: "token",
        digest: demoIncident.productionDigest,
        environment: null,
        interface: "api",
        outcome: "success",
      },
      {
        action: "model_artifact.upload",
        actorType: "token",
        digest: demoIncident.unregisteredDigest,
        environment: null,
        interface: "storage",
        outcome: "success",
      },
      {
        action: "model_version.deploy",
        actorType: "token",
        digest: demoIncident.unregisteredDigest,
        environment: "prod",
        interface: "pipeline",
        outcome: "success",
      },
    ]);
    const alert = await db.ledgerEntry.findFirst({
      where: {
        orgId: DEMO_ORG_ID,
        artifactId: demoIncident.artifactId,
        action: "model.prediction_drift_alert",
        actorId: demoIncident.monitorServiceAccountId,
      },
    });
    expect(alert).toMatchObject({ outcome: "failure", environment: "prod" });
    expect(await db.artifactVersion.count({ where: { digest: demoIncident.unregisteredDigest } })).toBe(0);
  });

  it("appends nothing twice when run again: the event ids are deterministic", async () => {
    const again = await seedDemoEvents({ db: database.ledgerDb, organization, now, days: 14, key });
    expect(again).toMatchObject({ events: expected.length, appended: 0, duplicates: expected.length });
    expect(await db.ledgerEntry.count({ where: { orgId: DEMO_ORG_ID } })).toBe(expected.length);
  });
});
