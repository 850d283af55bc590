import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { freshDatabase, type TFreshDatabase } from "@/test/fresh-database";
import type { TEvent } from "@/lib/ingest/event-schema";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { pgPoolFor } from "@/lib/db";
import { appendPreparedRecords, prepareRecords } from "./append-records";
import type { TLedgerRecord } from "./ledger-record";
import { ledgerKeyFromEnv } from "./ledger-key";
import { signCheckpoint } from "./sign-checkpoint";
import { generateNoteKey, parseVerifierKey } from "./signed-note";
import { storedHashIndex } from "./tile-store";
import { verifyLedger, type TVerifyResult } from "./verify-ledger";

const orgId = "org_test";
const keys = generateNoteKey("custody.test/org_test");
const key = ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: keys.signerKey })!;
const verifiers = [parseVerifierKey(keys.verifierKey)];

function event(n: number): TEvent {
  return {
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: new Date(Date.UTC(2026, 10, 1, 0, 0, n)).toISOString(),
    source: { system: "mlflow", component: "registry" },
    interface: "registry",
    action: n % 3 === 0 ? "model_version.deploy" : "model_version.download",
    actor: { id: `svc-${n % 4}`, type: "service" },
    target: { artifactId: `art_${n % 5}`, version: String(n % 7), digest: (n % 16).toString(16).repeat(64) },
    outcome: { status: "success" },
    ...(n % 2 ? { network: { sourceIp: `10.0.0.${n}`, userAgent: "python-requests/2.31" } } : {}),
  };
}

let database: TFreshDatabase | undefined;
let superuser: pg.Client | undefined;
afterEach(async () => {
  await superuser?.end();
  await database?.close();
  superuser = undefined;
  database = undefined;
});

/** A ledger of 40 entries in 4 batches, with signed checkpoints at 10, 25 and 40. */
async function ledger() {
  database = await freshDatabase();
  const submitter = { type: "service_account" as const, id: "sa_test", tokenId: "tok_test" };
  let n = 0;
  for (const [size, checkpoint] of [
    [10, true],
    [15, true],
    [10, false],
    [5, true],
  ] as const) {
    await ingestEvents({ client: database.db, orgId, submitter, events: Array.from({ length: size }, () => event(n++)) });
    if (checkpoint) await signCheckpoint({ client: database.ledgerDb, orgId, key });
  }
  superuser = new pg.Client({ connectionString: database.superuserUrl });
  await superuser.connect();
  return database;
}

/** Tampers as a superuser would: with the append-only triggers switched off for the session. */
async function tamper(...statements: string[]) {
  await superuser!.query("SET session_replication_role = replica");
  for (const statement of statements) await superuser!.query(statement);
  await superuser!.query("SET session_replication_role = DEFAULT");
}

const verify = (thread?: "worker" | "main") => verifyLedger({ query: superuser!, orgId, verifiers, thread });

/** What a reader of the report sees: each listed failure's kind, problem, seq and column. */
const listed = (result: TVerifyResult) =>
  result.failure?.failures.map(({ kind, problem, seq, column }) => ({ kind, problem, seq, ...(column ? { column } : {}) }));

