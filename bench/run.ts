// `npm run bench`: Custody's performance figures on this machine, each printed with a baseline
// measured in the same run (DESIGN.md §6). Needs a production build (`npm run build`).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { canonicalBytes } from "../lib/ledger/canonical";
import { hashChildren, hashLeaf } from "../lib/ledger/merkle";
import { ledgerKeyFromEnv } from "../lib/ledger/ledger-key";
import { signCheckpoint } from "../lib/ledger/sign-checkpoint";
import { generateNoteKey, parseVerifierKey } from "../lib/ledger/signed-note";
import { proveRecord, storedHashIndex, treeHash } from "../lib/ledger/tile-store";
import { readStoredHashes } from "../lib/ledger/read-stored-hashes";
import { verifyLedger } from "../lib/ledger/verify-ledger";
import { seedDemoData } from "../prisma/seed/seed-demo-data";
import { issueApiToken } from "../lib/service-accounts/issue-api-token";
import { findFreePort } from "../bin/launcher/assert-port-free";
import { benchEvent } from "./bench-events";
import { format, openBenchDatabase, percentile } from "./bench-database";

const ingestEvents = Number(process.env.BENCH_INGEST_EVENTS ?? 200_000);
const proofEntries = Number(process.env.BENCH_PROOF_ENTRIES ?? 5_000_000);
const batchSize = 5000;
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 3);
const orgId = "org_demo";
const root = path.resolve(import.meta.dirname, "..");

const database = await openBenchDatabase();
try {
  console.log(`Custody benchmarks — ${new Date().toISOString()} — node ${process.version}\n`);
  await seedDemoData({ db: database.db });
  const account = await database.db.serviceAccount.findFirstOrThrow({ where: { orgId, disabledAt: null } });
  const { token } = await database.db.$transaction((tx) =>
    issueApiToken(tx, {
      orgId,
      serviceAccountId: account.id,
      name: "bench",
      scopes: ["events:write"],
      expiresInDays: 1,
      createdById: "usr_morgan",
      now: new Date(),
    }),
  );

  // 1. Ingest over HTTP (the production server) vs PostgreSQL COPY of the same rows.
  const port = await findFreePort();
  const server = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: database.appUrl,
      CUSTODY_INGEST_RATE: "1000000",
      CUSTODY_INGEST_BURST: "1000000",
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET: "x".repeat(40),
      OIDC_ISSUER: "http://localhost:1",
      OIDC_CLIENT_ID: "bench",
      OIDC_CLIENT_SECRET: "bench",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 240; i += 1) {
    if (
      await fetch(`http://localhost:${port}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const bodies: string[] = [];
  for (let start = 0; start < ingestEvents; start += batchSize) {
    bodies.push(JSON.stringify(Array.from({ length: Math.min(batchSize, ingestEvents - start) }, (_, i) => benchEvent(start + i))));
  }
  // Warm-up batch (JIT, connection pool), not counted.
  await post(port, token, JSON.stringify(Array.from({ length: 1000 }, (_, i) => benchEvent(10_000_000 + i))));
  let next = 0;
  const httpStarted = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) await post(port, token, bodies[next++]!);
    }),
  );
  const httpSeconds = (performance.now() - httpStarted) / 1000;
  server.kill("SIGTERM");
  const httpRate = ingestEvents / httpSeconds;

  const copyRate = await copyBaseline(database.ownerUrl, ingestEvents);
  console.log(
    `ingest over HTTP  ${format(httpRate)} events/s  (${format(ingestEvents)} events, batches of ${batchSize}, ${concurrency} concurrent; durable, hashed, tree stored, indexed)`,
  );
  console.log(`  baseline COPY   ${format(copyRate)} events/s  (the same rows, columns and indexes, PostgreSQL COPY)`);
  console.log(`  ratio           ${(httpRate / copyRate).toFixed(2)}  (target ≥ 0.30; target rate ≥ 50,000 events/s)\n`);

  // 2. Full verification vs hashing the same bytes with node:crypto alone.
  const key = ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: generateNoteKey("custody.bench/org_demo").signerKey })!;
  await signCheckpoint({ client: database.ledgerDb, orgId, key });
  const reader = new pg.Client({ connectionString: database.appUrl });
  await reader.connect();
  const verified = await verifyLedger({ query: reader, orgId, verifiers: [parseVerifierKey(key.verifierKey)] });
  if (!verified.ok) throw new Error(`verification failed: ${verified.failure?.message}`);
  // The floor under any verifier: reading the same rows from PostgreSQL and doing nothing with them.
  const readStarted = performance.now();
  let read = 0;
  for (let from = 0; ; from += 20_000) {
    const { rows } = await reader.query({
      text: `SELECT seq, canonical, "leafHash", "eventId"::text, action, "actorId", "occurredAt", "artifactId", digest, outcome, "submittedBy" FROM "LedgerEntry" WHERE "orgId" = $1 AND seq >= $2 ORDER BY seq LIMIT 20000`,
      values: [orgId, from],
      rowMode: "array",
    });
    await reader.query({
      text: `SELECT idx, hash FROM "LedgerHash" WHERE "orgId" = $1 AND idx >= $2 AND idx < $3`,
      values: [orgId, 2 * from, 2 * (from + 20_000)],
      rowMode: "array",
    });
    read += rows.length;
    if (rows.length < 20_000) break;
  }
  const readRate = read / ((performance.now() - readStarted) / 1000);
  const canonicals = (await reader.query(`SELECT canonical FROM "LedgerEntry" WHERE "orgId" = $1 ORDER BY seq`, [orgId])).rows.map(
    (row: { canonical: Buffer }) => row.canonical,
  );
  const hashStarted = performance.now();
  for (const bytes of canonicals)
    createHash("sha256")
      .update(Buffer.from([0]))
      .update(bytes)
      .digest();
  const hashSeconds = (performance.now() - hashStarted) / 1000;
  await reader.end();
  const verifyRate = verified.entries / verified.seconds;
  const hashRate = canonicals.length / hashSeconds;
  console.log(
    `custody verify    ${format(verifyRate)} events/s  (${format(verified.entries)} entries: leaves, columns, tree, checkpoint signatures, read from PostgreSQL)`,
  );
  console.log(`  baseline hash   ${format(hashRate)} events/s  (SHA-256 of the same bytes in memory, node:crypto)`);
  console.log(`  ratio           ${(verifyRate / hashRate).toFixed(2)}  (target rate ≥ 300,000 events/s)`);
  console.log(`  baseline read   ${format(readRate)} events/s  (reading the same rows and tree hashes from PostgreSQL, nothing checked)`);
  console.log(`  ratio           ${(verifyRate / readRate).toFixed(2)}\n`);

  // 3. Inclusion proof at 5 M entries: the stored tree of 5 M leaves, proofs read from PostgreSQL.
  const proofOrg = "org_proof_bench";
  const built = await buildStoredTree(database.ownerUrl, proofOrg, proofEntries);
  const readHashes = readStoredHashes(database.db, proofOrg);
  const size = proofEntries;
  const rootHash = await treeHash(size, readHashes);
  const timings: number[] = [];
  for (let i = 0; i < 500; i += 1) {
    const seq = Math.floor(Math.random() * size);
    const started = performance.now();
    await proveRecord(size, seq, readHashes);
    timings.push(performance.now() - started);
  }
  console.log(
    `inclusion proof   p50 ${percentile(timings, 50).toFixed(2)} ms, p95 ${percentile(timings, 95).toFixed(2)} ms, p99 ${percentile(timings, 99).toFixed(2)} ms  (tree of ${format(size)} entries, ${format(built.hashes)} stored hashes; one indexed query per proof; target ≤ 5 ms)`,
  );
  console.log(`  root            ${rootHash.toString("hex").slice(0, 16)}…  (tree built and stored in ${built.seconds.toFixed(0)} s)`);
} finally {
  await database.close();
}

async function post(port: number, token: string, body: string): Promise<void> {
  const response = await fetch(`http://localhost:${port}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body,
  });
  if (response.status !== 201) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
}

