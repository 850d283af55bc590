import type pg from "pg";
import { parseCheckpoint } from "./checkpoint";
import { copyOutBinary, int8At, parseCopyFields, timestampAt, uuidAt } from "./copy-binary";
import { deriveEntryColumnValues, entryColumns, storedFormMs, type TEntryColumnType, type TEntryColumnValue } from "./entry-columns";
import type { TLedgerRecord } from "./ledger-record";
import { hashChildren } from "./merkle";
import { openNote, type NoteVerifier } from "./signed-note";
import { startTreeChecker, type TTreeBatch, type TTreeCheckpoint } from "./tree-checker";
import { storedHashCount, storedHashIndex } from "./tile-store";
import { FailureCollector, maxListedFailures, type TVerifyFailure, type TVerifyReport } from "./verify-failures";

export type { TVerifyFailure, TVerifyFailureKind, TVerifyReport } from "./verify-failures";

/** `failure`: every failure, when there is one (the first's fields, a summary, counts per kind and the first listed). */
export type TVerifyResult = { ok: boolean; entries: number; checkpoints: number; failure?: TVerifyReport; seconds: number };

type TQuery = Pick<pg.Client, "query">;

type TVerifyOptions = {
  query: TQuery;
  orgId: string;
  verifiers: NoteVerifier[];
  onProgress?: (done: number, total: number) => void;
  /** Verify only entries from this size on, trusting the tree up to it (a previous run verified it). */
  fromSize?: number;
  /** Where leaves and the tree are hashed; by default a worker thread once there is enough to hash. */
  thread?: "worker" | "main";
};

const chunkSize = 20_000;
const workerFrom = 20_000;
const rowsBetweenYields = 500;
const entryFields = 3 + entryColumns.length;
const selectEntry = `seq, canonical, "leafHash", ${entryColumns.map((column) => `"${column.name}"`).join(", ")}`;

/**
 * Recomputes every leaf from the stored bytes, derives every indexed column from the hashed
 * record as append does and compares it with the stored one, rebuilds the Merkle tree and
 * compares it with the stored tree hashes and every signed checkpoint (signature included).
 * Goes on after a failure and reports every one, each naming its entry or checkpoint.
 */
export async function verifyLedger(options: TVerifyOptions): Promise<TVerifyResult> {
  // A chunk read ahead is still running on the connection if verification throws: wait for it,
  // so the caller gets the connection back idle.
  const readAhead: { pending: Promise<unknown> | null } = { pending: null };
  // One snapshot for the whole run: entries, tree hashes and checkpoints appended while it reads
  // (the ledger never stops growing) are neither half-seen nor mistaken for a truncation.
  await options.query.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    return await verifyEntries(options, readAhead);
  } finally {
    await readAhead.pending?.catch(() => undefined);
    await options.query.query("COMMIT").catch(() => undefined);
  }
}