describe("verifyLedger", () => {
  it("verifies one snapshot while the ledger grows: entries, tree hashes and checkpoints appended during the run are not a truncation", async () => {
    const db = await ledger();
    const submitter = { type: "service_account" as const, id: "sa_test", tokenId: "tok_test" };
    let grown = false;
    // Appends (and signs) just before verify looks for tree hashes past its last entry, as a busy ledger does.
    const forward = (args: unknown[]) => (superuser!.query as (...a: unknown[]) => unknown).apply(superuser, args);
    const growing = {
      // Not async: COPY's query returns its stream, which a promise would hide.
      query: (...args: unknown[]) => {
        if (grown || typeof args[0] !== "string" || !/FROM "LedgerHash" WHERE "orgId" = \$1 AND idx >=/.test(args[0])) return forward(args);
        grown = true;
        return (async () => {
          await ingestEvents({ client: db.db, orgId, submitter, events: Array.from({ length: 7 }, (_, i) => event(100 + i)) });
          await signCheckpoint({ client: db.ledgerDb, orgId, key });
          return forward(args);
        })();
      },
    } as unknown as pg.Client;
    const result = await verifyLedger({ query: growing, orgId, verifiers });
    expect(grown).toBe(true);
    expect(result.failure).toBeUndefined();
    expect(result).toMatchObject({ ok: true, entries: 40 });
    expect((await verify()).entries).toBe(47);
  });

  it("passes an intact ledger and its checkpoints", async () => {
    await ledger();
    const result = await verify();
    expect(result).toMatchObject({ ok: true, entries: 40, checkpoints: 3 });
    expect(result.failure).toBeUndefined();
  });

  it("names the entry whose stored bytes were changed, and the column that no longer matches them", async () => {
    await ledger();
    await tamper(
      `UPDATE "LedgerEntry" SET canonical = convert_to(replace(convert_from(canonical, 'UTF8'), 'model_version.download', 'model_version.delete'), 'UTF8') WHERE seq = 7`,
    );
    const result = await verify();
    expect(result.failure).toMatchObject({
      kind: "bytes",
      problem: "changed",
      seq: 7,
      total: 2,
      counts: { bytes: 1, column: 1, tree: 0, checkpoint: 0 },
    });
    expect(listed(result)).toEqual([
      { kind: "bytes", problem: "changed", seq: 7 },
      { kind: "column", problem: "changed", seq: 7, column: "action" },
    ]);
  });

  it("names the entry whose indexed column was changed", async () => {
    await ledger();
    await tamper(`UPDATE "LedgerEntry" SET "actorId" = 'someone-else' WHERE seq = 12`);
    const result = await verify();
    expect(result.failure).toMatchObject({ kind: "column", seq: 12, column: "actorId", total: 1 });
    expect(result.failure?.message).toContain("actorId");
  });

  it("detects a changed entry even when its leaf hash was recomputed to match", async () => {
    await ledger();
    await tamper(
      `UPDATE "LedgerEntry" SET canonical = convert_to(replace(convert_from(canonical, 'UTF8'), 'mlflow', 'mlfloW'), 'UTF8') WHERE seq = 3`,
      `UPDATE "LedgerEntry" SET "leafHash" = sha256('\\x00'::bytea || canonical) WHERE seq = 3`,
    );
    expect(listed(await verify())).toEqual([
      { kind: "bytes", problem: "changed", seq: 3 },
      { kind: "column", problem: "changed", seq: 3, column: "sourceSystem" },
    ]);
  });

  it("names a deleted entry", async () => {
    await ledger();
    await tamper(`DELETE FROM "LedgerEntry" WHERE seq = 21`);
    const result = await verify();
    expect(result.failure).toMatchObject({ kind: "tree", problem: "missing", seq: 21, total: 1 });
    expect(result.failure?.message).toContain("(deleted)");
  });

  it("names two swapped entries", async () => {
    await ledger();
    await tamper(
      `UPDATE "LedgerEntry" SET seq = 100000 WHERE seq = 30`,
      `UPDATE "LedgerEntry" SET seq = 30 WHERE seq = 31`,
      `UPDATE "LedgerEntry" SET seq = 31 WHERE seq = 100000`,
    );
    const result = await verify();
    expect(listed(result)).toEqual([{ kind: "tree", problem: "reordered", seq: 30 }]);
    expect(result.failure?.message).toBe("entries 30 and 31 are swapped (reordered)");
  });

  it("names an inserted entry once, not every entry shifted after it", async () => {
    await ledger();
    await tamper(
      `UPDATE "LedgerEntry" SET seq = seq + 1000 WHERE seq >= 18`,
      `UPDATE "LedgerEntry" SET seq = seq - 999 WHERE seq >= 1018`,
      `INSERT INTO "LedgerEntry" SELECT "orgId", 18, gen_random_uuid(), "schemaVersion", "occurredAt", "recordedAt", "sourceSystem", interface, action, "actorId", "actorType", "artifactId", digest, environment, outcome, "submittedBy", "tokenId", canonical, "leafHash" FROM "LedgerEntry" WHERE seq = 2`,
    );
    // The copy's own eventId column no longer matches its bytes, which are entry 2's.
    expect(listed(await verify())).toEqual([
      { kind: "tree", problem: "inserted", seq: 18 },
      { kind: "column", problem: "changed", seq: 18, column: "eventId" },
    ]);
  });

  it("names a truncated tail", async () => {
    await ledger();
    await tamper(`DELETE FROM "LedgerEntry" WHERE seq >= 33`);
    const result = await verify();
    expect(result.failure?.failures).toContainEqual(expect.objectContaining({ kind: "checkpoint", problem: "truncated", seq: 33 }));
    expect(result.failure?.failures.find((failure) => failure.problem === "truncated" && failure.kind === "checkpoint")?.message).toContain(
      "signed 40",
    );
  });

  it("names a checkpoint whose root was altered, and checks the entries against the root it signed", async () => {
    await ledger();
    await tamper(`UPDATE "LedgerCheckpoint" SET "rootHash" = sha256("rootHash") WHERE size = 25`);
    const result = await verify();
    expect(result.failure?.failures).toEqual([expect.objectContaining({ kind: "checkpoint", problem: "checkpoint-altered" })]);
    expect(result.checkpoints).toBe(3);
  });

  it("names a checkpoint whose signature was altered", async () => {
    await ledger();
    await tamper(`UPDATE "LedgerCheckpoint" SET note = regexp_replace(note, '— (\\S+) (.)', '— \\1 A') WHERE size = 10`);
    expect((await verify()).failure?.failures).toEqual([expect.objectContaining({ kind: "checkpoint", problem: "bad-signature" })]);
  });

  it("detects entries rewritten together with the tree, through the signed checkpoint", async () => {
    await ledger();
    // Rewrite entry 0 and every stored hash consistently: only the signature can tell.
    await tamper(`DELETE FROM "LedgerHash"`, `DELETE FROM "LedgerEntry" WHERE seq = 0`);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.failure?.counts.checkpoint).toBeGreaterThan(0);
  });

  it("catches an entry rewritten with its stored leaf hash through the node above it, and the signed root", async () => {
    await ledger();
    await tamper(
      `UPDATE "LedgerEntry" SET canonical = convert_to(replace(convert_from(canonical, 'UTF8'), 'svc-', 'svx-'), 'UTF8') WHERE seq = 4`,
      `UPDATE "LedgerEntry" SET "leafHash" = sha256('\\x00'::bytea || canonical), "actorId" = replace("actorId", 'svc-', 'svx-') WHERE seq = 4`,
      `UPDATE "LedgerHash" SET hash = (SELECT "leafHash" FROM "LedgerEntry" WHERE seq = 4) WHERE idx = ${storedHashIndex(0, 4)}`,
    );
    const result = await verify();
    expect(result.failure?.failures[0]).toMatchObject({ kind: "tree", problem: "tree-altered", seq: 5 });
    expect(result.failure?.counts.checkpoint).toBe(3);
  });
});

