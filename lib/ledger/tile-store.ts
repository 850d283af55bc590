/**
 * Stored-hash layout (the design of Go's golang.org/x/mod/sumdb/tlog): every complete
 * subtree of the log's Merkle tree is stored exactly once, as soon as its last record exists.
 * Level L node k covers records k·2^L … (k+1)·2^L − 1 (level 0 = leaf hashes).
 * Appending record n stores its leaf hash, then one node per level it completes (every
 * L ≥ 1 with 2^L dividing n + 1): record 0 → [L0], 1 → [L0, L1], 2 → [L0], 3 → [L0, L1, L2] …
 * so indexes are dense and append-only, and n records use 2n − popcount(n) hashes (~2/entry).
 * Node (L, k) is written by record m = (k+1)·2^L − 1, hence index storedHashCount(m) + L.
 * Any tree size n is the concatenation of at most log2(n) complete subtrees (one per set bit
 * of n), so a root or proof needs O(log n) stored hashes; each function below gathers every
 * index it needs and asks `readHashes` once, so a database answers with one query.
 */
import { hashChildren, emptyRoot, HASH_SIZE } from "./merkle";
import { splitPoint } from "./split-point";

/**
 * Reads stored hashes by index. Called at most once per operation, with distinct indexes in
 * ascending order; must return the hashes in that same order (throw if any is missing).
 * Uint8Array is accepted because Prisma returns Bytes columns as Uint8Array.
 */
export type ReadHashes = (indexes: number[]) => Promise<readonly Uint8Array[]> | readonly Uint8Array[];

/** A hash to persist at a stored-hash index. */
export type StoredHash = { index: number; hash: Buffer };

// Stored indexes must stay exact in a JS number; ~2 hashes per record leaves 2^51 records.
const MAX_RECORDS = 2 ** 51;

/** Number of stored hashes once records 0 … n−1 have been appended. */
export function storedHashCount(n: number): number {
  assertRecordCount(n, "record count");
  // Σ_L floor(n / 2^L): each record contributes its leaf plus the nodes it completes.
  let count = 0;
  for (let m = n; m > 0; m = Math.floor(m / 2)) count += m;
  return count;
}

/** Index of the stored hash of the level-`level` node number `n`. */
export function storedHashIndex(level: number, n: number): number {
  if (!Number.isSafeInteger(level) || level < 0 || level > 51) throw new RangeError(`invalid tree level ${level}`);
  assertRecordCount(n, "node number");
  const lastRecord = (n + 1) * 2 ** level - 1;
  if (lastRecord >= MAX_RECORDS) throw new RangeError(`node (${level}, ${n}) is beyond the supported tree size`);
  return storedHashCount(lastRecord) + level;
}

/** Inverse of storedHashIndex: which node is stored at `index`. */
export function splitStoredHashIndex(index: number): { level: number; n: number } {
  if (!Number.isSafeInteger(index) || index < 0 || index >= storedHashCount(MAX_RECORDS)) {
    throw new RangeError(`invalid stored hash index ${index}`);
  }
  // Find the record whose append wrote `index`: the last m with storedHashCount(m) <= index.
  // storedHashCount(m) is 2m minus a few bits, so index/2 is a lower bound a few steps away.
  let m = Math.floor(index / 2);
  while (storedHashCount(m + 1) <= index) m++;
  const level = index - storedHashCount(m);
  return { level, n: Math.floor(m / 2 ** level) };
}

/**
 * Hashes to store when appending record `n` (records 0 … n−1 already stored): its leaf hash
 * and the nodes it completes, with their indexes (storedHashCount(n), +1, …).
 */
export async function storedHashesForRecord(n: number, leafHash: Uint8Array, readHashes: ReadHashes): Promise<StoredHash[]> {
  assertRecordCount(n, "record number");
  const leaf = toHash(leafHash, "leaf hash");
  let levels = 0;
  while (Math.floor(n / 2 ** levels) % 2 === 1) levels++;
  // Completing level L joins the left sibling (stored earlier) with the node just made.
  const siblings: Plan[] = [];
  for (let level = 0; level < levels; level++) siblings.push(storedHashIndex(level, Math.floor(n / 2 ** level) - 1));
  const read = await readPlans(siblings, readHashes);

  const start = storedHashCount(n);
  const stored: StoredHash[] = [{ index: start, hash: leaf }];
  let hash = leaf;
  for (let level = 0; level < levels; level++) {
    hash = hashChildren(evaluate(siblings[level]!, read), hash);
    stored.push({ index: start + level + 1, hash });
  }
  return stored;
}

/** A complete subtree on the right edge of the tree: the frontier is these, largest first. */
export type TFrontierNode = { level: number; hash: Buffer };

/**
 * Appends leaf `n` to a tree whose frontier (complete subtrees, largest first) is given, and
 * returns the hashes to store: the leaf and every node it completes (the layout above).
 */
