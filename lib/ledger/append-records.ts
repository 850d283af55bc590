import "server-only";
import type { DbTransaction } from "@/lib/db";
import { canonicalBytes } from "./canonical";
import type { TLedgerRecord } from "./ledger-record";
import { submitterLabel } from "./ledger-record";
import { hashLeaf } from "./merkle";
import { readStoredHashes } from "./read-stored-hashes";
import { storedHashesForRecord, storedHashIndex, type StoredHash } from "./tile-store";

export type TAppendResult = { eventId: string; seq: bigint; duplicate: boolean }[];

/**
 * Appends records to the organisation's ledger inside the caller's transaction: gapless seq,
 * canonical bytes, leaf hash, and the tree's new stored hashes. A transaction-scoped advisory
 * lock serialises appenders, so seq has no gaps and the tree stays consistent. Records whose
 * eventId is already in the ledger are not appended again (idempotency); their seq is returned.
 */
export async function appendRecords(tx: DbTransaction, orgId: string, records: TLedgerRecord[]): Promise<TAppendResult> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`custody-ledger:${orgId}`}, 0))`;
  const existing = await tx.$queryRawUnsafe<{ eventId: string; seq: bigint }[]>(
    `SELECT "eventId"::text AS "eventId", seq FROM "LedgerEntry" WHERE "orgId" = $1 AND "eventId" = ANY($2::uuid[])`,
    orgId,
    records.map((record) => record.eventId),
  );
  const seen = new Map(existing.map((entry) => [entry.eventId, entry.seq]));
  const last = await tx.ledgerEntry.findFirst({ where: { orgId }, orderBy: { seq: "desc" }, select: { seq: true } });
  let size = last ? Number(last.seq) + 1 : 0;

  const hashes = new Map<number, Uint8Array>(await readFrontier(tx, orgId, size));
  const readFromDb = readStoredHashes(tx, orgId);
  const readHashes = async (indexes: number[]) => {
    const missing = indexes.filter((index) => !hashes.has(index));
    if (missing.length) (await readFromDb(missing)).forEach((hash, i) => hashes.set(missing[i]!, hash));
    return indexes.map((index) => hashes.get(index)!);
  };

  const entries: TEntryRow[] = [];
  const newHashes: StoredHash[] = [];
  const result: TAppendResult = [];
  for (const record of records) {
    const known = seen.get(record.eventId);
    if (known !== undefined) {
      result.push({ eventId: record.eventId, seq: known, duplicate: true });
      continue;
    }
    const canonical = canonicalBytes(record);
    const leafHash = hashLeaf(canonical);
    const stored = await storedHashesForRecord(size, leafHash, readHashes);
    for (const hash of stored) hashes.set(hash.index, hash.hash);
    newHashes.push(...stored);
    const seq = BigInt(size);
    entries.push({
      seq,
      eventId: record.eventId,
      schemaVersion: record.schemaVersion,
      occurredAt: new Date(record.occurredAt),
      recordedAt: new Date(record.recordedAt),
      sourceSystem: record.source.system,
      interface: record.interface,
      action: record.action,
      actorId: record.actor.id,
      actorType: record.actor.type,
      artifactId: record.target?.artifactId ?? null,
      digest: record.target?.digest ?? null,
      environment: record.target?.environment ?? null,
      outcome: record.outcome.status,
      submittedBy: submitterLabel(record.submittedBy),
      tokenId: record.submittedBy.type === "service_account" ? record.submittedBy.tokenId : null,
      canonical,
      leafHash,
    });
    seen.set(record.eventId, seq);
    result.push({ eventId: record.eventId, seq, duplicate: false });
    size += 1;
  }
  if (entries.length) await insertRows(tx, orgId, entries, newHashes);
  return result;
}

// One INSERT per table whatever the batch size: columns travel as arrays and are unnested by
// PostgreSQL, bytes as hex text decoded there. (Row-per-parameter inserts are several times slower.)
async function insertRows(tx: DbTransaction, orgId: string, entries: TEntryRow[], hashes: StoredHash[]): Promise<void> {
  const column = <K extends keyof TEntryRow>(key: K) => entries.map((entry) => entry[key]);
  await tx.$executeRawUnsafe(
    `INSERT INTO "LedgerEntry" ("orgId", seq, "eventId", "schemaVersion", "occurredAt", "recordedAt", "sourceSystem", interface, action, "actorId", "actorType", "artifactId", digest, environment, outcome, "submittedBy", "tokenId", canonical, "leafHash")
     SELECT $1, u.seq, u.event_id::uuid, u.schema_version, u.occurred_at, u.recorded_at, u.source_system, u.iface, u.action, u.actor_id, u.actor_type, u.artifact_id, u.digest, u.environment, u.outcome, u.submitted_by, u.token_id, decode(u.canonical, 'hex'), decode(u.leaf_hash, 'hex')
     FROM unnest($2::int8[], $3::text[], $4::int4[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[])
       AS u(seq, event_id, schema_version, occurred_at, recorded_at, source_system, iface, action, actor_id, actor_type, artifact_id, digest, environment, outcome, submitted_by, token_id, canonical, leaf_hash)`,
    orgId,
    column("seq").map(String),
    column("eventId"),
    column("schemaVersion"),
    column("occurredAt").map((date) => date.toISOString()),
    column("recordedAt").map((date) => date.toISOString()),
    column("sourceSystem"),
    column("interface"),
    column("action"),
    column("actorId"),
    column("actorType"),
    column("artifactId"),
    column("digest"),
    column("environment"),
    column("outcome"),
    column("submittedBy"),
    column("tokenId"),
    column("canonical").map((bytes) => bytes.toString("hex")),
    column("leafHash").map((bytes) => bytes.toString("hex")),
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO "LedgerHash" ("orgId", idx, hash) SELECT $1, u.idx, decode(u.hash, 'hex') FROM unnest($2::int8[], $3::text[]) AS u(idx, hash)`,
    orgId,
    hashes.map((hash) => String(hash.index)),
    hashes.map((hash) => hash.hash.toString("hex")),
  );
}

type TEntryRow = {
  seq: bigint;
  eventId: string;
  schemaVersion: number;
  occurredAt: Date;
  recordedAt: Date;
  sourceSystem: string;
  interface: string;
  action: string;
  actorId: string;
  actorType: string;
  artifactId: string | null;
  digest: string | null;
  environment: string | null;
  outcome: string;
  submittedBy: string;
  tokenId: string | null;
  canonical: Buffer;
  leafHash: Buffer;
};

/** The roots of the complete subtrees that make up a tree of `size`: all a new record can need. */
async function readFrontier(tx: DbTransaction, orgId: string, size: number): Promise<[number, Uint8Array][]> {
  const indexes: number[] = [];
  let start = 0;
  for (let level = 52; level >= 0; level -= 1) {
    const width = 2 ** level;
    if (size - start >= width) {
      indexes.push(storedHashIndex(level, start / width));
      start += width;
    }
  }
  if (!indexes.length) return [];
  const found = await readStoredHashes(tx, orgId)(indexes);
  return indexes.map((index, i) => [index, found[i]!]);
}
