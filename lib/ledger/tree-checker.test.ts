import { describe, expect, it } from "vitest";
import { hashLeaf, rootFromLeafHashes } from "./merkle";
import { appendLeaf, storedHashCount, type StoredHash, type TFrontierNode } from "./tile-store";
import { startTreeChecker, type TTreeBatch } from "./tree-checker";

const entries = Array.from({ length: 37 }, (_, n) => Buffer.from(`{"entry":${n}}`));
const leaves = entries.map((bytes) => hashLeaf(bytes));

/** The stored hashes as append writes them, optionally altered, as one batch of every entry. */
function batch(alter: (stored: StoredHash[]) => void = () => {}): TTreeBatch {
  const frontier: TFrontierNode[] = [];
  const stored = leaves.flatMap((leaf, n) => appendLeaf(frontier, n, leaf));
  alter(stored);
  const offsets = new Int32Array(entries.length + 1);
  entries.forEach((bytes, i) => (offsets[i + 1] = offsets[i]! + bytes.length));
  const size = storedHashCount(entries.length + 1);
  const present = new Uint8Array(size);
  const hashes = new Uint8Array(size * 32);
  for (const hash of stored) {
    present[hash.index] = 1;
    hashes.set(hash.hash, hash.index * 32);
  }
  return {
    count: entries.length,
    seqs: Float64Array.from(entries.map((_, n) => n)),
    offsets,
    bytes: new Uint8Array(Buffer.concat(entries)),
    leafColumn: new Uint8Array(Buffer.concat(leaves)),
    storedFrom: 0,
    present,
    stored: hashes,
    final: true,
  };
}

const checkpoints = [
  { id: "1", size: 20, rootHash: rootFromLeafHashes(leaves.slice(0, 20)) },
  { id: "2", size: 37, rootHash: rootFromLeafHashes(leaves) },
];

async function run(thread: "worker" | "main", input: TTreeBatch) {
  const checker = await startTreeChecker({ fromSize: 0, frontier: [], checkpoints, maxListed: 10 }, { thread });
  try {
    await checker.batch(input);
    return { thread: checker.thread, outcome: await checker.finish() };
  } finally {
    await checker.close();
  }
}

describe("startTreeChecker", () => {
  it("hashes on a worker thread, with the same verdicts as on this one", async () => {
    for (const thread of ["worker", "main"] as const) {
      const intact = await run(thread, batch());
      expect(intact).toMatchObject({
        thread,
        outcome: { size: 37, checkpoints: 2, counts: { bytes: 0, tree: 0, checkpoint: 0 }, listed: [] },
      });
      // One stored interior node altered: that node is named, not each one above it.
      const altered = await run(
        thread,
        batch((stored) => (stored.find((hash) => hash.index === storedHashCount(7) + 2)!.hash = hashLeaf(Buffer.from("x")))),
      );
      expect(altered.outcome.listed.map((item) => item.failure)).toEqual([
        expect.objectContaining({ kind: "tree", problem: "tree-altered", seq: 7 }),
      ]);
    }
  });
});
