import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { canonicalBytes } from "./canonical";
import { deriveEntryColumns, entryColumns, type TEntryColumns } from "./entry-columns";
import type { TLedgerRecord } from "./ledger-record";
import { hashLeaf } from "./merkle";
import { maxEntryBytes } from "./tlog-tiles";
import { appendLeaf, storedHashIndex, type StoredHash, type TFrontierNode } from "./tile-store";

export type TAppendResult = { eventId: string; seq: bigint; duplicate: boolean }[];

/** A record with its canonical bytes and leaf hash: what does not depend on its place in the log. */
export type TPreparedRecord = { record: TLedgerRecord; canonical: Buffer; leafHash: Buffer };

/**
 * Canonicalizes and hashes records. This is most of an append's work and needs no lock, so
 * callers do it before their transaction: concurrent batches then wait for each other only for
 * the writes.
 */
export function prepareRecords(records: TLedgerRecord[]): TPreparedRecord[] {
  const prepared = records.map((record) => {
    const canonical = canonicalBytes(record);
    return { record, canonical, leafHash: hashLeaf(canonical) };
  });
  const oversized = prepared.flatMap(({ canonical }, index) =>
    canonical.length > maxEntryBytes
      ? [
          {
            index,
            field: "(event)",
            message: `recorded, the event is ${canonical.length} bytes; a ledger entry holds at most ${maxEntryBytes}`,
          },
        ]
      : [],
  );
  if (oversized.length > 0) {
    throw new AppError("INVALID_INPUT", "An event is too large to record: shorten its details.", { fieldErrors: oversized });
  }
  return prepared;
}

/**
 * What an append needs from the transaction it runs in. Internal events append inside Prisma
 * transactions (with the change they record); API batches append on a node-postgres connection,
 * which can also COPY: for thousands of rows, COPY is about twice as fast as INSERT … unnest.
 */
type TLedgerTransaction = {
  rows: <T>(text: string, params: unknown[]) => Promise<T[]>;
  execute: (text: string, params: unknown[]) => Promise<void>;
  copy?: (statement: string, text: string) => Promise<void>;
};

/**
 * Appends records to the organisation's ledger inside the caller's Prisma transaction: gapless
 * seq, canonical bytes, leaf hash, and the tree's new stored hashes. A transaction-scoped
 * advisory lock serialises appenders, so seq has no gaps and the tree stays consistent. Records
 * whose eventId is already in the ledger are not appended again (idempotency); their seq is
 * returned.
 */
export async function appendRecords(tx: DbTransaction, orgId: string, records: TLedgerRecord[]): Promise<TAppendResult> {
  return appendPrepared(prismaTransaction(tx), orgId, prepareRecords(records));
}

/**
 * appendRecords for records prepared before the transaction, on a node-postgres connection:
 * its own transaction, committed before it returns (so an acknowledged event is durable), and
 * rolled back whole on any error.
 */
export async function appendPreparedRecords(pool: pg.Pool, orgId: string, prepared: TPreparedRecord[]): Promise<TAppendResult> {
  const client = await pool.connect();
  // A connection the server drops between statements (a restart) emits "error" on the client; without
  // a listener that would crash the process instead of failing this append (rolled back, retried).
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await appendPrepared(pgTransaction(client), orgId, prepared);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.removeListener("error", onError);
    // A broken connection is closed, not handed to the next append.
    client.release(broken);
  }
}

async function appendPrepared(tx: TLedgerTransaction, orgId: string, prepared: TPreparedRecord[]): Promise<TAppendResult> {
  await tx.execute(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`custody-ledger:${orgId}`]);
  // The ledger's last seq and the batch's events already in it, in one round trip.
  const known = await tx.rows<{ eventId: string | null; seq: string }>(
    `(SELECT NULL AS "eventId", seq::text AS seq FROM "LedgerEntry" WHERE "orgId" = $1 ORDER BY "LedgerEntry".seq DESC LIMIT 1)
     UNION ALL
     SELECT "eventId"::text, seq::text FROM "LedgerEntry" WHERE "orgId" = $1 AND "eventId" = ANY($2::uuid[])`,
    [orgId, prepared.map((item) => item.record.eventId)],
  );
  const last = known.find((row) => row.eventId === null);
  const seen = new Map(known.flatMap((row) => (row.eventId === null ? [] : [[row.eventId, BigInt(row.seq)] as const])));
  let size = last ? Number(last.seq) + 1 : 0;
  // The right edge of the tree is all an append needs: each new leaf joins the complete
  // subtrees it completes, and those are the frontier's last nodes.
  const frontier = await readFrontier(tx, orgId, size);

  const entries: TEntryRow[] = [];
  const newHashes: StoredHash[] = [];
  const result: TAppendResult = [];
  for (const { record, canonical, leafHash } of prepared) {
    const known = seen.get(record.eventId);
    if (known !== undefined) {
      result.push({ eventId: record.eventId, seq: known, duplicate: true });
      continue;
    }
    newHashes.push(...appendLeaf(frontier, size, leafHash));
    const seq = BigInt(size);
    entries.push(entryRow(seq, record, canonical, leafHash));
    seen.set(record.eventId, seq);
    result.push({ eventId: record.eventId, seq, duplicate: false });
    size += 1;
  }
  if (entries.length) await (tx.copy ? copyRows(tx.copy, orgId, entries, newHashes) : insertRows(tx, orgId, entries, newHashes));
  return result;
}

function entryRow(seq: bigint, record: TLedgerRecord, canonical: Buffer, leafHash: Buffer): TEntryRow {
  return { seq, ...deriveEntryColumns(record), canonical, leafHash };
}

