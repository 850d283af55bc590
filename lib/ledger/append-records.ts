import "server-only";
import type { DbTransaction } from "@/lib/db";
import { canonicalBytes } from "./canonical";
import type { TLedgerRecord } from "./ledger-record";
import { submitterLabel } from "./ledger-record";
import { hashLeaf } from "./merkle";
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
  const existing = records.length
    ? await tx.ledgerEntry.findMany({ where: { orgId, eventId: { in: records.map((record) => record.eventId) } }, select: { eventId: true, seq: true } })
    : [];
  const seen = new Map(existing.map((entry) => [entry.eventId, entry.seq]));
  const last = await tx.ledgerEntry.findFirst({ where: { orgId }, orderBy: { seq: "desc" }, select: { seq: true } });
  let size = last ? Number(last.seq) + 1 : 0;

  const hashes = new Map<number, Uint8Array>(await readFrontier(tx, orgId, size));
  const readHashes = async (indexes: number[]) => {
    const missing = indexes.filter((index) => !hashes.has(index));
    if (missing.length) {
      const rows = await tx.ledgerHash.findMany({ where: { orgId, idx: { in: missing.map(BigInt) } } });
      for (const row of rows) hashes.set(Number(row.idx), row.hash);
    }
    return indexes.map((index) => hashes.get(index) ?? Buffer.alloc(0));
  };

  const entries = [];
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
      orgId,
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
      canonical: new Uint8Array(canonical),
      leafHash: new Uint8Array(leafHash),
    });
    seen.set(record.eventId, seq);
    result.push({ eventId: record.eventId, seq, duplicate: false });
    size += 1;
  }
  if (entries.length) {
    await tx.ledgerEntry.createMany({ data: entries });
    await tx.ledgerHash.createMany({ data: newHashes.map((hash) => ({ orgId, idx: BigInt(hash.index), hash: new Uint8Array(hash.hash) })) });
  }
  return result;
}

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
  const rows = await tx.ledgerHash.findMany({ where: { orgId, idx: { in: indexes.map(BigInt) } } });
  return rows.map((row) => [Number(row.idx), row.hash]);
}
