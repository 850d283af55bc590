import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db, pgPoolFor } from "@/lib/db";
import { appendPreparedRecords, type TPreparedRecord } from "@/lib/ledger/append-records";
import { canonicalBytes } from "@/lib/ledger/canonical";
import { hashLeaf } from "@/lib/ledger/merkle";
import type { TLedgerRecord } from "@/lib/ledger/ledger-record";
import { searchLedger } from "@/lib/ledger-search/search-ledger";
import { databaseForTestFile } from "@/test/fresh-database";
import { createInvestigation } from "./create-investigation";
import { exportInvestigationEvents } from "./export-investigation-events";
import { createInvestigationFixture, type TInvestigationFixture } from "../../test/kits/investigation-fixture";
import { listInvestigationEvents } from "./list-investigation-events";
import { searchInvestigationScope } from "./search-investigation-scope";

// Ledgers written before ingest refused U+0000 hold it in hashed records (a detail, a
// justification, a recorded query parameter, even an actor's display name). jsonb cannot hold
// U+0000, so no query may cast the canonical bytes to jsonb: these must all answer normally.

const HOUR = 3_600_000;

let fixture: TInvestigationFixture;
const seqs: Record<"detail" | "read" | "display", string> = { detail: "", read: "", display: "" };

function oldRecord(offsetMs: number, parts: Partial<TLedgerRecord>): TLedgerRecord {
  const at = fixture.at(offsetMs).toISOString();
  return {
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: at,
    recordedAt: at,
    source: { system: "mlflow", component: "model-registry" },
    interface: "api",
    action: "model_version.download",
    actor: { id: "sa_vector-labs-sync", type: "token", display: "Vector Labs integration", onBehalfOf: "usr_taylor" },
    target: { artifactId: fixture.ids.artifact, version: "1" },
    outcome: { status: "success" },
    submittedBy: { type: "system", id: "old-ledger" },
    ...parts,
  };
}

/**
 * Appends records as a ledger written before U+0000 was refused holds them: today's canonicalisation
 * refuses U+0000, so the bytes are made with a stand-in character, then given the escape RFC 8785 wrote.
 */
function preparedAsOldLedgersHoldThem(record: TLedgerRecord): TPreparedRecord {
  const standIn = "\uFDD0";
  const text = canonicalBytes(JSON.parse(JSON.stringify(record).replaceAll("\\u0000", standIn))).toString("utf8");
  const canonical = Buffer.from(text.replaceAll(standIn, "\\u0000"), "utf8");
  return { record, canonical, leafHash: hashLeaf(canonical) };
}

const database = databaseForTestFile();
beforeAll(async () => {
  fixture = await createInvestigationFixture(db());
  const records = [
    oldRecord(-2 * HOUR, { details: { note: "before\u0000after" } }),
    oldRecord(-2 * HOUR + 1, {
      action: "ledger.read",
      actor: { id: "usr_riley", type: "user", display: "Riley Okafor" },
      details: { view: "ledger.search", justification: "SEC-1\u0000", query: { q: "a\u0000b" } },
    }),
    oldRecord(-2 * HOUR + 2, {
      actor: { id: "sa_mallory", type: "token", display: "Mallory\u0000 token", onBehalfOf: "usr_\u0000taylor" },
      network: { sourceIp: "10.0.0.1\u0000", userAgent: "python\u0000-requests/2.31" },
    }),
  ];
  const appended = await appendPreparedRecords(pgPoolFor(db()), "org_demo", records.map(preparedAsOldLedgersHoldThem));
  [seqs.detail, seqs.read, seqs.display] = appended.map((row) => row.seq.toString()) as [string, string, string];
});

const reason = { justification: "SEC-142: reading entries that hold U+0000" };

describe("entries whose hashed record holds U+0000", () => {
  it("are stored with their bytes as hashed (the JSON escape), so the test exercises what old ledgers hold", async () => {
    const entry = await db().ledgerEntry.findFirstOrThrow({ where: { orgId: "org_demo", seq: BigInt(seqs.detail) } });
    expect(Buffer.from(entry.canonical).toString("utf8")).toContain("before\\u0000after");
  });

  it("ledger search with an actor filter answers, and finds actors by their display name and on-behalf-of", async () => {
    const page = await searchLedger({
      principal: fixture.principals.riley,
      filters: { actor: "vector labs", window: "all" },
      reason,
      now: fixture.now,
    });
    expect(page.events.map((event) => event.seq)).toContain(seqs.detail);
    const reads = await searchLedger({
      principal: fixture.principals.riley,
      filters: { actor: "riley", action: "ledger.read", window: "all" },
      reason,
      now: fixture.now,
    });
    expect(reads.events.map((event) => event.seq)).toContain(seqs.read);
    const mallory = await searchLedger({
      principal: fixture.principals.riley,
      filters: { actor: "mallory", window: "all" },
      reason,
      now: fixture.now,
    });
    expect(mallory.events.map((event) => event.seq)).toEqual([seqs.display]);
    expect(mallory.events[0]!.actorDisplay).toBe("Mallory\u0000 token");
    const onBehalf = await searchLedger({
      principal: fixture.principals.riley,
      filters: { actor: "taylor", window: "all" },
      reason,
      now: fixture.now,
    });
    expect(onBehalf.events.map((event) => event.seq)).toEqual(expect.arrayContaining([seqs.detail, seqs.display]));
  });

  it("the investigation's events list, its search and its export answer over a window holding them", async () => {
    const { id } = await createInvestigation({
      principal: fixture.principals.riley,
      input: {
        title: "Entries holding NUL",
        severity: "low",
        assigneeId: "usr_riley",
        ...fixture.scope(),
        seqs: [seqs.detail, seqs.read, seqs.display],
      },
    });
    const listed = await listInvestigationEvents({ principal: fixture.principals.riley, investigationId: id, filters: { actor: "a" } });
    expect(listed.events.map((event) => event.seq)).toEqual([seqs.detail, seqs.read, seqs.display]);

    const found = await searchInvestigationScope({ principal: fixture.principals.riley, investigationId: id, query: { actor: "mallory" } });
    expect(found.events.map((event) => event.seq)).toEqual([seqs.display]);

    const file = await exportInvestigationEvents({
      principal: fixture.principals.riley,
      investigationId: id,
      input: { format: "ndjson", filters: { actor: "vector" } },
    });
    expect(file.count).toBe(1);
    const [line] = (await new Response(file.body).text())
      .trimEnd()
      .split("\n")
      .map((text) => JSON.parse(text));
    expect(line).toMatchObject({ seq: seqs.detail, event: { details: { note: "before\u0000after" } } });
  });
});

