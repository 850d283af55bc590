import { createHash } from "node:crypto";

import { HASH_SIZE, rfc6962Merkle } from "./merkle-proofs";
import { splitPoint } from "./split-point";

// RFC 6962 / RFC 9162 §2.1 Merkle tree over SHA-256 (node:crypto). The hashing and the
// verifiers are lib/ledger/merkle-proofs.ts, the same code the browser verifiers run. The
// array-based tree and proof builders are the readable reference the stored-hash code
// (tile-store.ts) is tested against.
export const nodeMerkle = rfc6962Merkle((...parts: Uint8Array[]): Buffer => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
});

export { HASH_SIZE };
export const { hashLeaf, hashChildren, emptyRoot, verifyInclusion, verifyConsistency } = nodeMerkle;

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
