import { readFileSync } from "node:fs";

import { beforeAll, describe, expect, it } from "vitest";

import { hexToBytes } from "./hex";
import { consistencyProof, emptyRoot, hashLeaf, inclusionProof, rootFromLeafHashes, verifyConsistency, verifyInclusion } from "./merkle";
import {
  appendLeaf,
  proveRecord,
  proveTree,
  splitStoredHashIndex,
  storedHashCount,
  storedHashesForRecord,
  storedHashIndex,
  treeHash,
  type ReadHashes,
  type TFrontierNode,
} from "./tile-store";

const vectors = JSON.parse(readFileSync(new URL("../../test/fixtures/rfc6962-vectors.json", import.meta.url), "utf8")) as {
  leaves_hex: string[];
  roots: Record<string, string>;
  node_hashes_by_level: string[][];
};

// An in-memory store that, like a database, only knows what has been appended so far,
// and records every read so we can check the one-batch-per-operation contract.
function memoryStore() {
  const hashes: Buffer[] = [];
  const calls: number[][] = [];
  const readUpTo =
    (limit: number): ReadHashes =>
    async (indexes) => {
      calls.push(indexes);
      return indexes.map((i) => {
        if (i >= limit || hashes[i] === undefined) throw new Error(`read of stored hash ${i} beyond ${limit}`);
        return hashes[i]!;
      });
    };
  const append = async (n: number, leafHash: Buffer) => {
    expect(hashes.length).toBe(storedHashCount(n));
    const stored = await storedHashesForRecord(n, leafHash, readUpTo(hashes.length));
    for (const { index, hash } of stored) {
      expect(index).toBe(hashes.length);
      hashes.push(hash);
    }
    return stored;
  };
  return { hashes, calls, append, readUpTo };
}

describe("stored hash layout", () => {
  it("numbers nodes in append order", () => {
    // record 0: L0(0); 1: L0(1) L1(0); 2: L0(2); 3: L0(3) L1(1) L2(0); 4: L0(4); 5: L0(5) L1(2); …
    const expected: [number, number][] = [
      [0, 0],
      [0, 1],
      [1, 0],
      [0, 2],
      [0, 3],
      [1, 1],
      [2, 0],
      [0, 4],
      [0, 5],
      [1, 2],
      [0, 6],
      [0, 7],
      [1, 3],
      [2, 1],
      [3, 0],
      [0, 8],
    ];
    expected.forEach(([level, n], index) => {
      expect(storedHashIndex(level, n)).toBe(index);
      expect(splitStoredHashIndex(index)).toEqual({ level, n });
    });
  });

  it("counts 2n - popcount(n) stored hashes", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(storedHashCount)).toEqual([0, 1, 3, 4, 7, 8, 10, 11, 15, 16]);
    for (let n = 0; n < 5000; n++) {
      const popcount = n.toString(2).replaceAll("0", "").length;
      expect(storedHashCount(n)).toBe(2 * n - popcount);
    }
    expect(storedHashCount(2 ** 40)).toBe(2 ** 41 - 1);
  });

  it("round-trips every index below 20000 and large ones", () => {
    for (let index = 0; index < 20_000; index++) {
      const { level, n } = splitStoredHashIndex(index);
      expect(storedHashIndex(level, n)).toBe(index);
    }
    for (const [level, n] of [
      [0, 2 ** 45 + 12345],
      [17, 2 ** 30 - 1],
      [40, 1000],
    ] as const) {
      expect(splitStoredHashIndex(storedHashIndex(level, n))).toEqual({ level, n });
    }
  });

  it("rejects indexes and levels that cannot be exact", () => {
    expect(() => storedHashIndex(-1, 0)).toThrow(RangeError);
    expect(() => storedHashIndex(0, 1.5)).toThrow(RangeError);
    expect(() => storedHashIndex(52, 0)).toThrow(RangeError);
    expect(() => splitStoredHashIndex(-1)).toThrow(RangeError);
    expect(() => storedHashCount(Number.NaN)).toThrow(RangeError);
  });
});

describe("appending the RFC 6962 fixture leaves", () => {
  it("stores exactly the published node hashes and roots", async () => {
    const store = memoryStore();
    const leaves = vectors.leaves_hex.map((h) => hashLeaf(hexToBytes(h)));
    for (const [n, leaf] of leaves.entries()) await store.append(n, leaf);
    expect(store.hashes).toHaveLength(storedHashCount(8));
    vectors.node_hashes_by_level.forEach((level, l) =>
      level.forEach((node, k) => expect(store.hashes[storedHashIndex(l, k)]!.toString("hex")).toBe(node)),
    );
    for (const [size, root] of Object.entries(vectors.roots)) {
      const n = Number(size);
      expect((await treeHash(n, store.readUpTo(storedHashCount(n)))).toString("hex")).toBe(root);
    }
  });
});

