// `npm run bench:controls`: control health at scale. The dashboard's data read from the daily
// rollups (p95) beside the same figures computed from scratch in the same run, and the backfill
// of 180 days of history. Ledger events and grants are generated in the database with
// INSERT … SELECT generate_series (indexed columns only: the canonical bytes are placeholders, so
// this bench ledger does not verify; control health reads only the columns).
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { TPrincipal } from "../lib/auth/principal";
import { aggregateTests, computeRollups, lastDays, momentOf, refreshRollups } from "../lib/controls/compute-rollups";
import { ensureControlCatalogue } from "../lib/controls/ensure-catalogue";
import { summarizeLedger } from "../lib/controls/summarize-ledger";
import { plantControlFailures } from "../prisma/seed/plant-control-failures";
import { seedDemoData } from "../prisma/seed/seed-demo-data";
import { format, openBenchDatabase, percentile } from "./bench-database";

const ledgerEvents = Number(process.env.BENCH_CONTROLS_EVENTS ?? 5_000_000);
const grants = Number(process.env.BENCH_CONTROLS_GRANTS ?? 100_000);
const readRuns = Number(process.env.BENCH_CONTROLS_READS ?? 30);
/** Keeps the database running (its URLs printed) until Ctrl-C, to look at plans with psql: at the end ("1") or before the backfill ("data"). */
const hold = process.env.BENCH_CONTROLS_HOLD;
const holdDatabase = async (url: string) => {
  console.log(`holding the database until Ctrl-C: ${url}`);
  await new Promise((resolve) => ["SIGINT", "SIGTERM"].forEach((signal) => process.once(signal, resolve)));
};
const scratchRuns = Number(process.env.BENCH_CONTROLS_SCRATCH_RUNS ?? 2);
const orgId = "org_demo";