describe("every derived column", () => {
  // Each column tampered in another entry; one run names them all. Test events have no environment.
  const tampered = [
    ["eventId", `"eventId" = gen_random_uuid()`],
    ["schemaVersion", `"schemaVersion" = 2`],
    ["occurredAt", `"occurredAt" = "occurredAt" + interval '1 millisecond'`],
    ["recordedAt", `"recordedAt" = "recordedAt" - interval '1 second'`],
    ["sourceSystem", `"sourceSystem" = 'sagemaker'`],
    ["interface", `interface = 'storage'`],
    ["action", `action = 'model_version.delete'`],
    ["actorId", `"actorId" = 'svc-9'`],
    ["actorType", `"actorType" = 'user'`],
    ["artifactId", `"artifactId" = NULL`],
    ["digest", `digest = repeat('e', 64)`],
    ["environment", `environment = 'prod'`],
    ["outcome", `outcome = 'denied'`],
    ["submittedBy", `"submittedBy" = 'user:usr_morgan'`],
    ["tokenId", `"tokenId" = 'tok_other'`],
  ] as const;

  it("names the entry and the column for each of them, in one run", async () => {
    await ledger();
    await tamper(...tampered.map(([, set], i) => `UPDATE "LedgerEntry" SET ${set} WHERE seq = ${i * 2 + 1}`));
    const result = await verify();
    expect(result.failure).toMatchObject({ total: tampered.length, counts: { bytes: 0, column: tampered.length, tree: 0, checkpoint: 0 } });
    expect(listed(result)).toEqual(tampered.map(([column], i) => ({ kind: "column", problem: "changed", seq: i * 2 + 1, column })));
  });

  it("passes an older entry whose hashed record holds its eventId in upper case (the column stores it lower case)", async () => {
    await ledger();
    const record: TLedgerRecord = {
      ...event(99),
      eventId: randomUUID().toUpperCase(),
      recordedAt: new Date().toISOString(),
      submittedBy: { type: "system", id: "test" },
    };
    await appendPreparedRecords(pgPoolFor(database!.db), orgId, prepareRecords([record]));
    expect(await verify()).toMatchObject({ ok: true, entries: 41 });
  });
});

