// `npm run bench:verify [-- --entries N]`: `custody verify`'s throughput on a ledger of N entries
// (default 200,000) against PostgreSQL's own binary COPY of the same rows to /dev/null through
// psql, measured in the same run, alternately, three rounds each (DESIGN.md §6; target ratio ≥ 0.5).
import { execFileSync } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { ingestEvents } from "../lib/ingest/ingest-events";
import { entryColumns } from "../lib/ledger/entry-columns";
import { ledgerKeyFromEnv } from "../lib/ledger/ledger-key";
import { signCheckpoint } from "../lib/ledger/sign-checkpoint";
import { generateNoteKey, parseVerifierKey } from "../lib/ledger/signed-note";
import { verifyLedger } from "../lib/ledger/verify-ledger";
import { benchEvent } from "./bench-events";
import { format, openBenchDatabase } from "./bench-database";

const { values } = parseArgs({ options: { entries: { type: "string", default: "200000" }, rounds: { type: "string", default: "3" } } });
const entries = Number(values.entries);
const rounds = Number(values.rounds);
const orgId = "org_bench_verify";
const batchSize = 5000;
const checkpointEvery = 50_000;

const database = await openBenchDatabase();
try {
  console.log(
    `Custody verify benchmark — ${new Date().toISOString()} — node ${process.version} — ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(" ")}\n`,
  );
  const key = ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: generateNoteKey(`custody.bench/${orgId}`).signerKey })!;
  const submitter = { type: "service_account" as const, id: "sa_bench", tokenId: "tok_bench" };
  const built = performance.now();
  for (let start = 0; start < entries; start += batchSize) {
    const events = Array.from({ length: Math.min(batchSize, entries - start) }, (_, i) => benchEvent(start + i));
    await ingestEvents({ client: database.db, orgId, submitter, events });
    if (Math.floor((start + events.length) / checkpointEvery) > Math.floor(start / checkpointEvery))
      await signCheckpoint({ client: database.db, orgId, key });
  }
  await signCheckpoint({ client: database.db, orgId, key });
  const owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  await owner.query(`VACUUM ANALYZE "LedgerEntry"`);
  await owner.query(`VACUUM ANALYZE "LedgerHash"`);
  await owner.end();
  console.log(
    `ledger            ${format(entries)} entries (${format(entries / batchSize)} batches through ingest, a checkpoint every ${format(checkpointEvery)}) built in ${((performance.now() - built) / 1000).toFixed(0)} s\n`,
  );

  const verifiers = [parseVerifierKey(key.verifierKey)];
  const reader = new pg.Client({ connectionString: database.appUrl });
  await reader.connect();
  const columns = ["seq", "canonical", '"leafHash"', ...entryColumns.map((column) => `"${column.name}"`)].join(", ");
  const copy = `\\copy (SELECT ${columns} FROM "LedgerEntry" WHERE "orgId" = '${orgId}' ORDER BY seq) TO '/dev/null' WITH (FORMAT binary)`;
  const psql = () => {
    const started = performance.now();
    execFileSync("/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", database.appUrl, "-c", copy], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    return (performance.now() - started) / 1000;
  };
  // psql's own start and connection, taken off its COPY time so that psql is not handicapped.
  const psqlStart = Math.min(
    ...[1, 2, 3].map(() => {
      const started = performance.now();
      execFileSync("/usr/bin/psql", ["-X", "-q", database.appUrl, "-c", "SELECT 1"], { stdio: "ignore" });
      return (performance.now() - started) / 1000;
    }),
  );
  // Warm-up of both (caches, JIT), not counted.
  psql();
  const warm = await verifyLedger({ query: reader, orgId, verifiers });
  if (!warm.ok) throw new Error(`verification failed: ${warm.failure?.message}`);
  const verifySeconds: number[] = [];
  const copySeconds: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const result = await verifyLedger({ query: reader, orgId, verifiers });
    if (!result.ok || result.entries !== entries)
      throw new Error(`verification failed: ${result.failure?.message ?? `${result.entries} entries`}`);
    verifySeconds.push(result.seconds);
    copySeconds.push(Math.max(psql() - psqlStart, 1e-3));
  }
  await reader.end();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const verifyRate = entries / median(verifySeconds);
  const copyRate = entries / median(copySeconds);
  console.log(
    `custody verify    ${format(verifyRate)} entries/s  (median of ${rounds}; leaves, every derived column, tree, ${warm.checkpoints} checkpoint signatures and roots)`,
  );
  console.log(
    `  baseline psql   ${format(copyRate)} entries/s  (binary COPY of the same rows and columns to /dev/null, psql start-up of ${(psqlStart * 1000).toFixed(0)} ms taken off)`,
  );
  console.log(`  ratio           ${(verifyRate / copyRate).toFixed(2)}  (target ≥ 0.50; DESIGN.md asks ≥ 100,000 entries/s)`);
  console.log(
    `  rounds          verify ${verifySeconds.map((s) => s.toFixed(2)).join(", ")} s; psql ${copySeconds.map((s) => s.toFixed(2)).join(", ")} s`,
  );
} finally {
  await database.close();
}