describe("against the array reference for every tree of 1..70 records", () => {
  const leaves = Array.from({ length: 70 }, (_, i) => hashLeaf(Buffer.from(`custody entry ${i}`)));
  const store = memoryStore();
  beforeAll(async () => {
    for (const [n, leaf] of leaves.entries()) await store.append(n, leaf);
  });
  const roots = Array.from({ length: 71 }, (_, n) => rootFromLeafHashes(leaves.slice(0, n)));

  // Each operation on a tree of size t may only read hashes stored by then, in one batch.
  async function run<T>(t: number, op: (read: ReadHashes) => Promise<T>): Promise<T> {
    const before = store.calls.length;
    const result = await op(store.readUpTo(storedHashCount(t)));
    const calls = store.calls.slice(before);
    expect(calls.length).toBeLessThanOrEqual(1);
    for (const indexes of calls) {
      expect(indexes).toEqual([...new Set(indexes)].sort((a, b) => a - b));
      expect(indexes.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(t + 1)) + 2);
    }
    return result;
  }

  it("stores 2n - popcount(n) hashes, each the root of its complete subtree", () => {
    expect(store.hashes).toHaveLength(storedHashCount(70));
    store.hashes.forEach((hash, index) => {
      const { level, n } = splitStoredHashIndex(index);
      const width = 2 ** level;
      expect(hash.equals(rootFromLeafHashes(leaves.slice(n * width, (n + 1) * width)))).toBe(true);
    });
  });

  it("treeHash equals the reference root for every size 0..70", async () => {
    expect((await run(0, (read) => treeHash(0, read))).equals(emptyRoot())).toBe(true);
    for (let t = 1; t <= 70; t++) {
      expect((await run(t, (read) => treeHash(t, read))).toString("hex")).toBe(roots[t]!.toString("hex"));
    }
  });

  it("proveRecord equals the reference inclusion proof for every size and index, and verifies", async () => {
    for (let t = 1; t <= 70; t++) {
      for (let n = 0; n < t; n++) {
        const proof = await run(t, (read) => proveRecord(t, n, read));
        expect(proof.map((p) => p.toString("hex"))).toEqual(inclusionProof(n, t, leaves).map((p) => p.toString("hex")));
        expect(verifyInclusion(leaves[n]!, n, t, proof, roots[t]!)).toBe(true);
      }
    }
  });

  it("proveTree equals the reference consistency proof for every pair of sizes, and verifies", async () => {
    for (let t = 1; t <= 70; t++) {
      for (let n = 1; n <= t; n++) {
        const proof = await run(t, (read) => proveTree(t, n, read));
        expect(proof.map((p) => p.toString("hex"))).toEqual(consistencyProof(n, t, leaves).map((p) => p.toString("hex")));
        expect(verifyConsistency(n, t, proof, roots[n]!, roots[t]!)).toBe(true);
      }
    }
  });

  it("refuses records and sizes outside the tree", async () => {
    const read = store.readUpTo(store.hashes.length);
    await expect(proveRecord(5, 5, read)).rejects.toThrow(RangeError);
    await expect(proveRecord(5, -1, read)).rejects.toThrow(RangeError);
    await expect(proveTree(5, 0, read)).rejects.toThrow(RangeError);
    await expect(proveTree(5, 6, read)).rejects.toThrow(RangeError);
  });
});

describe("readHashes contract", () => {
  it("accepts a synchronous reader and Uint8Array results", async () => {
    const leaves = [hashLeaf(Buffer.from("a")), hashLeaf(Buffer.from("b")), hashLeaf(Buffer.from("c"))];
    const hashes: Uint8Array[] = [];
    for (const [n, leaf] of leaves.entries()) {
      const stored = await storedHashesForRecord(n, new Uint8Array(leaf), (indexes) => indexes.map((i) => hashes[i]!));
      stored.forEach(({ hash }) => hashes.push(new Uint8Array(hash)));
    }
    const root = await treeHash(3, (indexes) => indexes.map((i) => hashes[i]!));
    expect(Buffer.isBuffer(root)).toBe(true);
    expect(root.equals(rootFromLeafHashes(leaves))).toBe(true);
  });

  it("fails loudly on a reader that returns the wrong number or size of hashes", async () => {
    await expect(treeHash(3, () => [])).rejects.toThrow(/returned 0 hashes for 2 indexes/);
    await expect(treeHash(2, () => [Buffer.alloc(31)])).rejects.toThrow(/must be 32 bytes/);
    await expect(storedHashesForRecord(0, Buffer.alloc(16), () => [])).rejects.toThrow(/leaf hash must be 32 bytes/);
  });

  it("reads nothing when nothing is needed", async () => {
    const never: ReadHashes = () => {
      throw new Error("should not read");
    };
    expect((await storedHashesForRecord(0, hashLeaf(Buffer.from("x")), never)).map((s) => s.index)).toEqual([0]);
    expect(await proveRecord(1, 0, never)).toEqual([]);
    expect(await proveTree(9, 9, never)).toEqual([]);
    expect((await treeHash(0, never)).equals(emptyRoot())).toBe(true);
  });
});

describe("appendLeaf (the in-memory frontier appends use)", () => {
  it("stores the same hashes at the same indexes as storedHashesForRecord, for 300 appends", async () => {
    const store = memoryStore();
    const frontier: TFrontierNode[] = [];
    for (let n = 0; n < 300; n++) {
      const leaf = hashLeaf(Buffer.from(`record ${n}`));
      const fromFrontier = appendLeaf(frontier, n, leaf);
      const reference = await store.append(n, leaf);
      expect(fromFrontier.map(({ index, hash }) => [index, hash.toString("hex")])).toEqual(
        reference.map(({ index, hash }) => [index, hash.toString("hex")]),
      );
      // The frontier is the tree's decomposition: one complete subtree per set bit of its size.
      expect(frontier.map((node) => node.level)).toEqual(
        [...(n + 1).toString(2)].flatMap((bit, i, bits) => (bit === "1" ? [bits.length - 1 - i] : [])),
      );
    }
  });
});