// The stored columns: the derived ones as entry-columns.ts declares them, between the key and the bytes.
const derivedColumns = entryColumns.map((column) => column.name);
const storedColumns = `"orgId", seq, ${derivedColumns.map((name) => `"${name}"`).join(", ")}, canonical, "leafHash"`;

// One statement whatever the batch size: columns travel as arrays and are unnested by
// PostgreSQL, bytes as hex text decoded there. (Row-per-parameter inserts are several times slower.)
// Timestamps are cast to `timestamp`, not `timestamptz`, so the session's time zone never shifts them.
async function insertRows(tx: TLedgerTransaction, orgId: string, entries: TEntryRow[], hashes: StoredHash[]): Promise<void> {
  const arrays = entryColumns.map((column, i) => `$${i + 3}::${column.type}[]`);
  const names = entryColumns.map((_, i) => `c${i}`);
  const bytes = entryColumns.length + 3;
  // Both tables in one statement (a data-modifying CTE), so one round trip whatever the batch.
  await tx.execute(
    `WITH entries AS (
       INSERT INTO "LedgerEntry" (${storedColumns})
       SELECT $1, u.seq, ${names.map((name) => `u.${name}`).join(", ")}, decode(u.canonical, 'hex'), decode(u.leaf_hash, 'hex')
       FROM unnest($2::int8[], ${arrays.join(", ")}, $${bytes}::text[], $${bytes + 1}::text[])
         AS u(seq, ${names.join(", ")}, canonical, leaf_hash)
     )
     INSERT INTO "LedgerHash" ("orgId", idx, hash) SELECT $1, u.idx, decode(u.hash, 'hex') FROM unnest($${bytes + 2}::int8[], $${bytes + 3}::text[]) AS u(idx, hash)`,
    [
      orgId,
      entries.map((entry) => String(entry.seq)),
      ...derivedColumns.map((name) => entries.map((entry) => entry[name])),
      entries.map((entry) => entry.canonical.toString("hex")),
      entries.map((entry) => entry.leafHash.toString("hex")),
      hashes.map((hash) => String(hash.index)),
      hashes.map((hash) => hash.hash.toString("hex")),
    ],
  );
}

// COPY's text format: tab-separated, \N for NULL, backslash escapes; bytea as \x hex.
async function copyRows(
  copy: NonNullable<TLedgerTransaction["copy"]>,
  orgId: string,
  entries: TEntryRow[],
  hashes: StoredHash[],
): Promise<void> {
  const org = copyText(orgId);
  const lines = entries.map((entry) => {
    let line = `${org}\t${entry.seq}`;
    for (const name of derivedColumns) {
      const value = entry[name];
      line += `\t${typeof value === "number" ? String(value) : copyText(value)}`;
    }
    return `${line}\t\\\\x${entry.canonical.toString("hex")}\t\\\\x${entry.leafHash.toString("hex")}`;
  });
  await copy(`COPY "LedgerEntry" (${storedColumns}) FROM STDIN`, `${lines.join("\n")}\n`);
  await copy(
    `COPY "LedgerHash" ("orgId", idx, hash) FROM STDIN`,
    `${hashes.map((hash) => `${org}\t${hash.index}\t\\\\x${hash.hash.toString("hex")}`).join("\n")}\n`,
  );
}

/** A value in COPY's text format. */
export function copyText(value: string | null): string {
  if (value === null) return "\\N";
  return value.replace(/[\\\t\n\r]/g, (character) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[character]!);
}

type TEntryRow = { seq: bigint; canonical: Buffer; leafHash: Buffer } & TEntryColumns;

/** The roots of the complete subtrees that make up a tree of `size`, largest first. */
async function readFrontier(tx: TLedgerTransaction, orgId: string, size: number): Promise<TFrontierNode[]> {
  const nodes: { level: number; index: number }[] = [];
  let start = 0;
  for (let level = 52; level >= 0; level -= 1) {
    const width = 2 ** level;
    if (size - start >= width) {
      nodes.push({ level, index: storedHashIndex(level, start / width) });
      start += width;
    }
  }
  if (!nodes.length) return [];
  // Hex text, not bytea: raw queries through Prisma's pg adapter cannot return Bytes columns.
  const rows = await tx.rows<{ idx: string; hash: string }>(
    `SELECT idx::text AS idx, encode(hash, 'hex') AS hash FROM "LedgerHash" WHERE "orgId" = $1 AND idx = ANY($2::int8[])`,
    [orgId, nodes.map((node) => String(node.index))],
  );
  const byIndex = new Map(rows.map((row) => [Number(row.idx), Buffer.from(row.hash, "hex")]));
  return nodes.map((node) => {
    const hash = byIndex.get(node.index);
    if (!hash) throw new Error(`stored hash ${node.index} is missing from the ledger: run custody verify`);
    return { level: node.level, hash };
  });
}

function prismaTransaction(tx: DbTransaction): TLedgerTransaction {
  return {
    rows: <T>(text: string, params: unknown[]) => tx.$queryRawUnsafe<T[]>(text, ...params),
    execute: async (text, params) => {
      await tx.$executeRawUnsafe(text, ...params);
    },
  };
}

function pgTransaction(client: pg.PoolClient): TLedgerTransaction {
  return {
    rows: async <T>(text: string, params: unknown[]) => (await client.query(text, params)).rows as T[],
    execute: async (text, params) => {
      await client.query(text, params);
    },
    copy: (statement, text) => pipeline(Readable.from([text]), client.query(copyFrom(statement))),
  };
}