export function appendLeaf(frontier: TFrontierNode[], n: number, leafHash: Buffer): StoredHash[] {
  const start = storedHashCount(n);
  const stored: StoredHash[] = [{ index: start, hash: leafHash }];
  let hash = leafHash;
  let level = 0;
  while (frontier.length > 0 && frontier[frontier.length - 1]!.level === level) {
    hash = hashChildren(frontier.pop()!.hash, hash);
    level += 1;
    stored.push({ index: start + level, hash });
  }
  frontier.push({ level, hash });
  return stored;
}

/** Root hash of the tree of the first `n` records (empty-tree hash for n = 0). */
export async function treeHash(n: number, readHashes: ReadHashes): Promise<Buffer> {
  assertRecordCount(n, "tree size");
  if (n === 0) return emptyRoot();
  const plan = planRange(0, n);
  return evaluate(plan, await readPlans([plan], readHashes));
}

/** Inclusion proof (RFC 9162 §2.1.3.1, leaf to root) for record `n` in the tree of size `t`. */
export async function proveRecord(t: number, n: number, readHashes: ReadHashes): Promise<Buffer[]> {
  assertRecordCount(t, "tree size");
  if (!Number.isSafeInteger(n) || n < 0 || n >= t) throw new RangeError(`record ${n} is not in a tree of size ${t}`);
  const plans = planPath(n, 0, t);
  const read = await readPlans(plans, readHashes);
  return plans.map((plan) => evaluate(plan, read));
}

/** Consistency proof (RFC 9162 §2.1.4.1) that the tree of size `n` is a prefix of size `t`. */
export async function proveTree(t: number, n: number, readHashes: ReadHashes): Promise<Buffer[]> {
  assertRecordCount(t, "tree size");
  if (!Number.isSafeInteger(n) || n < 1 || n > t) throw new RangeError(`old tree size ${n} must be between 1 and ${t}`);
  const plans = planSubproof(n, 0, t, true);
  const read = await readPlans(plans, readHashes);
  return plans.map((plan) => evaluate(plan, read));
}

// How to compute one hash from stored hashes: a stored index, or the parent of two plans.
type Plan = number | readonly [Plan, Plan];

// MTH(D[lo:hi]): one stored node when the range is a complete aligned subtree, else split
// where RFC 6962 splits. The ranges the proofs ask for are right-edge ranges whose start is
// aligned, so this bottoms out in at most one stored node per level.
function planRange(lo: number, hi: number): Plan {
  const size = hi - lo;
  let level = 0;
  while (2 ** level < size) level++;
  if (2 ** level === size && lo % size === 0) return storedHashIndex(level, lo / size);
  const k = splitPoint(size);
  return [planRange(lo, lo + k), planRange(lo + k, hi)];
}

// PATH(m, D[lo:hi]) as plans, leaf to root (m relative to lo).
function planPath(m: number, lo: number, hi: number): Plan[] {
  if (hi - lo === 1) return [];
  const k = splitPoint(hi - lo);
  return m < k ? [...planPath(m, lo, lo + k), planRange(lo + k, hi)] : [...planPath(m - k, lo + k, hi), planRange(lo, lo + k)];
}

// SUBPROOF(m, D[lo:hi], b) as plans.
function planSubproof(m: number, lo: number, hi: number, wholeOldTree: boolean): Plan[] {
  if (m === hi - lo) return wholeOldTree ? [] : [planRange(lo, hi)];
  const k = splitPoint(hi - lo);
  return m <= k
    ? [...planSubproof(m, lo, lo + k, wholeOldTree), planRange(lo + k, hi)]
    : [...planSubproof(m - k, lo + k, hi, false), planRange(lo, lo + k)];
}

// One readHashes call for every stored index the plans mention.
async function readPlans(plans: readonly Plan[], readHashes: ReadHashes): Promise<Map<number, Buffer>> {
  const wanted = new Set<number>();
  const collect = (plan: Plan): void => {
    if (typeof plan === "number") wanted.add(plan);
    else plan.forEach(collect);
  };
  plans.forEach(collect);
  const indexes = [...wanted].sort((a, b) => a - b);
  const read = new Map<number, Buffer>();
  if (indexes.length === 0) return read;

  const hashes = await readHashes(indexes);
  if (!Array.isArray(hashes) || hashes.length !== indexes.length) {
    throw new Error(`readHashes returned ${Array.isArray(hashes) ? hashes.length : "no"} hashes for ${indexes.length} indexes`);
  }
  indexes.forEach((index, i) => read.set(index, toHash(hashes[i], `stored hash ${index}`)));
  return read;
}

function evaluate(plan: Plan, read: Map<number, Buffer>): Buffer {
  if (typeof plan !== "number") return hashChildren(evaluate(plan[0], read), evaluate(plan[1], read));
  const hash = read.get(plan);
  if (hash === undefined) throw new Error(`stored hash ${plan} was not read`);
  return hash;
}

function assertRecordCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_RECORDS) throw new RangeError(`invalid ${what} ${n}`);
}

function toHash(hash: unknown, what: string): Buffer {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
    throw new Error(`${what} must be ${HASH_SIZE} bytes`);
  }
  return Buffer.isBuffer(hash) ? hash : Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength);
}