const database = await openBenchDatabase();
try {
  console.log(`Control health benchmark — ${new Date().toISOString()} — node ${process.version}`);
  const now = new Date();
  await seedDemoData({ db: database.db, now });
  await database.db.$transaction((tx) => plantControlFailures(tx, now));
  const owner = new pg.Client({ connectionString: database.ownerUrl });
  owner.on("error", () => undefined);
  await owner.connect();
  let started = performance.now();
  await generateLedger(owner, ledgerEvents, now);
  console.log(`generated ${format(ledgerEvents)} ledger events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  await generateGrants(owner, grants, now);
  const grantCount = (await owner.query(`SELECT count(*)::int AS n FROM "Grant" WHERE "orgId" = $1`, [orgId])).rows[0].n as number;
  console.log(`generated grants up to ${format(grantCount)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await owner.query("ANALYZE");
  await owner.end();

  process.env.DATABASE_URL = database.appUrl;
  const { getControlHealth } = await import("../lib/controls/get-control-health");
  const client = database.db;
  await ensureControlCatalogue(client, orgId);

  started = performance.now();
  const summary = await summarizeLedger({ client, orgId });
  const summarySeconds = (performance.now() - started) / 1000;
  console.log(`ledger summarised per day (once; then only new entries): ${format(summary.read)} entries in ${summarySeconds.toFixed(1)} s`);

  if (hold === "data") await holdDatabase(database.appUrl);
  const days = lastDays(now, 181).slice(0, -1);
  started = performance.now();
  const perTest: [string, number][] = [];
  await computeRollups({ client, orgId, moments: days.map((day) => momentOf(day, now)), onTest: (key, ms) => perTest.push([key, ms]) });
  const backfillSeconds = (performance.now() - started) / 1000;
  console.log(`backfill of 180 days of history (every test, every team): ${backfillSeconds.toFixed(1)} s (target ≤ 60 s)`);
  const slowest = perTest.sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log(`  slowest tests: ${slowest.map(([key, ms]) => `${key} ${(ms / 1000).toFixed(1)} s`).join(", ")}`);
  await refreshRollups({ client, orgId, now: new Date() });

  const auditor: TPrincipal = {
    userId: "usr_avery",
    orgId,
    name: "Avery Brooks",
    email: "a@x",
    kind: "employee",
    roles: ["auditor"],
    sessionId: "bench",
  };
  await getControlHealth({ principal: auditor });
  const reads: number[] = [];
  for (let run = 0; run < readRuns; run += 1) {
    const t = performance.now();
    await getControlHealth({ principal: auditor });
    reads.push(performance.now() - t);
  }
  console.log(
    `dashboard data from the rollups: p50 ${format(percentile(reads, 50))} ms, p95 ${format(percentile(reads, 95))} ms over ${readRuns} reads (target p95 ≤ 300 ms)`,
  );

  // As people use Custody: every page read appends a ledger entry, which must not make the next read recompute today.
  const afterAppend: number[] = [];
  for (let run = 0; run < readRuns; run += 1) {
    // The row a page read appends (columns only: this bench ledger keeps no tree to append to).
    await client.$executeRaw`
      INSERT INTO "LedgerEntry" ("orgId", seq, "eventId", "schemaVersion", "occurredAt", "recordedAt", "sourceSystem", interface, action,
        "actorId", "actorType", outcome, "submittedBy", canonical, "leafHash")
      SELECT ${orgId}, max(seq) + 1, gen_random_uuid(), 1, now(), now(), 'custody', 'ui', 'ledger.read', ${auditor.userId}, 'user', 'success',
        ${auditor.userId}, '\\x00'::bytea, '\\x00'::bytea
      FROM "LedgerEntry" WHERE "orgId" = ${orgId}`;
    const t = performance.now();
    await getControlHealth({ principal: auditor });
    afterAppend.push(performance.now() - t);
  }
  console.log(
    `  each read after a page read appended to the ledger: p50 ${format(percentile(afterAppend, 50))} ms, p95 ${format(percentile(afterAppend, 95))} ms`,
  );
  started = performance.now();
  await client.grant.updateMany({
    where: { id: "gr_bench_1" },
    data: { revokedAt: new Date(), revokedById: "usr_morgan", revokeReason: "bench" },
  });
  await getControlHealth({ principal: auditor });
  console.log(`  the read after a grant is revoked (recomputes today): ${format(performance.now() - started)} ms`);

  const scratch: number[] = [];
  for (let run = 0; run < scratchRuns; run += 1) {
    await client.$executeRaw`DELETE FROM "ControlLedgerDaily" WHERE "orgId" = ${orgId}`;
    await client.$executeRaw`UPDATE "ControlLedgerCursor" SET "nextSeq" = 0 WHERE "orgId" = ${orgId}`;
    const t = performance.now();
    await summarizeLedger({ client, orgId });
    await aggregateTests({ client, orgId, moments: lastDays(now, 184).map((day) => momentOf(day, new Date())) });
    scratch.push(performance.now() - t);
  }
  console.log(
    `the same figures from scratch (summarise the ledger, compute 184 days): ${scratch.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(", ")}`,
  );
  if (hold === "1") await holdDatabase(database.appUrl);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await database.close();
}

/** Events like the demo's: people and pipelines reading, writing, registering and deploying the demo's models over 180 days. */
async function generateLedger(client: pg.Client, count: number, now: Date) {
  const [{ n: start }] = (
    await client.query(`SELECT COALESCE(max(seq) + 1, 0)::bigint AS n FROM "LedgerEntry" WHERE "orgId" = $1`, [orgId])
  ).rows;
  // Secondary indexes are dropped while the rows go in and built once after (as bench:timeline
  // does): inserting millions of random timestamps into a dozen B-trees is most of the time.
  const indexes = (
    await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'LedgerEntry' AND indexname NOT LIKE '%pkey'`)
  ).rows as { indexname: string; indexdef: string }[];
  for (const index of indexes) await client.query(`DROP INDEX "${index.indexname}"`);
  const chunk = 500_000;
  for (let from = 0; from < count; from += chunk) {
    const size = Math.min(chunk, count - from);
    await client.query(
      `WITH actors AS (SELECT array_agg(id) AS ids FROM "User" WHERE "orgId" = $1),
            arts AS (SELECT array_agg(id) AS ids FROM "Artifact" WHERE "orgId" = $1)
       INSERT INTO "LedgerEntry" ("orgId", seq, "eventId", "schemaVersion", "occurredAt", "recordedAt", "sourceSystem", interface, action,
         "actorId", "actorType", "artifactId", digest, environment, outcome, "submittedBy", "tokenId", canonical, "leafHash")
       SELECT $1, $2::bigint + i, gen_random_uuid(), 1, $3::timestamp - (random() * interval '180 days'), $3::timestamp,
         (ARRAY['mlflow','aws-s3','argo','kserve','wandb','huggingface','github-actions'])[1 + (i % 7)], 'api',
         (ARRAY['model_version.download','object.get','model.load','model_artifact.upload','model_version.create','model_version.deploy','training_run.start'])[1 + ((i / 7) % 7)],
         actors.ids[1 + (i % array_length(actors.ids, 1))], 'user', arts.ids[1 + ((i / 3) % array_length(arts.ids, 1))], NULL,
         CASE WHEN (i / 7) % 7 = 5 THEN 'prod' END, CASE WHEN i % 50 = 0 THEN 'denied' ELSE 'success' END, 'system:bench', NULL,
         '\\x00'::bytea, '\\x00'::bytea
       FROM generate_series($4::bigint, $5::bigint) AS i, actors, arts`,
      [orgId, start, now.toISOString(), from, from + size - 1],
    );
  }
  await client.query("SET maintenance_work_mem = '512MB'");
  for (const index of indexes) await client.query(index.indexdef);
}

/** Grants to the demo's people on the demo's models, with history: some revoked, some expiring. */
async function generateGrants(client: pg.Client, total: number, now: Date) {
  const existing = (await client.query(`SELECT count(*)::int AS n FROM "Grant" WHERE "orgId" = $1`, [orgId])).rows[0].n as number;
  const missing = Math.max(0, total - existing);
  await client.query(
    `WITH people AS (SELECT array_agg(id) AS ids FROM "User" WHERE "orgId" = $1),
          arts AS (SELECT array_agg(id) AS ids FROM "Artifact" WHERE "orgId" = $1)
     INSERT INTO "Grant" (id, "orgId", "principalType", "userId", "artifactId", action, "validFrom", "validUntil", origin, justification, "createdAt", "revokedAt", "revokedById", "revokeReason")
     SELECT 'gr_bench_' || i, $1, 'user', people.ids[1 + (i % array_length(people.ids, 1))], arts.ids[1 + ((i / 5) % array_length(arts.ids, 1))],
       (ARRAY['read','write','register','deploy','retire']::"GrantAction"[])[1 + (i % 5)], f.valid_from,
       CASE WHEN i % 4 = 0 THEN f.valid_from + interval '200 days' END, 'request', 'bench', f.valid_from,
       CASE WHEN i % 9 = 0 AND i % 700 > 101 THEN f.valid_from + interval '100 days' END,
       CASE WHEN i % 9 = 0 AND i % 700 > 101 THEN 'usr_morgan' END, CASE WHEN i % 9 = 0 AND i % 700 > 101 THEN 'bench: review' END
     FROM generate_series(1, $3::int) AS i, people, arts,
       LATERAL (SELECT $2::timestamp - ((i % 700) * interval '1 day') AS valid_from) f`,
    [orgId, now.toISOString(), missing],
  );
}
