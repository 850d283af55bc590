import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { freshDatabase, type TFreshDatabase } from "@/test/fresh-database";
import type { TEvent } from "@/lib/ingest/event-schema";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { ledgerKeyFromEnv } from "./ledger-key";
import { signCheckpoint } from "./sign-checkpoint";
import { generateNoteKey, parseVerifierKey } from "./signed-note";
import { verifyLedger } from "./verify-ledger";

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
  for (const [size, checkpoint] of [[10, true], [15, true], [10, false], [5, true]] as const) {
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

const verify = () => verifyLedger({ query: superuser!, orgId, verifiers });

describe("verifyLedger", () => {
  it("passes an intact ledger and its checkpoints", async () => {
    await ledger();
    const result = await verify();
    expect(result).toMatchObject({ ok: true, entries: 40, checkpoints: 3 });
  });

  it("names the entry whose stored bytes were changed", async () => {
    await ledger();
    await tamper(`UPDATE "LedgerEntry" SET canonical = convert_to(replace(convert_from(canonical, 'UTF8'), 'model_version.download', 'model_version.delete'), 'UTF8') WHERE seq = 7`);
    expect((await verify()).failure).toMatchObject({ kind: "changed", seq: 7 });
  });

  it("names the entry whose indexed column was changed", async () => {
    await ledger();
    await tamper(`UPDATE "LedgerEntry" SET "actorId" = 'someone-else' WHERE seq = 12`);
    const result = await verify();
    expect(result.failure).toMatchObject({ kind: "changed", seq: 12 });
    expect(result.failure?.message).toContain("actorId");
  });

  it("detects a changed entry even when its leaf hash was recomputed to match", async () => {
    await ledger();
    await tamper(
      `UPDATE "LedgerEntry" SET canonical = convert_to(replace(convert_from(canonical, 'UTF8'), 'mlflow', 'mlfloW'), 'UTF8') WHERE seq = 3`,
      `UPDATE "LedgerEntry" SET "leafHash" = sha256('\\x00'::bytea || canonical) WHERE seq = 3`,
    );
    expect((await verify()).failure).toMatchObject({ kind: "changed", seq: 3 });
  });

  it("names a deleted entry", async () => {
    await ledger();
    await tamper(`DELETE FROM "LedgerEntry" WHERE seq = 21`);
    expect((await verify()).failure).toMatchObject({ kind: "missing", seq: 21 });
  });

  it("names two swapped entries", async () => {
    await ledger();
    await tamper(
      `UPDATE "LedgerEntry" SET seq = 100000 WHERE seq = 30`,
      `UPDATE "LedgerEntry" SET seq = 30 WHERE seq = 31`,
      `UPDATE "LedgerEntry" SET seq = 31 WHERE seq = 100000`,
    );
    expect((await verify()).failure).toMatchObject({ kind: "reordered", seq: 30 });
  });

  it("names an inserted entry", async () => {
    await ledger();
    await tamper(
      `UPDATE "LedgerEntry" SET seq = seq + 1000 WHERE seq >= 18`,
      `UPDATE "LedgerEntry" SET seq = seq - 999 WHERE seq >= 1018`,
      `INSERT INTO "LedgerEntry" SELECT "orgId", 18, gen_random_uuid(), "schemaVersion", "occurredAt", "recordedAt", "sourceSystem", interface, action, "actorId", "actorType", "artifactId", digest, environment, outcome, "submittedBy", "tokenId", canonical, "leafHash" FROM "LedgerEntry" WHERE seq = 2`,
    );
    expect((await verify()).failure).toMatchObject({ kind: "inserted", seq: 18 });
  });

  it("names a truncated tail", async () => {
    await ledger();
    await tamper(`DELETE FROM "LedgerEntry" WHERE seq >= 33`);
    const failure = (await verify()).failure;
    expect(failure).toMatchObject({ kind: "truncated", seq: 33 });
    expect(failure?.message).toContain("signed 40");
  });

  it("names a checkpoint whose root was altered", async () => {
    await ledger();
    await tamper(`UPDATE "LedgerCheckpoint" SET "rootHash" = sha256("rootHash") WHERE size = 25`);
    expect((await verify()).failure).toMatchObject({ kind: "checkpoint-altered" });
  });

  it("names a checkpoint whose signature was altered", async () => {
    await ledger();
    await tamper(`UPDATE "LedgerCheckpoint" SET note = regexp_replace(note, '— (\\S+) (.)', '— \\1 A') WHERE size = 10`);
    expect((await verify()).failure).toMatchObject({ kind: "bad-signature" });
  });

  it("detects entries rewritten together with the tree, through the signed checkpoint", async () => {
    await ledger();
    // Rewrite entry 0 and every stored hash consistently: only the signature can tell.
    await tamper(`DELETE FROM "LedgerHash"`, `DELETE FROM "LedgerEntry" WHERE seq = 0`);
    const result = await verify();
    expect(result.ok).toBe(false);
  });
});

describe("incremental verification", () => {
  it("verifies only the entries after a verified size, and still catches tampering in them", async () => {
    await ledger();
    const full = await verify();
    expect(full.ok).toBe(true);
    const tail = await verifyLedger({ query: superuser!, orgId, verifiers, fromSize: 25 });
    expect(tail).toMatchObject({ ok: true, entries: 40 });
    await tamper(`UPDATE "LedgerEntry" SET "actorId" = 'x' WHERE seq = 30`);
    expect((await verifyLedger({ query: superuser!, orgId, verifiers, fromSize: 25 })).failure).toMatchObject({ kind: "changed", seq: 30 });
    expect((await verifyLedger({ query: superuser!, orgId, verifiers, fromSize: 31 })).ok).toBe(true);
  });
});
