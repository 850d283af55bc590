import { createHash } from "node:crypto";
import type pg from "pg";
import { parseCheckpoint } from "./checkpoint";
import { copyOutBinary, int8, parseCopyBinary, text } from "./copy-binary";
import { submitterLabel, type TLedgerRecord } from "./ledger-record";
import { openNote, type NoteVerifier } from "./signed-note";
import { storedHashCount, storedHashIndex } from "./tile-store";

export type TVerifyFailure = {
  kind: "changed" | "missing" | "reordered" | "inserted" | "tree-altered" | "truncated" | "bad-signature" | "checkpoint-altered";
  seq?: number;
  checkpointId?: string;
  message: string;
};

export type TVerifyResult = { ok: boolean; entries: number; checkpoints: number; failure?: TVerifyFailure; seconds: number };

type TQuery = Pick<pg.Client, "query">;

const chunkSize = 20_000;
const leafPrefix = Buffer.from([0]);
const nodePrefix = Buffer.from([1]);
const sha256 = (...parts: Uint8Array[]) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/**
 * Recomputes every leaf from the stored bytes, checks each indexed column against the hashed
 * record, rebuilds the Merkle tree and compares it with the stored tree hashes and every signed
 * checkpoint (signature included). Stops at the first thing that does not match and names it.
 */
export async function verifyLedger(options: TVerifyOptions): Promise<TVerifyResult> {
  // A chunk read ahead is still running on the connection when a chunk fails: wait for it, so
  // the caller gets the connection back idle.
  const readAhead: { pending: Promise<unknown> | null } = { pending: null };
  try {
    return await verifyEntries(options, readAhead);
  } finally {
    await readAhead.pending?.catch(() => undefined);
  }
}

type TVerifyOptions = {
  query: TQuery;
  orgId: string;
  verifiers: NoteVerifier[];
  onProgress?: (done: number, total: number) => void;
  /** Verify only entries from this size on, trusting the tree up to it (a previous run verified it). */
  fromSize?: number;
};

