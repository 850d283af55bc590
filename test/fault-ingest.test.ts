import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { connectDb } from "@/lib/db";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";
import { ledgerKeyFromEnv } from "@/lib/ledger/ledger-key";
import { signCheckpoint } from "@/lib/ledger/sign-checkpoint";
import { generateNoteKey, parseVerifierKey } from "@/lib/ledger/signed-note";
import { verifyLedger } from "@/lib/ledger/verify-ledger";
import { findFreePort } from "@/bin/launcher/assert-port-free";
import { enableAppRole, enableLedgerRole } from "@/bin/launcher/enable-app-role";
import { startEmbeddedPostgres, type RunningPostgres } from "@/bin/launcher/embedded-postgres";
import { migrateDatabase } from "@/bin/launcher/migrate-database";
import { issueApiToken } from "@/lib/service-accounts/issue-api-token";
import { startIngestServer, type TIngestServer } from "./crash-ingest-process";

// Faults under load: several clients ingest over HTTP while the web server is killed -9, then
// PostgreSQL's postmaster. This file has a PostgreSQL of its own, since it kills it.

const orgId = "org_demo";
const clients = 4;
const batchesPerClient = 10;
const batchSize = 250;

const pgPort = await findFreePort();
// In the temp directory, as the other test servers: `custody start` (and the CLI) keep .data/ 0700.
const dataDir = path.join(os.tmpdir(), `custody-fault-${pgPort}`);
const password = "fault-superuser";
let postgres: RunningPostgres = await startPostgres();
const ownerUrl = postgres.superuserUrl("custody");
await migrateDatabase(ownerUrl);
const appUrl = await enableAppRole(ownerUrl, "fault-app");
const ledgerUrl = await enableLedgerRole(ownerUrl, "fault-ledger");
const db = connectDb(appUrl);
let server: TIngestServer | null = null;
afterAll(async () => {
  await server?.stop();
  await db.$disconnect();
  // A server killed -9 and not restarted (a failed test) never reports its exit: do not wait on it.
  await Promise.race([postgres.stop(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  rmSync(dataDir, { recursive: true, force: true });
});

function startPostgres(): Promise<RunningPostgres> {
  return startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: pgPort, password, portVariable: "fault test port" });
}

/** SIGKILL the postmaster (not a clean shutdown), then start it again on the same data: crash recovery. */
async function crashAndRestartPostgres(): Promise<void> {
  const pid = Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
  process.kill(pid, "SIGKILL");
  // Its backends notice and exit; until they have, the old shared memory blocks a new postmaster.
  for (let attempt = 1; ; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    try {
      postgres = await startPostgres();
      return;
    } catch (error) {
      if (attempt >= 20) throw error;
    }
  }
}

const eventsOf = (size: number) =>
  Array.from({ length: size }, (_, n) => ({
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: new Date(Date.UTC(2026, 10, 20, 0, 0, n)).toISOString(),
    source: { system: "kserve" },
    interface: "serving",
    action: "model.load",
    actor: { id: "svc-serving", type: "service" },
    target: { artifactId: "art_fault", digest: "fa".repeat(32) },
    outcome: { status: "success" },
  }));

type TAnswer = { status: number | "no answer"; appended: number; duplicates: number };

describe("faults under concurrent ingest", () => {
  it(
    "keeps every acknowledged event exactly once through kill -9 of the web server and of PostgreSQL; retries are duplicates or appends; the ledger verifies",
    { timeout: 180_000 },
    async () => {
      await seedDemoData({ db });
      const account = await db.serviceAccount.findFirstOrThrow({ where: { orgId, disabledAt: null } });
      const { token } = await db.$transaction((tx) =>
        issueApiToken(tx, {
          orgId,
          serviceAccountId: account.id,
          name: "fault test",
          scopes: ["events:write"],
          expiresInDays: 1,
          createdById: "usr_morgan",
          now: new Date(),
        }),
      );
      server = await startIngestServer({ databaseUrl: appUrl });

      const batches = Array.from({ length: clients * batchesPerClient }, () => eventsOf(batchSize));
      const send = async (index: number): Promise<TAnswer> => {
        try {
          const response = await fetch(`${server!.url}/api/v1/events`, {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
            body: JSON.stringify(batches[index]),
          });
          const body = (await response.json().catch(() => ({}))) as { appended?: number; duplicates?: number };
          return { status: response.status, appended: body.appended ?? 0, duplicates: body.duplicates ?? 0 };
        } catch {
          return { status: "no answer", appended: 0, duplicates: 0 };
        }
      };
      const acknowledged = new Set<number>();
      const unacknowledged: number[] = [];
      const faultAnswers: Record<string, number> = {};
      // Down while a fault is being handled: clients hold their next batch, as a client would back off.
      let up = true;
      const client = async (first: number) => {
        for (let index = first; index < batches.length; index += clients) {
          while (!up) await new Promise((resolve) => setTimeout(resolve, 50));
          const answer = await send(index);
          const complete = (answer.status === 200 || answer.status === 201) && answer.appended + answer.duplicates === batchSize;
          if (complete) acknowledged.add(index);
          else {
            unacknowledged.push(index);
            faultAnswers[String(answer.status)] = (faultAnswers[String(answer.status)] ?? 0) + 1;
          }
        }
      };
      const waitForAcknowledged = async (count: number) => {
        while (acknowledged.size < count) await new Promise((resolve) => setTimeout(resolve, 10));
      };
      const running = Promise.all(Array.from({ length: clients }, (_, n) => client(n)));

      // 1. The web server dies with batches in flight, and comes back.
      await waitForAcknowledged(4);
      server.kill();
      up = false;
      const ackedAtWebKill = acknowledged.size;
      server = await startIngestServer({ databaseUrl: appUrl, port: server.port });
      up = true;

      // 2. PostgreSQL dies with batches in flight; both come back.
      await waitForAcknowledged(ackedAtWebKill + 4);
      const postgresKill = crashAndRestartPostgres();
      up = false;
      const ackedAtPostgresKill = acknowledged.size;
      await postgresKill;
      await server.stop();
      server = await startIngestServer({ databaseUrl: appUrl, port: server.port });
      up = true;
      await running;

      expect(unacknowledged.length, "some batches were in flight when a process died").toBeGreaterThan(0);
      expect(acknowledged.size + unacknowledged.length).toBe(batches.length);

      // Durable: every acknowledged event is there, once, before anything is retried.
      const ackedIds = [...acknowledged].flatMap((index) => batches[index]!.map((event) => event.eventId));
      const present = async (ids: string[]) => db.ledgerEntry.count({ where: { orgId, eventId: { in: ids } } });
      expect(await present(ackedIds)).toBe(ackedIds.length);

      // Retried, each unacknowledged batch is answered in full: its events appended now, or found.
      let appended = 0;
      let duplicates = 0;
      const retryAnswers: TAnswer["status"][] = [];
      for (const index of unacknowledged) {
        const answer = await send(index);
        retryAnswers.push(answer.status);
        expect(answer.appended + answer.duplicates, `retry of batch ${index}`).toBe(batchSize);
        appended += answer.appended;
        duplicates += answer.duplicates;
      }
      expect(
        retryAnswers.every((status) => status === 200 || status === 201),
        `retry statuses ${retryAnswers.join(", ")}`,
      ).toBe(true);

      const allIds = batches.flat().map((event) => event.eventId);
      expect(await present(allIds)).toBe(allIds.length);
      const total = await db.ledgerEntry.count({ where: { orgId } });
      const [distinct] = await db.$queryRaw<
        { events: bigint }[]
      >`SELECT count(DISTINCT "eventId") AS events FROM "LedgerEntry" WHERE "orgId" = ${orgId}`;
      expect(Number(distinct!.events)).toBe(total);
      const last = await db.ledgerEntry.findFirstOrThrow({ where: { orgId }, orderBy: { seq: "desc" } });
      expect(Number(last.seq) + 1).toBe(total);

      const keys = generateNoteKey("custody.test/fault");
      const ledgerDb = connectDb(ledgerUrl);
      await signCheckpoint({ client: ledgerDb, orgId, key: ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: keys.signerKey })! });
      await ledgerDb.$disconnect();
      const reader = new pg.Client({ connectionString: appUrl });
      await reader.connect();
      const result = await verifyLedger({ query: reader, orgId, verifiers: [parseVerifierKey(keys.verifierKey)] });
      await reader.end();
      expect(result).toMatchObject({ ok: true, entries: total });

      console.log(
        [
          `fault test: ${clients} clients, ${batches.length} batches of ${batchSize} events (${allIds.length.toLocaleString("en")} events) over HTTP`,
          `  web server killed -9 after ${ackedAtWebKill} acknowledged batches, PostgreSQL killed -9 after ${ackedAtPostgresKill}`,
          `  acknowledged: ${acknowledged.size} batches (${ackedIds.length.toLocaleString("en")} events); unacknowledged: ${unacknowledged.length} (${Object.entries(
            faultAnswers,
          )
            .map(([status, count]) => `${count} × ${status}`)
            .join(", ")})`,
          `  retried: ${unacknowledged.length} batches → ${appended.toLocaleString("en")} events appended, ${duplicates.toLocaleString("en")} duplicates (committed before the fault, never acknowledged)`,
          `  ledger: ${total.toLocaleString("en")} entries, each event once; verified in ${result.seconds.toFixed(2)} s`,
        ].join("\n"),
      );
    },
  );
});