/** COPY of rows like the ledger's (canonical bytes, leaf hash, indexed columns) into a copy of its table. */
async function copyBaseline(ownerUrl: string, count: number): Promise<number> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  await client.query(`CREATE TABLE bench_copy (LIKE "LedgerEntry" INCLUDING INDEXES INCLUDING DEFAULTS)`);
  const lines: string[] = [];
  for (let n = 0; n < count; n += 1) {
    const event = benchEvent(n);
    const record = { ...event, recordedAt: new Date().toISOString(), submittedBy: { type: "service_account", id: "sa", tokenId: "tok" } };
    const canonical = canonicalBytes(record);
    const leaf = hashLeaf(canonical);
    lines.push(
      [
        orgId,
        n,
        event.eventId,
        1,
        event.occurredAt,
        record.recordedAt,
        event.source.system,
        event.interface,
        event.action,
        event.actor.id,
        event.actor.type,
        event.target?.artifactId,
        event.target?.digest,
        event.target?.environment,
        event.outcome.status,
        "service_account:sa",
        "tok",
        `\\\\x${canonical.toString("hex")}`,
        `\\\\x${leaf.toString("hex")}`,
      ].join("\t"),
    );
  }
  const started = performance.now();
  await pipeline(
    Readable.from(chunk(lines, 10_000).map((part) => `${part.join("\n")}\n`)),
    client.query(copyFrom(`COPY bench_copy FROM STDIN`)),
  );
  const seconds = (performance.now() - started) / 1000;
  await client.query("DROP TABLE bench_copy");
  await client.end();
  return count / seconds;
}

function chunk<T>(items: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}

/** Stored hashes of an n-leaf tree, computed in memory and written with COPY (the proof's input). */
async function buildStoredTree(ownerUrl: string, org: string, count: number): Promise<{ hashes: number; seconds: number }> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  // The right edge of the tree (one complete subtree per level) is all a new leaf needs.
  const frontier: { level: number; hash: Buffer }[] = [];
  let written = 0;
  let buffer: string[] = [];
  const flush = async () => {
    if (buffer.length === 0) return;
    await pipeline(Readable.from([`${buffer.join("\n")}\n`]), client.query(copyFrom(`COPY "LedgerHash" ("orgId", idx, hash) FROM STDIN`)));
    buffer = [];
  };
  const store = (level: number, index: number, hash: Buffer) => {
    buffer.push(`${org}\t${storedHashIndex(level, index)}\t\\\\x${hash.toString("hex")}`);
    written += 1;
  };
  for (let n = 0; n < count; n += 1) {
    const leaf = hashLeaf(Buffer.from(`entry ${n}`));
    store(0, n, leaf);
    frontier.push({ level: 0, hash: leaf });
    while (frontier.length >= 2 && frontier[frontier.length - 1]!.level === frontier[frontier.length - 2]!.level) {
      const right = frontier.pop()!;
      const left = frontier.pop()!;
      const level = right.level + 1;
      const hash = hashChildren(left.hash, right.hash);
      store(level, (n + 1) / 2 ** level - 1, hash);
      frontier.push({ level, hash });
    }
    if (buffer.length >= 200_000) await flush();
  }
  await flush();
  await client.end();
  return { hashes: written, seconds: (performance.now() - started) / 1000 };
}