async function verifyEntries({ query, orgId, verifiers, onProgress, fromSize = 0 }: TVerifyOptions, readAhead: { pending: Promise<unknown> | null }): Promise<TVerifyResult> {
  const started = performance.now();
  const finish = (entries: number, checkpoints: number, failure?: TVerifyFailure): TVerifyResult => ({
    ok: !failure,
    entries,
    checkpoints,
    failure,
    seconds: (performance.now() - started) / 1000,
  });
  const checkpoints = (await query.query(`SELECT id::text AS id, size::text AS size_text, "rootHash", note FROM "LedgerCheckpoint" WHERE "orgId" = $1 ORDER BY "LedgerCheckpoint".size, "LedgerCheckpoint".id`, [orgId])).rows.map((row: { id: string; size_text: string; rootHash: Buffer; note: string }) => ({ id: row.id, size: row.size_text, rootHash: row.rootHash, note: row.note }));
  for (const checkpoint of checkpoints) {
    const failure = checkCheckpointNote(checkpoint, verifiers);
    if (failure) return finish(0, 0, failure);
  }
  const total = Number((await query.query(`SELECT count(*)::int8::text AS n FROM "LedgerEntry" WHERE "orgId" = $1`, [orgId])).rows[0].n);
  const frontier = await readFrontier(query, orgId, fromSize);
  let next = fromSize;
  let checkpointIndex = 0;
  while (checkpointIndex < checkpoints.length && Number(checkpoints[checkpointIndex]!.size) < Math.max(fromSize, 1)) checkpointIndex += 1;
  while (fromSize > 0 && checkpointIndex < checkpoints.length && Number(checkpoints[checkpointIndex]!.size) === fromSize) {
    const checkpoint = checkpoints[checkpointIndex]!;
    if (!rootOf(frontier).equals(checkpoint.rootHash)) {
      return finish(0, checkpointIndex, { kind: "changed", checkpointId: checkpoint.id, message: `checkpoint ${checkpoint.id} (size ${checkpoint.size}) signed a different root: entries before ${checkpoint.size} were changed since it was signed` });
    }
    checkpointIndex += 1;
  }
  // Chunks are fetched one ahead: PostgreSQL reads the next while this process hashes the current.
  let pending: Promise<TEntryRow[]> | null = readEntries(query, orgId, next);
  while (pending) {
    const rows: TEntryRow[] = await pending;
    if (rows.length === 0) break;
    const firstSeq = rows[0]!.seq;
    const lastSeq = rows[rows.length - 1]!.seq;
    const storedAt = await readStoredRange(query, orgId, storedHashCount(firstSeq), storedHashCount(lastSeq + 1));
    // One query at a time on the connection; the next chunk is read while this one is checked.
    pending = rows.length === chunkSize ? readEntries(query, orgId, lastSeq + 1) : null;
    readAhead.pending = pending;
    pending?.catch(() => undefined); // handled where it is awaited; never an unhandled rejection meanwhile
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i]!;
      const { seq, canonical, leafHash } = row;
      if (seq !== next) return finish(next, checkpointIndex, { kind: "missing", seq: next, message: `entry ${next} is missing: the ledger jumps from ${next - 1} to ${seq} (deleted)` });
      const leaf = sha256(leafPrefix, canonical);
      if (!leaf.equals(leafHash)) return finish(seq, checkpointIndex, { kind: "changed", seq, message: `entry ${seq}: its stored bytes do not hash to its leaf hash (changed)` });
      const storedLeaf = storedAt.get(storedHashIndex(0, seq));
      if (!storedLeaf || !leaf.equals(storedLeaf)) return finish(seq, checkpointIndex, classifyTreeMismatch(seq, leaf, rows, i, storedAt));
      const column = firstColumnMismatch(canonical, row);
      if (column) return finish(seq, checkpointIndex, { kind: "changed", seq, message: `entry ${seq}: column ${column} differs from the hashed record (changed)` });
      frontier.push({ level: 0, hash: leaf });
      let n = seq;
      while (frontier.length >= 2 && frontier[frontier.length - 1]!.level === frontier[frontier.length - 2]!.level) {
        const right = frontier.pop()!;
        const left = frontier.pop()!;
        const level = right.level + 1;
        const hash = sha256(nodePrefix, left.hash, right.hash);
        n = (seq + 1) / 2 ** level - 1;
        const expected = storedAt.get(storedHashIndex(level, n));
        if (!expected || !hash.equals(expected)) {
          return finish(seq, checkpointIndex, { kind: "tree-altered", seq, message: `the stored tree hash for level ${level} node ${n} (completed by entry ${seq}) does not match the entries (tree altered)` });
        }
        frontier.push({ level, hash });
      }
      next = seq + 1;
      while (checkpointIndex < checkpoints.length && Number(checkpoints[checkpointIndex]!.size) === next) {
        const checkpoint = checkpoints[checkpointIndex]!;
        if (!rootOf(frontier).equals(checkpoint.rootHash)) {
          return finish(next, checkpointIndex, { kind: "changed", checkpointId: checkpoint.id, message: `checkpoint ${checkpoint.id} (size ${checkpoint.size}) signed a different root: entries before ${checkpoint.size} were changed since it was signed` });
        }
        checkpointIndex += 1;
      }
    }
    onProgress?.(next, total);
  }
  if (checkpointIndex < checkpoints.length) {
    const checkpoint = checkpoints[checkpointIndex]!;
    return finish(next, checkpointIndex, { kind: "truncated", seq: next, checkpointId: checkpoint.id, message: `the ledger ends at ${next} entries but checkpoint ${checkpoint.id} signed ${checkpoint.size}: entries ${next} to ${Number(checkpoint.size) - 1} are missing (truncated)` });
  }
  const extra = Number((await query.query(`SELECT count(*)::int8::text AS n FROM "LedgerHash" WHERE "orgId" = $1 AND idx >= $2`, [orgId, storedHashCount(next)])).rows[0].n);
  if (extra > 0) return finish(next, checkpointIndex, { kind: "truncated", seq: next, message: `the tree holds hashes for entries after ${next - 1} that are no longer in the ledger (truncated)` });
  return finish(next, checkpointIndex);
}

type TEntryRow = {
  seq: number;
  canonical: Buffer;
  leafHash: Buffer;
  eventId: string;
  action: string;
  actorId: string;
  occurredAtMs: number;
  artifactId: string | null;
  digest: string | null;
  outcome: string;
  submittedBy: string;
};

/** One chunk of entries from `from` on, read with binary COPY (the stored bytes as they are). */
async function readEntries(query: TQuery, orgId: string, from: number): Promise<TEntryRow[]> {
  const data = await copyOutBinary(query, `SELECT seq, canonical, "leafHash", "eventId"::text, action, "actorId", (extract(epoch FROM "occurredAt") * 1000)::int8, "artifactId", digest, outcome, "submittedBy"
    FROM "LedgerEntry" WHERE "orgId" = ${sqlLiteral(orgId)} AND seq >= ${Math.trunc(from)} ORDER BY seq LIMIT ${chunkSize}`);
  return parseCopyBinary(data).map((row) => ({
    seq: int8(row[0]!),
    canonical: row[1]!,
    leafHash: row[2]!,
    eventId: text(row[3]!)!,
    action: text(row[4]!)!,
    actorId: text(row[5]!)!,
    occurredAtMs: int8(row[6]!),
    artifactId: text(row[7]!),
    digest: text(row[8]!),
    outcome: text(row[9]!)!,
    submittedBy: text(row[10]!)!,
  }));
}

/** The stored tree hashes with indexes in [from, to); `get` answers undefined for one that is missing. */
async function readStoredRange(query: TQuery, orgId: string, from: number, to: number): Promise<TStoredRange> {
  const data = await copyOutBinary(query, `SELECT idx, hash FROM "LedgerHash" WHERE "orgId" = ${sqlLiteral(orgId)} AND idx >= ${Math.trunc(from)} AND idx < ${Math.trunc(to)} ORDER BY idx`);
  const hashes = new Array<Buffer | undefined>(to - from);
  for (const row of parseCopyBinary(data)) hashes[int8(row[0]!) - from] = row[1]!;
  return { get: (index) => (index >= from && index < to ? hashes[index - from] : undefined) };
}

