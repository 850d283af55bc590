import { randomUUID } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { latestCheckpointSize, proveInclusion } from "@/lib/ledger/prove";
import { databaseForTestFile } from "@/test/fresh-database";
import { deployedAt } from "./deployed-at";
import { listArtifactEvents, type TTimelineEvent } from "./list-artifact-events";
import { listVersionHistory } from "./list-version-history";
import { summarizeArtifactEvents } from "./summarize-artifact-events";
import { verifyEventInBrowser } from "./verify-in-browser";
import { createTimelineFixture, type TTimelineFixture } from "../../test/kits/timeline-fixture";
import type { TTimelineFilters } from "./timeline-filters";

const database = databaseForTestFile();
let fixture: TTimelineFixture;
beforeAll(async () => {
  fixture = await createTimelineFixture(db(), { ledgerDb: database.ledgerDb });
});

const all: TTimelineFilters = { window: "all" };

async function everything(filters: TTimelineFilters = all): Promise<TTimelineEvent[]> {
  const events: TTimelineEvent[] = [];
  let cursor: string | null = null;
  do {
    const page = await listArtifactEvents({ principal: fixture.principals.riley, artifactId: fixture.ids.artifact, filters, cursor });
    events.push(...page.events);
    cursor = page.nextCursor;
  } while (cursor);
  return events;
}