async function verifyEntries(
  { query, orgId, verifiers, onProgress, fromSize = 0, thread }: TVerifyOptions,
  readAhead: { pending: Promise<unknown> | null },
): Promise<TVerifyResult> {
  const started = performance.now();
  const failures = new FailureCollector(maxListedFailures);
  const stored = (
    await query.query(
      `SELECT id::text AS id, size::text AS size_text, "rootHash", note FROM "LedgerCheckpoint" WHERE "orgId" = $1 ORDER BY "LedgerCheckpoint".size, "LedgerCheckpoint".id`,
      [orgId],
    )
  ).rows as { id: string; size_text: string; rootHash: Buffer; note: string }[];
  // Roots are compared with what the notes sign: a row's columns are worth nothing without it.
  const signed: TTreeCheckpoint[] = [];
  for (const checkpoint of stored) {
    const checked = checkCheckpointNote(
      { id: checkpoint.id, size: checkpoint.size_text, rootHash: checkpoint.rootHash, note: checkpoint.note },
      verifiers,
    );
    if (checked.failure) failures.add(checked.failure, -1);
    if (checked.signed) signed.push({ id: checkpoint.id, ...checked.signed });
  }
  signed.sort((a, b) => a.size - b.size);
  const total = Number((await query.query(`SELECT count(*)::int8::text AS n FROM "LedgerEntry" WHERE "orgId" = $1`, [orgId])).rows[0].n);
  const frontier = await readFrontier(query, orgId, fromSize);
  const trusted = signed.filter((checkpoint) => checkpoint.size < Math.max(fromSize, 1));
  for (const checkpoint of signed.filter((item) => fromSize > 0 && item.size === fromSize)) {
    if (!rootOf(frontier).equals(checkpoint.rootHash)) failures.add(rootMismatch(checkpoint), fromSize - 0.5);
    trusted.push(checkpoint);
  }
  const checker = await startTreeChecker(
    { fromSize, frontier, checkpoints: signed.filter((checkpoint) => checkpoint.size > fromSize), maxListed: maxListedFailures },
    { thread: thread ?? (total - fromSize >= workerFrom ? "worker" : "main") },
  );
  let outcome;
  try {
    // Chunks are fetched one ahead: PostgreSQL reads the next while this process checks the current.
    let expected = fromSize;
    let pending: Promise<TEntryChunk> | null = readEntries(query, orgId, fromSize);
    while (pending) {
      const chunk: TEntryChunk = await pending;
      if (chunk.rows === 0) break;
      const firstSeq = seqOf(chunk, 0);
      const lastSeq = seqOf(chunk, chunk.rows - 1);
      // The tree hashes from the entry before the chunk to the one after it (their neighbours
      // tell a reordering or an insertion); past a long run of missing entries, from the chunk's first.
      const from = storedHashCount(Math.max(0, lastSeq - expected > 4 * chunkSize ? firstSeq - 1 : expected - 1));
      // Both queued at once: the next chunk follows the tree hashes on the connection with no round trip between.
      const hashesRead = readStoredRange(query, orgId, from, storedHashCount(lastSeq + 2));
      pending = chunk.rows === chunkSize ? readEntries(query, orgId, lastSeq + 1) : null;
      readAhead.pending = pending;
      pending?.catch(() => undefined); // handled where it is awaited; never an unhandled rejection meanwhile
      const hashes = await hashesRead;
      await checker.batch(treeBatch(chunk, from, hashes, pending === null));
      await checkColumns(chunk, failures);
      expected = lastSeq + 1;
      onProgress?.(expected, total);
    }
    outcome = await checker.finish();
  } finally {
    await checker.close();
  }
  failures.merge(outcome);
  const size = outcome.size;
  const beyond = signed.filter((checkpoint) => checkpoint.size > size);
  if (beyond.length > 0) {
    const checkpoint = beyond[beyond.length - 1]!;
    const message = `the ledger ends at ${size} entries but checkpoint ${checkpoint.id} signed ${checkpoint.size}: entries ${size} to ${checkpoint.size - 1} are missing (truncated)`;
    failures.add({ kind: "checkpoint", problem: "truncated", seq: size, checkpointId: checkpoint.id, message }, size);
  }
  const extra = Number(
    (
      await query.query(`SELECT count(*)::int8::text AS n FROM "LedgerHash" WHERE "orgId" = $1 AND idx >= $2`, [
        orgId,
        storedHashCount(size),
      ])
    ).rows[0].n,
  );
  if (extra > 0)
    failures.add(
      {
        kind: "tree",
        problem: "truncated",
        seq: size,
        message: `the tree holds hashes for entries after ${size - 1} that are no longer in the ledger (truncated)`,
      },
      size,
    );
  const failure = failures.report();
  return {
    ok: !failure,
    entries: size,
    checkpoints: trusted.length + outcome.checkpoints,
    failure,
    seconds: (performance.now() - started) / 1000,
  };
}

/** A chunk of entries as binary COPY gave them: field f of row r at start/length[r · entryFields + f]. */
type TEntryChunk = { data: Buffer; rows: number; start: Int32Array; length: Int32Array };

/** Up to chunkSize entries from `from` on, read with binary COPY (the stored bytes as they are). */
async function readEntries(query: TQuery, orgId: string, from: number): Promise<TEntryChunk> {
  const data = await copyOutBinary(
    query,
    `SELECT ${selectEntry} FROM "LedgerEntry" WHERE "orgId" = ${sqlLiteral(orgId)} AND seq >= ${Math.trunc(from)} ORDER BY seq LIMIT ${chunkSize}`,
  );
  return { data, ...parseCopyFields(data, entryFields) };
}

// Fields are read where they lie in the COPY data: a Buffer view per field would be twenty allocations an entry.
function seqOf(chunk: TEntryChunk, row: number): number {
  return int8At(chunk.data, chunk.start[row * entryFields]!);
}

