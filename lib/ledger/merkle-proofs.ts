// RFC 6962 / RFC 9162 §2.1 Merkle hashing and proof verification, written once for every place
// that checks a proof: the ledger itself (node:crypto, lib/ledger/merkle.ts) and the verifiers
// that run in an auditor's browser (@noble/hashes: the evidence bundle verifier, the timeline's
// "verify in your browser"). It imports nothing, so it runs anywhere; the caller passes SHA-256.
// Leaves and interior nodes are hashed with different prefixes (0x00 / 0x01) so a leaf can never
// be passed off as a node.

export const HASH_SIZE = 32;

/** SHA-256 of the concatenation of `parts` (with no parts: of the empty string). */
export type TSha256<THash extends Uint8Array = Uint8Array> = (...parts: Uint8Array[]) => THash;

export type TMerkleHashing<THash extends Uint8Array> = {
  /** MTH({d}) = SHA-256(0x00 || d). */
  hashLeaf(bytes: Uint8Array): THash;
  /** SHA-256(0x01 || left || right). */
  hashChildren(left: Uint8Array, right: Uint8Array): THash;
  /** MTH({}) = SHA-256 of the empty string. */
  emptyRoot(): THash;
  /** RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or null when its shape is wrong for (index, size). */
  rootFromInclusionProof(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[]): Uint8Array | null;
  /**
   * RFC 9162 §2.1.3.2: does `proof` show that `leafHash` is leaf `index` of the tree of `size`
   * leaves with root `root`? False for every malformed input rather than throwing.
   */
  verifyInclusion(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean;
  /**
   * RFC 9162 §2.1.4.2: does `proof` show that the tree of `size1` leaves with root `root1` is a
   * prefix of the tree of `size2` leaves with root `root2`? Equal sizes need an empty proof and
   * equal roots. As in transparency-dev/merkle (whose vectors we test against), size1 == 0 is
   * always rejected: an empty old tree is trivially consistent, so such a check proves nothing
   * and is more likely a caller bug than intent.
   */
  verifyConsistency(size1: number, size2: number, proof: readonly Uint8Array[], root1: Uint8Array, root2: Uint8Array): boolean;
};

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** RFC 6962 Merkle hashing and proof checks over the given SHA-256. */
export function rfc6962Merkle<THash extends Uint8Array>(sha256: TSha256<THash>): TMerkleHashing<THash> {
  const hashLeaf = (bytes: Uint8Array) => sha256(LEAF_PREFIX, bytes);
  const hashChildren = (left: Uint8Array, right: Uint8Array) => sha256(NODE_PREFIX, left, right);

  function rootFromInclusionProof(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[]): Uint8Array | null {
    if (!isCount(index) || !isCount(size) || index >= size) return null;
    if (leafHash.length !== HASH_SIZE || !proof.every((p) => p.length === HASH_SIZE)) return null;
    let fn = index;
    let sn = size - 1;
    let r = leafHash;
    for (const p of proof) {
      if (sn === 0) return null;
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
    return sn === 0 ? r : null;
  }

  function verifyInclusion(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
    const computed = rootFromInclusionProof(leafHash, index, size, proof);
    return computed !== null && bytesEqual(computed, root);
  }

  function verifyConsistency(size1: number, size2: number, proof: readonly Uint8Array[], root1: Uint8Array, root2: Uint8Array): boolean {
    if (!isCount(size1) || !isCount(size2) || size1 === 0 || size2 < size1) return false;
    if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
    if (proof.length === 0 || root1.length !== HASH_SIZE || root2.length !== HASH_SIZE) return false;
    if (!proof.every((p) => p.length === HASH_SIZE)) return false;

    // When the old tree is a complete subtree its root is the proof's implicit first node.
    const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
    let fn = size1 - 1;
    let sn = size2 - 1;
    while (fn % 2 === 1) {
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    let fr = path[0]!;
    let sr = path[0]!;
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

  return { hashLeaf, hashChildren, emptyRoot: () => sha256(), rootFromInclusionProof, verifyInclusion, verifyConsistency };
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function isPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}

// Length check, then a comparison that does not stop at the first differing byte.
function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
