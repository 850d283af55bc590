// `npm run bench:soak -- [--seconds 60] [--clients 4] [--batch 500]`: sustained ingest over HTTP.
// N clients post batches to the real ingest route (its own process, as in the fault test) for the
// duration; prints events/s per 10 s and overall, errors by status, batch latency, and the verdict
// of a full verification at the end. Bounded: it stops sending when the time is up.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { seedDemoData } from "../prisma/seed/seed-demo-data";
import { ledgerKeyFromEnv } from "../lib/ledger/ledger-key";
import { signCheckpoint } from "../lib/ledger/sign-checkpoint";
import { generateNoteKey, parseVerifierKey } from "../lib/ledger/signed-note";
import { verifyLedger } from "../lib/ledger/verify-ledger";
import { issueApiToken } from "../lib/service-accounts/issue-api-token";
import { startIngestServer } from "../test/crash-ingest-process";
import { format, openBenchDatabase, percentile } from "./bench-database";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    clients: { type: "string", default: "4" },
    batch: { type: "string", default: "500" },
  },
});
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const batchSize = Number(values.batch);
for (const [name, value, max] of [
  ["--seconds", seconds, 3600],
  ["--clients", clients, 64],
  ["--batch", batchSize, 5000],
] as const) {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} must be a whole number from 1 to ${max}`);
}
const orgId = "org_demo";
const windowSeconds = 10;

const database = await openBenchDatabase();
const server = await startIngestServer({ databaseUrl: database.appUrl });
try {
  await seedDemoData({ db: database.db });
  const account = await database.db.serviceAccount.findFirstOrThrow({ where: { orgId, disabledAt: null } });
  const { token } = await database.db.$transaction((tx) =>
    issueApiToken(tx, {
      orgId,
      serviceAccountId: account.id,
      name: "soak",
      scopes: ["events:write"],
      expiresInDays: 1,
      createdById: "usr_morgan",
      now: new Date(),
    }),
  );
  const before = await database.db.ledgerEntry.count({ where: { orgId } });
  console.log(
    `Custody soak — ${new Date().toISOString()} — ${clients} clients, batches of ${batchSize}, ${seconds} s, over HTTP to the ingest route\n`,
  );

  const started = performance.now();
  const deadline = started + seconds * 1000;
  const perWindow: number[] = [];
  const errors = new Map<string, number>();
  const latencies: number[] = [];
  let acknowledged = 0;
  let n = 0;
  const batch = () =>
    Array.from({ length: batchSize }, () => ({
      schemaVersion: 1,
      eventId: randomUUID(),
      occurredAt: new Date(Date.UTC(2026, 10, 1) + (n++ % 86_400_000)).toISOString(),
      source: { system: "kserve" },
      interface: "serving",
      action: "model.load",
      actor: { id: `svc-${n % 7}`, type: "service" },
      target: { artifactId: `art_${n % 50}`, digest: (n % 16).toString(16).repeat(64) },
      outcome: { status: n % 97 === 0 ? "denied" : "success" },
    }));
  const client = async () => {
    while (performance.now() < deadline) {
      const body = JSON.stringify(batch());
      const sent = performance.now();
      let status: string;
      try {
        const response = await fetch(`${server.url}/api/v1/events`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body,
        });
        const result = (await response.json().catch(() => ({}))) as { appended?: number };
        status = String(response.status);
        if (response.ok) {
          const window = Math.floor((performance.now() - started) / (windowSeconds * 1000));
          perWindow[window] = (perWindow[window] ?? 0) + (result.appended ?? 0);
          acknowledged += result.appended ?? 0;
          latencies.push(performance.now() - sent);
          continue;
        }
      } catch (error) {
        status = `no answer (${error instanceof Error ? error.message : String(error)})`;
      }
      errors.set(status, (errors.get(status) ?? 0) + 1);
    }
  };
  const reporter = setInterval(() => {
    const window = Math.floor((performance.now() - started) / (windowSeconds * 1000)) - 1;
    if (window >= 0 && perWindow[window] !== undefined)
      console.log(
        `  ${String((window + 1) * windowSeconds).padStart(4)} s  ${format((perWindow[window] ?? 0) / windowSeconds).padStart(8)} events/s`,
      );
  }, windowSeconds * 1000);
  await Promise.all(Array.from({ length: clients }, () => client()));
  clearInterval(reporter);
  const elapsed = (performance.now() - started) / 1000;

  const windows = perWindow.slice(0, Math.floor(seconds / windowSeconds)).map((events) => (events ?? 0) / windowSeconds);
  console.log(
    `\noverall      ${format(acknowledged / elapsed)} events/s sustained (${format(acknowledged)} events acknowledged in ${elapsed.toFixed(1)} s)`,
  );
  if (windows.length > 0)
    console.log(`per ${windowSeconds} s     min ${format(Math.min(...windows))}, max ${format(Math.max(...windows))} events/s`);
  console.log(
    `batch latency p50 ${format(percentile(latencies, 50))} ms, p95 ${format(percentile(latencies, 95))} ms (${format(latencies.length)} batches of ${batchSize})`,
  );
  console.log(`errors       ${errors.size === 0 ? "none" : [...errors].map(([status, count]) => `${count} × ${status}`).join(", ")}`);

  const key = ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: generateNoteKey("custody.bench/org_demo").signerKey })!;
  await signCheckpoint({ client: database.ledgerDb, orgId, key });
  const reader = new pg.Client({ connectionString: database.appUrl });
  await reader.connect();
  const verified = await verifyLedger({ query: reader, orgId, verifiers: [parseVerifierKey(key.verifierKey)] });
  await reader.end();
  const stored = (await database.db.ledgerEntry.count({ where: { orgId } })) - before;
  console.log(
    `verify       ${verified.ok ? "intact" : `NOT INTACT: ${verified.failure?.message}`}: ${format(verified.entries)} entries, ${verified.checkpoints} checkpoint(s) in ${verified.seconds.toFixed(1)} s (${format(verified.entries / Math.max(verified.seconds, 1e-6))} entries/s)`,
  );
  console.log(
    `stored       ${format(stored)} new entries for ${format(acknowledged)} acknowledged events${stored === acknowledged ? "" : " — MISMATCH"}`,
  );
  if (!verified.ok || stored !== acknowledged) process.exitCode = 1;
} finally {
  await server.stop();
  await database.close();
}
