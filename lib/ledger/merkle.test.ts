import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { browserMerkle } from "@/lib/evidence/verify/merkle-proofs";
import { hexToBytes } from "./hex";
import { consistencyProof, hashLeaf, inclusionProof, nodeMerkle, rootFromLeafHashes, verifyConsistency, verifyInclusion } from "./merkle";
import type { TMerkleHashing } from "./merkle-proofs";

type InclusionVector = {
  leaf_index: number;
  tree_size: number;
  leaf_hash: string;
  root: string;
  proof: string[];
  desc: string;
  source_file: string;
  leaf_input_hex?: string;
  want_error?: boolean;
};
type ConsistencyVector = {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[];
  desc: string;
  source_file: string;
  want_error?: boolean;
};
type Vectors = {
  leaves_hex: string[];
  leaf_hashes: string[];
  empty_root: string;
  roots: Record<string, string>;
  node_hashes_by_level: string[][];
  hasher_vectors: { desc: string; want: string; input_hex?: string; left_hex?: string; right_hex?: string }[];
  inclusion: InclusionVector[];
  consistency: ConsistencyVector[];
  inclusion_must_fail: InclusionVector[];
  consistency_must_fail: ConsistencyVector[];
  inclusion_edge_cases: InclusionVector[];
  consistency_edge_cases: ConsistencyVector[];
};

const vectors = JSON.parse(readFileSync(new URL("../../test/fixtures/rfc6962-vectors.json", import.meta.url), "utf8")) as Vectors;

const leafHashes = vectors.leaves_hex.map((hex) => hashLeaf(hexToBytes(hex)));
const hex = (bytes: Buffer[]): string[] => bytes.map((b) => b.toString("hex"));
const label = (v: { source_file: string; desc: string }) => `${v.source_file} (${v.desc})`;

// One implementation (merkle-proofs.ts), two SHA-256s: node:crypto for the ledger, @noble/hashes
// for the verifiers that run in the browser. Every vector is checked on both.
const hashings: [string, TMerkleHashing<Uint8Array>][] = [
  ["node:crypto", nodeMerkle],
  ["@noble/hashes", browserMerkle],
];
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("fixture shape", () => {
  it("has the vector counts this suite was written against", () => {
    expect(vectors.leaves_hex).toHaveLength(8);
    expect(Object.keys(vectors.roots)).toHaveLength(8);
    expect(vectors.hasher_vectors).toHaveLength(4);
    expect(vectors.inclusion).toHaveLength(5);
    expect(vectors.consistency).toHaveLength(5);
    expect(vectors.inclusion_must_fail).toHaveLength(89);
    expect(vectors.consistency_must_fail).toHaveLength(79);
    expect(vectors.inclusion_edge_cases).toHaveLength(4);
    expect(vectors.consistency_edge_cases).toHaveLength(14);
  });
});

describe.each(hashings)("hashing and proof checks over %s", (_, merkle) => {
  const checkInclusion = (v: InclusionVector) =>
    merkle.verifyInclusion(hexToBytes(v.leaf_hash), v.leaf_index, v.tree_size, v.proof.map(hexToBytes), hexToBytes(v.root));
  const checkConsistency = (v: ConsistencyVector) =>
    merkle.verifyConsistency(v.size1, v.size2, v.proof.map(hexToBytes), hexToBytes(v.root1), hexToBytes(v.root2));

  it("hashes every fixture leaf to its published leaf hash", () => {
    expect(vectors.leaves_hex.map((leaf) => toHex(merkle.hashLeaf(hexToBytes(leaf))))).toEqual(vectors.leaf_hashes);
  });

  it("computes the empty root", () => {
    expect(toHex(merkle.emptyRoot())).toBe(vectors.empty_root);
  });

  it.each(vectors.hasher_vectors)("$desc", (v) => {
    let got: Uint8Array;
    if (v.left_hex !== undefined && v.right_hex !== undefined) got = merkle.hashChildren(hexToBytes(v.left_hex), hexToBytes(v.right_hex));
    else if (v.input_hex !== undefined) got = merkle.hashLeaf(hexToBytes(v.input_hex));
    else got = merkle.emptyRoot();
    expect(toHex(got)).toBe(v.want);
  });

  it.each(vectors.inclusion.map((v) => [label(v), v] as const))("inclusion %s verifies", (_, v) => {
    if (v.leaf_input_hex !== undefined) expect(toHex(merkle.hashLeaf(hexToBytes(v.leaf_input_hex)))).toBe(v.leaf_hash);
    expect(checkInclusion(v)).toBe(true);
  });

  it.each(vectors.inclusion_must_fail.map((v) => [label(v), v] as const))("inclusion %s is rejected", (_, v) => {
    expect(checkInclusion(v)).toBe(false);
  });

  it.each(vectors.inclusion_edge_cases.map((v) => [label(v), v] as const))("inclusion edge case %s", (_, v) => {
    expect(checkInclusion(v)).toBe(!v.want_error);
  });

  it.each(vectors.consistency.map((v) => [label(v), v] as const))("consistency %s verifies", (_, v) => {
    expect(checkConsistency(v)).toBe(true);
  });

  it.each(vectors.consistency_must_fail.map((v) => [label(v), v] as const))("consistency %s is rejected", (_, v) => {
    expect(checkConsistency(v)).toBe(false);
  });

  it.each(vectors.consistency_edge_cases.map((v) => [label(v), v] as const))("consistency edge case %s", (_, v) => {
    expect(checkConsistency(v)).toBe(!v.want_error);
  });
});

