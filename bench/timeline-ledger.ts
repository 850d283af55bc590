import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { DemoOrganization } from "../prisma/seed/demo-organization";
import { hashChildren } from "../lib/ledger/merkle";
import { storedHashIndex } from "../lib/ledger/tile-store";
import { format } from "./bench-database";
import { generateBenchLedger, type TBenchRow } from "./timeline-events";

/**
 * COPY of the generated ledger into LedgerEntry with the owner's connection, secondary indexes
 * dropped during the load and rebuilt after it, then the tree's right edge (the stored hashes a
 * root and the next append need) written to LedgerHash; interior hashes are skipped.
 */
export async function loadLedger({
  ownerUrl,
  orgId,
  organization,
  count,
  now,
}: {
  ownerUrl: string;
  orgId: string;
  organization: DemoOrganization;
  count: number;
  now: Date;
}) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const existing = await client.query(`SELECT count(*)::int AS n FROM "LedgerEntry" WHERE "orgId" = $1`, [orgId]);
  if (existing.rows[0].n !== 0) throw new Error("the benchmark needs an empty ledger");
  const indexes = (
    await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'LedgerEntry' AND indexname NOT LIKE '%pkey'`)
  ).rows as { indexname: string; indexdef: string }[];
  for (const index of indexes) await client.query(`DROP INDEX "${index.indexname}"`);

  const frontier: { level: number; start: number; hash: Buffer }[] = [];
  let rows = 0;
  const text = (value: string | null) => value ?? "\\N";
  const line = (row: TBenchRow) =>
    [
      orgId,
      row.seq,
      row.eventId,
      1,
      stamp(row.occurredAt),
      stamp(new Date(row.occurredAt.getTime() + 1500)),
      row.sourceSystem,
      row.iface,
      row.action,
      row.actorId,
      row.actorType,
      text(row.artifactId),
      text(row.digest),
      text(row.environment),
      row.outcome,
      "system:bench",
      "\\N",
      `\\\\x${row.canonical.toString("hex")}`,
      `\\\\x${row.leafHash.toString("hex")}`,
    ].join("\t");
  async function* chunks() {
    let buffer: string[] = [];
    for (const row of generateBenchLedger({ organization, count, now })) {
      buffer.push(line(row));
      frontier.push({ level: 0, start: row.seq, hash: row.leafHash });
      while (frontier.length >= 2 && frontier.at(-1)!.level === frontier.at(-2)!.level) {
        const right = frontier.pop()!;
        const left = frontier.pop()!;
        frontier.push({ level: left.level + 1, start: left.start, hash: hashChildren(left.hash, right.hash) });
      }
      rows += 1;
      if (buffer.length === 5000) {
        yield `${buffer.join("\n")}\n`;
        buffer = [];
      }
      if (rows % 1_000_000 === 0) console.log(`  … ${format(rows)} events generated`);
    }
    if (buffer.length) yield `${buffer.join("\n")}\n`;
  }
  let started = performance.now();
  await pipeline(
    Readable.from(chunks()),
    client.query(
      copyFrom(
        `COPY "LedgerEntry" ("orgId", seq, "eventId", "schemaVersion", "occurredAt", "recordedAt", "sourceSystem", interface, action, "actorId", "actorType", "artifactId", digest, environment, outcome, "submittedBy", "tokenId", canonical, "leafHash") FROM STDIN`,
      ),
    ),
  );
  const copySeconds = (performance.now() - started) / 1000;
  started = performance.now();
  for (const index of indexes) await client.query(index.indexdef);
  await client.query(`VACUUM ANALYZE "LedgerEntry"`);
  const indexSeconds = (performance.now() - started) / 1000;
  for (const node of frontier) {
    await client.query(`INSERT INTO "LedgerHash" ("orgId", idx, hash) VALUES ($1, $2, $3)`, [
      orgId,
      storedHashIndex(node.level, node.start / 2 ** node.level),
      node.hash,
    ]);
  }
  await client.end();
  const root = frontier.reduceRight<Buffer | null>((acc, node) => (acc ? hashChildren(node.hash, acc) : node.hash), null)!;
  return { rows, copySeconds, indexSeconds, root };
}

// timestamp(3) columns hold UTC wall time.
function stamp(date: Date): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}
