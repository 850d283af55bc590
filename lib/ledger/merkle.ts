import { createHash, timingSafeEqual } from "node:crypto";

import { splitPoint } from "./split-point";

// RFC 6962 / RFC 9162 §2.1 Merkle tree over SHA-256. Leaves and interior nodes are hashed
// with different prefixes (0x00 / 0x01) so a leaf can never be passed off as a node.
// The array-based tree and proof builders are the readable reference the stored-hash code
// (tile-store.ts) is tested against; the verifiers are what clients and auditors run.

export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({d}) = SHA-256(0x00 || d). */
export function hashLeaf(bytes: Uint8Array): Buffer {
  return createHash("sha256").update(LEAF_PREFIX).update(bytes).digest();
}

/** SHA-256(0x01 || left || right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash("sha256").update(NODE_PREFIX).update(left).update(right).digest();
}

/** MTH({}) = SHA-256 of the empty string. */
export function emptyRoot(): Buffer {
  return createHash("sha256").digest();
}

/** Root of the tree whose leaves have these hashes (RFC 9162 §2.1.1 MTH). */
export function rootFromLeafHashes(leafHashes: readonly Buffer[]): Buffer {
  if (leafHashes.length === 0) return emptyRoot();
  return subtreeRoot(leafHashes, 0, leafHashes.length);
}

/** Audit path for leaf `index` in the tree made of the first `size` leaf hashes (§2.1.3.1). */
export function inclusionProof(index: number, size: number, leafHashes: readonly Buffer[]): Buffer[] {
  assertTreeSize(size, leafHashes);
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`leaf index ${index} is outside a tree of size ${size}`);
  }
  return path(index, 0, size, leafHashes);
}

/** Consistency proof from the first `m` leaves to the first `n` leaves (§2.1.4.1). */
export function consistencyProof(m: number, n: number, leafHashes: readonly Buffer[]): Buffer[] {
  assertTreeSize(n, leafHashes);
  // A proof from the empty tree proves nothing and verifiers reject it, so refuse to make one.
  if (!Number.isSafeInteger(m) || m < 1 || m > n) {
    throw new RangeError(`old size ${m} must be between 1 and new size ${n}`);
  }
  return subproof(m, 0, n, true, leafHashes);
}

/**
 * RFC 9162 §2.1.3.2: does `proof` show that `leafHash` is leaf `index` of the tree of `size`
 * leaves with root `root`? Returns false for every malformed input rather than throwing.
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isCount(index) || !isCount(size) || index >= size) return false;
  if (leafHash.length !== HASH_SIZE || !proof.every((p) => p.length === HASH_SIZE)) return false;

  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      // Skip levels where this node is the last one and has no right sibling.
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesEqual(r, root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of `size1` leaves with root `root1` is a
 * prefix of the tree of `size2` leaves with root `root2`? Equal sizes need an empty proof and
 * equal roots. As in transparency-dev/merkle (whose vectors we test against), size1 == 0 is
 * always rejected: an empty old tree is trivially consistent, so such a check proves nothing
 * and is more likely a caller bug than intent.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!isCount(size1) || !isCount(size2) || size1 === 0 || size2 < size1) return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (proof.length === 0) return false;
  if (root1.length !== HASH_SIZE || root2.length !== HASH_SIZE) return false;
  if (!proof.every((p) => p.length === HASH_SIZE)) return false;

  // When the old tree is a complete subtree its root is the proof's implicit first node.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}

// MTH(D[lo:hi]) for a non-empty range.
function subtreeRoot(leaves: readonly Buffer[], lo: number, hi: number): Buffer {
  if (hi - lo === 1) return leaves[lo]!;
  const k = splitPoint(hi - lo);
  return hashChildren(subtreeRoot(leaves, lo, lo + k), subtreeRoot(leaves, lo + k, hi));
}

// PATH(m, D[lo:hi]), leaf to root.
function path(m: number, lo: number, hi: number, leaves: readonly Buffer[]): Buffer[] {
  if (hi - lo === 1) return [];
  const k = splitPoint(hi - lo);
  return m < k
    ? [...path(m, lo, lo + k, leaves), subtreeRoot(leaves, lo + k, hi)]
    : [...path(m - k, lo + k, hi, leaves), subtreeRoot(leaves, lo, lo + k)];
}

// SUBPROOF(m, D[lo:hi], b).
function subproof(m: number, lo: number, hi: number, wholeOldTree: boolean, leaves: readonly Buffer[]): Buffer[] {
  if (m === hi - lo) return wholeOldTree ? [] : [subtreeRoot(leaves, lo, hi)];
  const k = splitPoint(hi - lo);
  return m <= k
    ? [...subproof(m, lo, lo + k, wholeOldTree, leaves), subtreeRoot(leaves, lo + k, hi)]
    : [...subproof(m - k, lo + k, hi, false, leaves), subtreeRoot(leaves, lo, lo + k)];
}

function assertTreeSize(size: number, leafHashes: readonly Buffer[]): void {
  if (!Number.isSafeInteger(size) || size < 1 || size > leafHashes.length) {
    throw new RangeError(`tree size ${size} must be between 1 and the ${leafHashes.length} leaves given`);
  }
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function isPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