describe("the tree and proof builders (transparency-dev/merkle testdata)", () => {
  it("computes the empty root", () => {
    expect(rootFromLeafHashes([]).toString("hex")).toBe(vectors.empty_root);
  });

  it.each(Object.entries(vectors.roots))("root of the first %s leaves", (size, root) => {
    expect(rootFromLeafHashes(leafHashes.slice(0, Number(size))).toString("hex")).toBe(root);
  });

  it("matches every published interior node hash", () => {
    vectors.node_hashes_by_level.forEach((level, l) => {
      level.forEach((node, k) => {
        const width = 2 ** l;
        expect(rootFromLeafHashes(leafHashes.slice(k * width, (k + 1) * width)).toString("hex")).toBe(node);
      });
    });
  });

  it.each(vectors.inclusion.map((v) => [label(v), v] as const))("inclusion %s is what we generate", (_, v) => {
    expect(rootFromLeafHashes(leafHashes.slice(0, v.tree_size)).toString("hex")).toBe(v.root);
    expect(hex(inclusionProof(v.leaf_index, v.tree_size, leafHashes))).toEqual(v.proof);
  });

  it.each(vectors.consistency.map((v) => [label(v), v] as const))("consistency %s is what we generate", (_, v) => {
    expect(rootFromLeafHashes(leafHashes.slice(0, v.size1)).toString("hex")).toBe(v.root1);
    expect(rootFromLeafHashes(leafHashes.slice(0, v.size2)).toString("hex")).toBe(v.root2);
    expect(hex(consistencyProof(v.size1, v.size2, leafHashes))).toEqual(v.proof);
  });
});

describe("generated proofs for every tree up to 70 leaves", () => {
  const many = Array.from({ length: 70 }, (_, i) => hashLeaf(Buffer.from(`record ${i}`)));
  const roots = Array.from({ length: 71 }, (_, n) => rootFromLeafHashes(many.slice(0, n)));
  const flip = (b: Buffer): Buffer => {
    const copy = Buffer.from(b);
    copy[copy.length - 1]! ^= 1;
    return copy;
  };

  it("every inclusion proof verifies, and fails against the wrong index, root or proof", () => {
    for (let size = 1; size <= 70; size++) {
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(index, size, many);
        const leaf = many[index]!;
        expect(verifyInclusion(leaf, index, size, proof, roots[size]!)).toBe(true);
        expect(verifyInclusion(leaf, index, size, proof, roots[size - 1]!)).toBe(false);
        if (size > 1) expect(verifyInclusion(leaf, (index + 1) % size, size, proof, roots[size]!)).toBe(false);
        proof.forEach((_, i) => {
          const bad = proof.map((p, j) => (i === j ? flip(p) : p));
          expect(verifyInclusion(leaf, index, size, bad, roots[size]!)).toBe(false);
        });
        expect(verifyInclusion(leaf, index, size, [...proof, leaf], roots[size]!)).toBe(false);
      }
    }
  });

  it("every consistency proof verifies, and fails against the wrong roots or proof", () => {
    for (let size2 = 1; size2 <= 70; size2++) {
      for (let size1 = 1; size1 <= size2; size1++) {
        const proof = consistencyProof(size1, size2, many);
        expect(verifyConsistency(size1, size2, proof, roots[size1]!, roots[size2]!)).toBe(true);
        if (size1 === size2) {
          expect(proof).toEqual([]);
          continue;
        }
        expect(verifyConsistency(size1, size2, proof, flip(roots[size1]!), roots[size2]!)).toBe(false);
        expect(verifyConsistency(size1, size2, proof, roots[size1]!, flip(roots[size2]!))).toBe(false);
        // (No "wrong size2" check: e.g. (4, 6) and (4, 7) proofs have the same shape; the
        // signed checkpoint, not the proof, binds a root to its size.)
        expect(verifyConsistency(size1, size2, proof, roots[size2]!, roots[size1]!)).toBe(false);
        proof.forEach((_, i) => {
          const bad = proof.map((p, j) => (i === j ? flip(p) : p));
          expect(verifyConsistency(size1, size2, bad, roots[size1]!, roots[size2]!)).toBe(false);
        });
        expect(verifyConsistency(size1, size2, proof.slice(0, -1), roots[size1]!, roots[size2]!)).toBe(false);
      }
    }
  });

  it("refuses to build proofs outside the tree", () => {
    expect(() => inclusionProof(3, 3, many)).toThrow(RangeError);
    expect(() => inclusionProof(0, 71, many)).toThrow(RangeError);
    expect(() => consistencyProof(0, 5, many)).toThrow(RangeError);
    expect(() => consistencyProof(6, 5, many)).toThrow(RangeError);
  });
});