/** The hashing half's input: copies (the worker takes them over), so this thread keeps the chunk. */
function treeBatch(
  chunk: TEntryChunk,
  storedFrom: number,
  hashes: { present: Uint8Array; stored: Uint8Array },
  final: boolean,
): TTreeBatch {
  const { data, rows: count, start, length } = chunk;
  const seqs = new Float64Array(count);
  const offsets = new Int32Array(count + 1);
  let bytesLength = 0;
  for (let row = 0; row < count; row += 1) bytesLength += Math.max(0, length[row * entryFields + 1]!);
  const bytes = new Uint8Array(bytesLength);
  const leafColumn = new Uint8Array(count * 32);
  let offset = 0;
  for (let row = 0; row < count; row += 1) {
    const field = row * entryFields;
    seqs[row] = int8At(data, start[field]!);
    const canonicalLength = Math.max(0, length[field + 1]!);
    data.copy(bytes, offset, start[field + 1]!, start[field + 1]! + canonicalLength);
    offset += canonicalLength;
    offsets[row + 1] = offset;
    if (length[field + 2] === 32) data.copy(leafColumn, row * 32, start[field + 2]!, start[field + 2]! + 32);
  }
  return { count, seqs, offsets, bytes, leafColumn, storedFrom, present: hashes.present, stored: hashes.stored, final };
}

type TDecoder = (data: Buffer, start: number, length: number) => TEntryColumnValue;

/** Decodes a binary COPY field to the value the column's derivation gives; a malformed field to one it never gives. */
function decoderFor(type: TEntryColumnType): TDecoder {
  switch (type) {
    case "uuid":
      return (data, start, length) =>
        length === 16 ? uuidAt(data, start) : `malformed uuid ${data.toString("hex", start, start + length)}`;
    case "int4":
      return (data, start, length) => (length === 4 ? data.readInt32BE(start) : Number.NaN);
    case "timestamp": {
      // Entries appended together share their recordedAt: each distinct value is formatted once.
      const formatted = new Map<number, string>();
      return (data, start, length) => {
        if (length !== 8) return "malformed timestamp";
        const micros = int8At(data, start);
        let value = formatted.get(micros);
        if (value === undefined) {
          value = timestampAt(data, start);
          if (formatted.size >= 1024) formatted.clear();
          formatted.set(micros, value);
        }
        return value;
      };
    }
    case "text":
      return (data, start, length) => data.toString("utf8", start, start + length);
  }
}

const postgresEpochMs = Date.UTC(2000, 0, 1);

/** Whether a timestamp field holds `value`: compared as numbers when it can be, else as ISO text. */
function timestampEquals(data: Buffer, start: number, length: number, value: TEntryColumnValue, decode: TDecoder): boolean {
  const ms = typeof value === "string" && length === 8 ? storedFormMs(value) : null;
  return ms === null ? decode(data, start, length) === value : int8At(data, start) === (ms - postgresEpochMs) * 1000;
}

/**
 * Whether a text field holds `value`, without making a string of it: ASCII compared byte by
 * byte (most columns, and a dozen strings an entry otherwise), anything else decoded.
 */
function textEquals(data: Buffer, start: number, length: number, value: TEntryColumnValue): boolean {
  if (typeof value !== "string") return false;
  if (value.length === length) {
    for (let i = 0; i < length; i += 1) {
      const code = value.charCodeAt(i);
      if (code >= 0x80) return data.toString("utf8", start, start + length) === value;
      if (data[start + i] !== code) return false;
    }
    return true;
  }
  return length > value.length && data.toString("utf8", start, start + length) === value;
}

/**
 * Every derived column of every entry in the chunk, against the stored bytes' own derivation.
 * Yields to the event loop every few rows, so the next chunk keeps streaming in meanwhile
 * (blocked, this thread would leave PostgreSQL waiting on a full socket).
 */