describe("reporting every failure", () => {
  for (const thread of ["main", "worker"] as const) {
    it(`reports tamperings far apart and one in the tree hashes, hashing on the ${thread} thread`, async () => {
      await ledger();
      await tamper(
        `UPDATE "LedgerEntry" SET environment = 'prod' WHERE seq = 2`,
        `UPDATE "LedgerHash" SET hash = sha256(hash) WHERE idx = ${storedHashIndex(2, 4)}`,
        `DELETE FROM "LedgerEntry" WHERE seq = 26`,
        `UPDATE "LedgerEntry" SET canonical = convert_to(replace(convert_from(canonical, 'UTF8'), '"success"', '"failure"'), 'UTF8') WHERE seq = 38`,
      );
      const result = await verify(thread);
      expect(result).toMatchObject({ ok: false, entries: 40, checkpoints: 3 });
      expect(listed(result)).toEqual([
        { kind: "column", problem: "changed", seq: 2, column: "environment" },
        { kind: "tree", problem: "tree-altered", seq: 19 },
        { kind: "tree", problem: "missing", seq: 26 },
        { kind: "bytes", problem: "changed", seq: 38 },
        { kind: "column", problem: "changed", seq: 38, column: "outcome" },
      ]);
      expect(result.failure).toMatchObject({ kind: "column", seq: 2, total: 5, counts: { bytes: 1, column: 2, tree: 2, checkpoint: 0 } });
      expect(result.failure?.message).toMatch(/^5 failures \(1 bytes, 2 column, 2 tree\); the first: entry 2: column environment differs/);
    });
  }
});

describe("the origin columns", () => {
  it("are checked against the record: a changed address, a planted one and a removed user agent are each named", async () => {
    await ledger();
    await tamper(
      `UPDATE "LedgerEntry" SET "sourceIp" = '203.0.113.9' WHERE seq = 3`,
      `UPDATE "LedgerEntry" SET "sourceIp" = '10.0.0.1' WHERE seq = 4`,
      `UPDATE "LedgerEntry" SET "userAgent" = NULL WHERE seq = 5`,
    );
    expect(listed(await verify())).toEqual([
      { kind: "column", problem: "changed", seq: 3, column: "sourceIp" },
      { kind: "column", problem: "changed", seq: 4, column: "sourceIp" },
      { kind: "column", problem: "changed", seq: 5, column: "userAgent" },
    ]);
  });
});

describe("incremental verification", () => {
  it("verifies only the entries after a verified size, and still catches tampering in them", async () => {
    await ledger();
    const full = await verify();
    expect(full.ok).toBe(true);
    const tail = await verifyLedger({ query: superuser!, orgId, verifiers, fromSize: 25 });
    expect(tail).toMatchObject({ ok: true, entries: 40, checkpoints: 3 });
    await tamper(`UPDATE "LedgerEntry" SET "actorId" = 'x' WHERE seq = 30`);
    expect((await verifyLedger({ query: superuser!, orgId, verifiers, fromSize: 25 })).failure).toMatchObject({
      kind: "column",
      seq: 30,
      column: "actorId",
    });
    expect((await verifyLedger({ query: superuser!, orgId, verifiers, fromSize: 31 })).ok).toBe(true);
  });
});
