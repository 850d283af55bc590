import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { TEvent } from "@/lib/ingest/event-schema";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { ledgerKeyFromEnv } from "@/lib/ledger/ledger-key";
import { signCheckpoint } from "@/lib/ledger/sign-checkpoint";
import { generateNoteKey } from "@/lib/ledger/signed-note";
import { freshDatabase } from "@/test/fresh-database";
import { runVerification } from "./ledger-jobs";

const database = await freshDatabase();
afterAll(() => database.close());
const orgId = "org_jobs";
const key = ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: generateNoteKey("custody.test/jobs").signerKey })!;
const log = () => {};
const events = (count: number): TEvent[] =>
  Array.from({ length: count }, (_, n) => ({
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString(),
    source: { system: "ci" },
    interface: "pipeline",
    action: "training_run.complete",
    actor: { id: "svc", type: "service" },
    outcome: { status: "success" },
  }));
const append = (count: number) =>
  ingestEvents({ client: database.db, orgId, submitter: { type: "system", id: "test" }, events: events(count) });
const run = (mode: "full" | "incremental") => runVerification({ db: database.ledgerDb, appUrl: database.ledgerUrl, orgId, key, mode, log });
const runs = () => database.db.ledgerVerification.findMany({ where: { orgId }, orderBy: { id: "asc" } });

describe("scheduled ledger verification", () => {
  it("records each result in LedgerVerification and in the ledger, incrementally after a full run", async () => {
    await append(20);
    await signCheckpoint({ client: database.ledgerDb, orgId, key });
    await run("full");
    await append(10);
    await run("incremental");
    const [full, incremental] = await runs();
    expect(full).toMatchObject({ trigger: "schedule:full", ok: true, fromSize: 0n, toSize: 20n });
    expect(incremental).toMatchObject({ trigger: "schedule:incremental", ok: true, fromSize: 20n, toSize: 31n });
    const recorded = await database.db.ledgerEntry.findMany({ where: { orgId, action: "ledger.verify.pass" } });
    expect(recorded).toHaveLength(2);
  });

  it("does not run when nothing but its own record is new", async () => {
    const before = (await runs()).length;
    await run("incremental");
    expect((await runs()).length).toBe(before);
  });

  it("records a failure, and lets no incremental pass hide it until a full run passes", async () => {
    const superuser = new pg.Client({ connectionString: database.superuserUrl });
    await superuser.connect();
    await superuser.query("SET session_replication_role = replica");
    await superuser.query(`UPDATE "LedgerEntry" SET action = 'x.y' WHERE "orgId" = $1 AND seq = 3`, [orgId]);
    await superuser.end();
    await run("full");
    const failed = (await runs()).at(-1)!;
    expect(failed).toMatchObject({ ok: false });
    expect(failed.failure).toMatchObject({ kind: "column", seq: 3, column: "action", total: 1, failures: [{ kind: "column", seq: 3 }] });
    await append(5);
    const before = (await runs()).length;
    await run("incremental");
    expect((await runs()).length).toBe(before);
    expect(await database.db.ledgerEntry.count({ where: { orgId, action: "ledger.verify.fail" } })).toBe(1);
  });
});