describe("the migration's backfill of actorDisplay and actorOnBehalfOf", () => {
  it("derives from the hashed bytes what an append writes, even for records holding U+0000 or bytes that are not JSON", async () => {
    const owner = new pg.Client({ connectionString: database.superuserUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query<{
        seq: string;
        display: string | null;
        onBehalfOf: string | null;
        stored: string | null;
        storedOnBehalfOf: string | null;
      }>(
        `SELECT seq::text, custody_ledger_actor_text(canonical, 'display') AS display, custody_ledger_actor_text(canonical, 'onBehalfOf') AS "onBehalfOf",
           "actorDisplay" AS stored, "actorOnBehalfOf" AS "storedOnBehalfOf" FROM "LedgerEntry" WHERE "orgId" = 'org_demo' ORDER BY seq`,
      );
      expect(rows.length).toBeGreaterThan(10);
      for (const row of rows)
        expect({ seq: row.seq, display: row.display, onBehalfOf: row.onBehalfOf }).toEqual({
          seq: row.seq,
          display: row.stored,
          onBehalfOf: row.storedOnBehalfOf,
        });
      expect(rows.find((row) => row.seq === seqs.display)).toMatchObject({
        display: "Mallory\uFFFD token",
        onBehalfOf: "usr_\uFFFDtaylor",
      });
      const odd = await owner.query<{ notJson: string | null; notUtf8: string | null; escaped: string | null }>(
        `SELECT custody_ledger_actor_text(convert_to('{"actor":', 'UTF8'), 'display') AS "notJson",
           custody_ledger_actor_text('\\xff7b7d'::bytea, 'display') AS "notUtf8",
           custody_ledger_actor_text(convert_to('{"actor":{"display":"a\\\\u0000b\\u0000"}}', 'UTF8'), 'display') AS escaped`,
      );
      expect(odd.rows[0]).toEqual({ notJson: null, notUtf8: null, escaped: "a\\u0000b\uFFFD" });

      await expectBackfillToRederive(owner, "20261205010000_actor_columns", ["actorDisplay", "actorOnBehalfOf"]);
    } finally {
      await owner.end();
    }
  });
});

describe("the migration's backfill of sourceIp and userAgent", () => {
  it("derives from the hashed bytes what an append writes, U+0000 included", async () => {
    const owner = new pg.Client({ connectionString: database.superuserUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ sourceIp: string | null; userAgent: string | null }>(
        `SELECT "sourceIp", "userAgent" FROM "LedgerEntry" WHERE "orgId" = 'org_demo' AND seq = $1`,
        [seqs.display],
      );
      expect(rows[0]).toEqual({ sourceIp: "10.0.0.1\uFFFD", userAgent: "python\uFFFD-requests/2.31" });
      await expectBackfillToRederive(owner, "20261208010000_network_columns", ["sourceIp", "userAgent"]);
    } finally {
      await owner.end();
    }
  });
});

/**
 * Runs a migration's own backfill statement over entries as a ledger from before it holds them
 * (the columns empty) and expects it to give back what append wrote, with the ledger append-only after.
 */
async function expectBackfillToRederive(owner: pg.Client, migrationName: string, columns: string[]) {
  const list = columns.map((column) => `"${column}"`).join(", ");
  const read = async () => (await owner.query(`SELECT "orgId", seq::text, ${list} FROM "LedgerEntry" ORDER BY "orgId", seq`)).rows;
  const before = await read();
  expect(before.some((row) => columns.some((column) => row[column] !== null))).toBe(true);
  await owner.query(
    `DO $$ BEGIN ALTER TABLE "LedgerEntry" DISABLE TRIGGER "LedgerEntry_append_only"; UPDATE "LedgerEntry" SET ${columns.map((column) => `"${column}" = NULL`).join(", ")}; ALTER TABLE "LedgerEntry" ENABLE TRIGGER "LedgerEntry_append_only"; END $$`,
  );
  const migration = await readFile(new URL(`../../prisma/migrations/${migrationName}/migration.sql`, import.meta.url), "utf8");
  await owner.query(migration.slice(migration.indexOf("DO E'")));
  expect(await read()).toEqual(before);
  // The trigger is back: the ledger stays append-only.
  await expect(owner.query(`UPDATE "LedgerEntry" SET "${columns[0]}" = 'x' WHERE seq = 0`)).rejects.toThrow(/append-only/);
}