type TStoredRange = { get: (index: number) => Buffer | undefined };

// COPY takes no parameters; standard_conforming_strings (on since PostgreSQL 9.1) means only
// quotes need doubling.
function sqlLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The complete subtrees that make up a tree of `size` entries, from the stored hashes. */
async function readFrontier(query: TQuery, orgId: string, size: number): Promise<{ level: number; hash: Buffer }[]> {
  const wanted: { level: number; index: number }[] = [];
  let start = 0;
  for (let level = 52; level >= 0; level -= 1) {
    const width = 2 ** level;
    if (size - start >= width) {
      wanted.push({ level, index: storedHashIndex(level, start / width) });
      start += width;
    }
  }
  if (wanted.length === 0) return [];
  const rows = (await query.query(`SELECT idx::text AS idx_text, hash FROM "LedgerHash" WHERE "orgId" = $1 AND idx = ANY($2::bigint[])`, [orgId, wanted.map((item) => item.index)])).rows as { idx_text: string; hash: Buffer }[];
  const byIndex = new Map(rows.map((row) => [Number(row.idx_text), row.hash]));
  return wanted.map((item) => {
    const hash = byIndex.get(item.index);
    if (!hash) throw new Error(`stored tree hash ${item.index} is missing: verify from 0`);
    return { level: item.level, hash };
  });
}

function checkCheckpointNote(checkpoint: { id: string; size: string; rootHash: Buffer; note: string }, verifiers: NoteVerifier[]): TVerifyFailure | null {
  let text: string;
  try {
    text = openNote(checkpoint.note, verifiers).text;
  } catch (error) {
    return { kind: "bad-signature", checkpointId: checkpoint.id, message: `checkpoint ${checkpoint.id} (size ${checkpoint.size}): signature does not verify with the ledger key (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = parseCheckpoint(text);
  if (String(parsed.size) !== checkpoint.size || !parsed.rootHash.equals(checkpoint.rootHash)) {
    return { kind: "checkpoint-altered", checkpointId: checkpoint.id, message: `checkpoint ${checkpoint.id}: its size or root column differs from its signed note (altered)` };
  }
  return null;
}

function rootOf(frontier: { hash: Buffer }[]): Buffer {
  let root = frontier[frontier.length - 1]!.hash;
  for (let i = frontier.length - 2; i >= 0; i -= 1) root = sha256(nodePrefix, frontier[i]!.hash, root);
  return root;
}

/** An entry whose leaf is not the tree's leaf at its position: changed, swapped or shifted. */
function classifyTreeMismatch(seq: number, leaf: Buffer, rows: TEntryRow[], i: number, storedAt: TStoredRange): TVerifyFailure {
  const treeHere = storedAt.get(storedHashIndex(0, seq));
  const treeNext = storedAt.get(storedHashIndex(0, seq + 1));
  const nextLeaf = rows[i + 1] ? sha256(leafPrefix, rows[i + 1]!.canonical) : null;
  if (treeNext && leaf.equals(treeNext) && nextLeaf && treeHere && nextLeaf.equals(treeHere)) {
    return { kind: "reordered", seq, message: `entries ${seq} and ${seq + 1} are swapped (reordered)` };
  }
  if (treeHere && nextLeaf && nextLeaf.equals(treeHere)) {
    return { kind: "inserted", seq, message: `entry ${seq} is not in the signed tree; the entries after it are shifted by one (inserted)` };
  }
  if (treeNext && leaf.equals(treeNext)) {
    return { kind: "missing", seq, message: `entry ${seq} was removed and the later entries renumbered (deleted)` };
  }
  return { kind: "changed", seq, message: `entry ${seq} does not match the tree's leaf at its position (changed)` };
}

function firstColumnMismatch(canonical: Buffer, columns: { eventId: string; action: string; actorId: string; occurredAtMs: number; artifactId: string | null; digest: string | null; outcome: string; submittedBy: string }): string | null {
  let record: TLedgerRecord;
  try {
    record = JSON.parse(canonical.toString("utf8")) as TLedgerRecord;
  } catch {
    return "canonical";
  }
  if (record.eventId !== columns.eventId) return "eventId";
  if (record.action !== columns.action) return "action";
  if (record.actor?.id !== columns.actorId) return "actorId";
  if (new Date(record.occurredAt).getTime() !== columns.occurredAtMs) return "occurredAt";
  if ((record.target?.artifactId ?? null) !== columns.artifactId) return "artifactId";
  if ((record.target?.digest ?? null) !== columns.digest) return "digest";
  if (record.outcome?.status !== columns.outcome) return "outcome";
  if (submitterLabel(record.submittedBy) !== columns.submittedBy) return "submittedBy";
  return null;
}