async function checkColumns(chunk: TEntryChunk, failures: FailureCollector): Promise<void> {
  const { data, start, length } = chunk;
  const decoders = entryColumns.map((column) => decoderFor(column.type));
  const types = entryColumns.map((column) => column.type);
  for (let row = 0; row < chunk.rows; row += 1) {
    if (row % rowsBetweenYields === rowsBetweenYields - 1) await new Promise((resolve) => setImmediate(resolve));
    const field = row * entryFields;
    const seq = int8At(data, start[field]!);
    let derived: TEntryColumnValue[];
    try {
      derived = deriveEntryColumnValues(
        JSON.parse(data.toString("utf8", start[field + 1]!, start[field + 1]! + Math.max(0, length[field + 1]!))) as TLedgerRecord,
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      failures.add(
        {
          kind: "column",
          problem: "changed",
          seq,
          column: "canonical",
          message: `entry ${seq}: its stored bytes are not a ledger record its columns can be derived from (${reason})`,
        },
        seq,
      );
      continue;
    }
    let differing: string[] | null = null;
    for (let i = 0; i < decoders.length; i += 1) {
      const size = length[field + 3 + i]!;
      const at = start[field + 3 + i]!;
      const same =
        size < 0
          ? derived[i] === null
          : types[i] === "text"
            ? textEquals(data, at, size, derived[i]!)
            : types[i] === "timestamp"
              ? timestampEquals(data, at, size, derived[i]!, decoders[i]!)
              : decoders[i]!(data, at, size) === derived[i];
      if (!same) (differing ??= []).push(entryColumns[i]!.name);
    }
    if (differing) {
      const column = differing.join(", ");
      const message = `entry ${seq}: ${differing.length === 1 ? `column ${column} differs` : `columns ${column} differ`} from the hashed record (changed)`;
      failures.add({ kind: "column", problem: "changed", seq, column, message }, seq);
    }
  }
}

/** The stored tree hashes with indexes in [from, to): `present[i]` says whether idx from + i is there (and 32 bytes). */
async function readStoredRange(
  query: TQuery,
  orgId: string,
  from: number,
  to: number,
): Promise<{ present: Uint8Array; stored: Uint8Array }> {
  const data = await copyOutBinary(
    query,
    `SELECT idx, hash FROM "LedgerHash" WHERE "orgId" = ${sqlLiteral(orgId)} AND idx >= ${Math.trunc(from)} AND idx < ${Math.trunc(to)} ORDER BY idx`,
  );
  const present = new Uint8Array(Math.max(0, to - from));
  const stored = new Uint8Array(present.length * 32);
  const { rows, start, length } = parseCopyFields(data, 2);
  for (let row = 0; row < rows; row += 1) {
    if (length[row * 2 + 1] !== 32) continue;
    const i = int8At(data, start[row * 2]!) - from;
    present[i] = 1;
    stored.set(data.subarray(start[row * 2 + 1]!, start[row * 2 + 1]! + 32), i * 32);
  }
  return { present, stored };
}

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
  const rows = (
    await query.query(`SELECT idx::text AS idx_text, hash FROM "LedgerHash" WHERE "orgId" = $1 AND idx = ANY($2::bigint[])`, [
      orgId,
      wanted.map((item) => item.index),
    ])
  ).rows as { idx_text: string; hash: Buffer }[];
  const byIndex = new Map(rows.map((row) => [Number(row.idx_text), row.hash]));
  return wanted.map((item) => {
    const hash = byIndex.get(item.index);
    if (!hash) throw new Error(`stored tree hash ${item.index} is missing: verify from 0`);
    return { level: item.level, hash };
  });
}

function checkCheckpointNote(
  checkpoint: { id: string; size: string; rootHash: Buffer; note: string },
  verifiers: NoteVerifier[],
): { failure?: TVerifyFailure; signed?: { size: number; rootHash: Buffer } } {
  let text: string;
  try {
    text = openNote(checkpoint.note, verifiers).text;
  } catch (error) {
    const message = `checkpoint ${checkpoint.id} (size ${checkpoint.size}): signature does not verify with the ledger key (${error instanceof Error ? error.message : String(error)})`;
    return { failure: { kind: "checkpoint", problem: "bad-signature", checkpointId: checkpoint.id, message } };
  }
  const parsed = parseCheckpoint(text);
  const signed = { size: Number(parsed.size), rootHash: parsed.rootHash };
  if (String(parsed.size) !== checkpoint.size || !parsed.rootHash.equals(checkpoint.rootHash)) {
    return {
      signed,
      failure: {
        kind: "checkpoint",
        problem: "checkpoint-altered",
        checkpointId: checkpoint.id,
        message: `checkpoint ${checkpoint.id}: its size or root column differs from its signed note (altered)`,
      },
    };
  }
  return { signed };
}

function rootMismatch(checkpoint: TTreeCheckpoint): TVerifyFailure {
  const message = `checkpoint ${checkpoint.id} (size ${checkpoint.size}) signed a different root: entries before ${checkpoint.size} were changed since it was signed`;
  return { kind: "checkpoint", problem: "root-mismatch", checkpointId: checkpoint.id, message };
}

function rootOf(frontier: { hash: Buffer }[]): Buffer {
  let root = frontier[frontier.length - 1]!.hash;
  for (let i = frontier.length - 2; i >= 0; i -= 1) root = hashChildren(frontier[i]!.hash, root);
  return root;
}