describe("listArtifactEvents", () => {
  it("finds events by the artifact's id, its registry name, and its digests, and nothing of other artifacts", async () => {
    const events = await everything();
    expect(events).toHaveLength(fixture.storyCount + fixture.bulkCount);
    const digestOnly = events.filter((event) => event.artifactId === null);
    // The storage reads of v2 and of the unregistered upload know only the content hash.
    expect(digestOnly.map((event) => event.digest).sort()).toEqual([fixture.digests.v2, fixture.digests.rogue].sort());
    expect(digestOnly.every((event) => event.correlatedBy === "digest" && event.interface === "storage")).toBe(true);
    expect(events.some((event) => event.artifactId === fixture.name)).toBe(true);
    expect(events.some((event) => event.digest === fixture.digests.other || event.artifactId === fixture.ids.other)).toBe(false);
    // Each event carries its stored bytes and leaf hash.
    expect(JSON.parse(events[0]!.canonical)).toMatchObject({ eventId: events[0]!.eventId, action: events[0]!.action });
    expect(events[0]!.leafHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("narrows with each filter", async () => {
    const count = async (filters: TTimelineFilters) => (await everything({ ...all, ...filters })).length;
    const total = fixture.storyCount + fixture.bulkCount;
    expect(await count({ outcome: "denied" })).toBe(1);
    expect(await count({ interface: "storage" })).toBe(fixture.bulkCount + 4);
    expect(await count({ actorType: "token" })).toBe(4);
    expect(await count({ actor: "usr_quinn" })).toBe(1);
    expect(await count({ action: "model_version." })).toBe(9);
    expect(await count({ action: "model_version.deploy" })).toBe(3);
    expect(await count({ source: "argo" })).toBe(3);
    expect(await count({ environment: "prod" })).toBe(3);
    expect(await count({ version: "1" })).toBe(fixture.bulkCount + 2);
    expect(await count({ version: fixture.digests.rogue })).toBe(4);
    expect(await count({ version: "99" })).toBe(0);
    expect(await count({ q: "night shift" })).toBe(1);
    expect(await count({ q: "203.0.113.77" })).toBe(1);
    expect(await count({ q: "100%" })).toBe(0);
    expect(await count({ window: "24h" })).toBe(0);
    expect(await count({ window: "7d" })).toBe(7);
    expect(
      await count({ from: new Date(fixture.now.getTime() - 4 * 86_400_000), to: new Date(fixture.now.getTime() - 2.5 * 86_400_000) }),
    ).toBe(5);
    expect(await count({ interface: "storage", actorType: "token" })).toBe(2);
    expect(await count({})).toBe(total);
  });

  it("pages by keyset: newest first, no event twice or missed, stable while events are appended", async () => {
    const first = await listArtifactEvents({ principal: fixture.principals.riley, artifactId: fixture.ids.artifact, filters: all });
    expect(first.events).toHaveLength(100);
    expect(first.nextCursor).toMatch(/^\d+_\d+$/);
    const whole = await everything();
    const keys = whole.map((event) => [Date.parse(event.occurredAt), BigInt(event.seq)] as const);
    for (let i = 1; i < keys.length; i += 1) {
      const [t0, s0] = keys[i - 1]!;
      const [t1, s1] = keys[i]!;
      expect(t0 > t1 || (t0 === t1 && s0 > s1), `row ${i} is out of order`).toBe(true);
    }
    expect(new Set(whole.map((event) => event.seq)).size).toBe(whole.length);
    // Append newer events, then continue from the first page's cursor: the next page is unchanged.
    const second = await listArtifactEvents({
      principal: fixture.principals.riley,
      artifactId: fixture.ids.artifact,
      filters: all,
      cursor: first.nextCursor,
    });
    await ingestEvents({
      orgId: "org_demo",
      submitter: { type: "system", id: "timeline-test" },
      events: [
        {
          schemaVersion: 1,
          eventId: randomUUID(),
          occurredAt: new Date().toISOString(),
          source: { system: "aws-s3" },
          interface: "storage",
          action: "object.get",
          actor: { id: "late", type: "service" },
          target: { artifactId: fixture.ids.artifact },
          outcome: { status: "success" },
        },
      ],
    });
    const again = await listArtifactEvents({
      principal: fixture.principals.riley,
      artifactId: fixture.ids.artifact,
      filters: all,
      cursor: first.nextCursor,
    });
    expect(again.events.map((event) => event.seq)).toEqual(second.events.map((event) => event.seq));
    await expect(
      listArtifactEvents({ principal: fixture.principals.riley, artifactId: fixture.ids.artifact, filters: all, cursor: "not-a-cursor" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("records each read in the ledger with the query and the justification", async () => {
    const before = await db().ledgerEntry.count({ where: { orgId: "org_demo", action: "ledger.read" } });
    await listArtifactEvents({
      principal: fixture.principals.riley,
      artifactId: fixture.ids.artifact,
      filters: { ...all, outcome: "denied" },
      context: { justification: "INC-42: token misuse" },
    });
    const entries = await db().ledgerEntry.findMany({
      where: { orgId: "org_demo", action: "ledger.read" },
      orderBy: { seq: "desc" },
      take: 1,
    });
    expect(await db().ledgerEntry.count({ where: { orgId: "org_demo", action: "ledger.read" } })).toBe(before + 1);
    const recorded = JSON.parse(Buffer.from(entries[0]!.canonical).toString("utf8"));
    expect(entries[0]!.actorId).toBe("usr_riley");
    expect(recorded.details).toMatchObject({
      view: "artifact.timeline",
      query: { artifactId: fixture.ids.artifact, window: "all", outcome: "denied" },
      justification: "INC-42: token misuse",
    });
  });

  it("answers NOT_FOUND to an engineer who cannot see the artifact, and lets its owner read it", async () => {
    const error = await listArtifactEvents({ principal: fixture.principals.jordan, artifactId: fixture.ids.artifact, filters: all }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("NOT_FOUND");
    const owned = await listArtifactEvents({
      principal: fixture.principals.owner,
      artifactId: fixture.ids.artifact,
      filters: { ...all, outcome: "denied" },
    });
    expect(owned.events).toHaveLength(1);
    // A manager holds no timeline capability at all.
    await expect(
      listArtifactEvents({ principal: fixture.principals.sam, artifactId: fixture.ids.artifact, filters: all }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("summarizeArtifactEvents", () => {
  it("counts facets leaving out each facet's own filter, and histograms by lane and outcome", async () => {
    const summary = await summarizeArtifactEvents({
      principal: fixture.principals.riley,
      artifactId: fixture.ids.artifact,
      filters: { window: "all", outcome: "denied" },
      now: fixture.now,
    });
    expect(summary.total).toBe(1);
    // The outcome facet ignores outcome=denied, so every outcome stays choosable.
    expect(Object.fromEntries(summary.facets.outcome.map((value) => [value.value, value.count]))).toMatchObject({
      denied: 1,
      success: expect.any(Number),
    });
    expect(summary.facets.interface).toEqual([{ value: "api", count: 1, label: null }]);
    const unfiltered = await summarizeArtifactEvents({
      principal: fixture.principals.riley,
      artifactId: fixture.ids.artifact,
      filters: { window: "all" },
      now: fixture.now,
    });
    const byLane = new Map<string, number>();
    for (const bucket of unfiltered.histogram.buckets) byLane.set(bucket.lane, (byLane.get(bucket.lane) ?? 0) + bucket.count);
    expect(byLane.get("deploy")).toBe(3);
    expect(byLane.get("promotion")).toBe(2);
    expect(byLane.get("registration")).toBe(4);
    expect(unfiltered.total).toBe([...byLane.values()].reduce((sum, count) => sum + count, 0));
    expect(unfiltered.facets.version.find((value) => value.value === fixture.digests.rogue)?.label).toBe("unregistered");
    expect(unfiltered.unregisteredDigests).toEqual([fixture.digests.rogue]);
  });
});

describe("listVersionHistory", () => {
  it("groups by version with registration, provenance and deployments, and flags the unregistered digest", async () => {
    const { artifact, versions } = await listVersionHistory({ principal: fixture.principals.riley, artifactId: fixture.ids.artifact });
    expect(artifact).toEqual({ id: fixture.ids.artifact, name: fixture.name });
    expect(versions.map((version) => version.version)).toEqual([2, 1, null]);
    const [v2, v1, rogue] = versions;
    expect(v1).toMatchObject({
      registered: true,
      signed: true,
      registeredBy: expect.any(String),
      provenance: { builder: "https://argo.example/train", verified: true },
    });
    expect(v1!.deployments.map((deployment) => [deployment.environment, deployment.source])).toEqual([
      ["prod", "ledger"],
      ["staging", "deployment-record"],
    ]);
    expect(v1!.deployments[0]!.until).toEqual(new Date(fixture.now.getTime() - 10 * 86_400_000));
    expect(v2!.seenIn.map((seen) => seen.interface).sort()).toEqual(["api", "pipeline", "registry", "storage", "ui"]);
    expect(rogue).toMatchObject({ digest: fixture.digests.rogue, registered: false, signed: false, events: 4 });
    expect(rogue!.seenIn.map((seen) => seen.interface).sort()).toEqual(["pipeline", "storage"]);
    expect(rogue!.deployments).toMatchObject([{ environment: "prod", until: null, source: "ledger" }]);
  });
});

describe("an event's proof, checked as the browser checks it", () => {
  it("verifies, and no longer verifies once the stored bytes are altered in the database", async () => {
    const [denied] = (
      await listArtifactEvents({
        principal: fixture.principals.riley,
        artifactId: fixture.ids.artifact,
        filters: { ...all, outcome: "denied" },
      })
    ).events;
    const seq = Number(denied!.seq);
    const proof = async () => proveInclusion({ client: db(), orgId: "org_demo", seq, size: await latestCheckpointSize(db(), "org_demo") });
    const check = async (event: TTimelineEvent) =>
      verifyEventInBrowser({
        canonical: event.canonical,
        leafHash: event.leafHash,
        seq,
        proof: await proof(),
        publicKey: fixture.key.verifierKey,
      });
    await expect(check(denied!)).resolves.toMatchObject({
      ok: true,
      size: Number(fixture.checkpoint!.size),
      keyName: "custody.test/org_demo",
      signatureChecked: true,
    });

    // Someone with the owner's role switches the append-only trigger off and edits the entry.
    const owner = new pg.Client({ connectionString: database.superuserUrl });
    await owner.connect();
    try {
      await owner.query(`ALTER TABLE "LedgerEntry" DISABLE TRIGGER "LedgerEntry_append_only"`);
      await owner.query(
        `UPDATE "LedgerEntry" SET canonical = convert_to(replace(convert_from(canonical, 'UTF8'), '"denied"', '"success"'), 'UTF8') WHERE "orgId" = 'org_demo' AND seq = $1`,
        [seq],
      );
      await owner.query(`ALTER TABLE "LedgerEntry" ENABLE TRIGGER "LedgerEntry_append_only"`);
    } finally {
      await owner.end();
    }
    const [tampered] = (
      await listArtifactEvents({
        principal: fixture.principals.riley,
        artifactId: fixture.ids.artifact,
        filters: { ...all, actor: "usr_jordan" },
      })
    ).events;
    expect(tampered!.canonical).toContain('"status":"success"');
    const result = await check(tampered!);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^the event's bytes do not hash to its stored leaf hash/);
  });
});

describe("an entry whose stored bytes are no longer UTF-8 JSON", () => {
  it("still lets the version history and the environment's deployments answer, from its columns", async () => {
    const owner = new pg.Client({ connectionString: database.superuserUrl });
    await owner.connect();
    try {
      await owner.query(`ALTER TABLE "LedgerEntry" DISABLE TRIGGER "LedgerEntry_append_only"`);
      await owner.query(
        `UPDATE "LedgerEntry" SET canonical = '\\xff'::bytea || canonical WHERE "orgId" = 'org_demo' AND digest = $1 AND action = 'model_version.deploy'`,
        [fixture.digests.rogue],
      );
      await owner.query(`ALTER TABLE "LedgerEntry" ENABLE TRIGGER "LedgerEntry_append_only"`);
    } finally {
      await owner.end();
    }
    const { versions } = await listVersionHistory({ principal: fixture.principals.riley, artifactId: fixture.ids.artifact });
    expect(versions.find((version) => version.digest === fixture.digests.rogue)!.deployments).toMatchObject([
      { environment: "prod", until: null, source: "ledger", by: "sa_vector-labs-sync" },
    ]);
    const answer = await deployedAt({ principal: fixture.principals.riley, environment: "prod", at: fixture.now });
    expect(JSON.stringify(answer, (_, value: unknown) => (typeof value === "bigint" ? value.toString() : value))).toContain(
      fixture.digests.rogue,
    );
  });
});
