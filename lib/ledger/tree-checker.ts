import { hash } from "node:crypto";
import { Worker } from "node:worker_threads";

// The hashing half of verification: leaves, the Merkle tree, the stored tree hashes and the signed
// roots. `createTreeChecker` is self-contained (no outer names, not even imports: it is also the source
// of a worker thread, so that hashing runs on the second core while the first reads and parses).

export type TTreeCheckpoint = { id: string; size: number; rootHash: Uint8Array };

export type TTreeCheckerInit = {
  fromSize: number;
  /** The complete subtrees of the tree of `fromSize` entries, largest first. */
  frontier: { level: number; hash: Uint8Array }[];
  /** Signed checkpoints larger than fromSize, smallest first, with the size and root their note signs. */
  checkpoints: TTreeCheckpoint[];
  maxListed: number;
};

/** Entries in seq order with the stored tree hashes around them: idx storedFrom … storedFrom + present.length − 1. */
export type TTreeBatch = {
  count: number;
  seqs: Float64Array;
  /** Canonical bytes of entry i: bytes[offsets[i] … offsets[i + 1]). */
  offsets: Int32Array;
  bytes: Uint8Array;
  /** The stored leafHash column, 32 bytes an entry (zeros where it is not 32 bytes long). */
  leafColumn: Uint8Array;
  storedFrom: number;
  present: Uint8Array;
  stored: Uint8Array;
  final: boolean;
};

type TListed = {
  order: number;
  failure: {
    kind: "bytes" | "tree" | "checkpoint";
    problem: string;
    seq?: number;
    throughSeq?: number;
    checkpointId?: string;
    message: string;
  };
};

export type TTreeOutcome = {
  size: number;
  checkpoints: number;
  counts: Record<"bytes" | "column" | "tree" | "checkpoint", number>;
  listed: TListed[];
};

type TCrypto = { hash: (algorithm: string, data: Uint8Array, encoding: "buffer") => Buffer };

export function createTreeChecker({ hash }: TCrypto, init: TTreeCheckerInit) {
  const counts = { bytes: 0, column: 0, tree: 0, checkpoint: 0 };
  const listed: TListed[] = [];
  const fail = (failure: TListed["failure"], order: number, weight = 1) => {
    counts[failure.kind] += weight;
    if (listed.length < init.maxListed) listed.push({ order, failure });
  };
  // null: a subtree that cannot be recomputed (entries and their tree hashes both missing).
  const frontier: { level: number; hash: Buffer | null }[] = init.frontier.map((node) => ({
    level: node.level,
    hash: Buffer.from(node.hash),
  }));
  let next = init.fromSize;
  let checkpointIndex = 0;
  // Entries after an insertion (+1) or a deletion with renumbering (−1) are the tree's leaf seq − shift.
  let shift = 0;
  let explained = -1;
  let leafScratch = Buffer.alloc(4096);
  const nodeScratch = Buffer.alloc(65);
  nodeScratch[0] = 1;
  const leafOf = (bytes: Uint8Array) => {
    if (bytes.length + 1 > leafScratch.length) {
      leafScratch = Buffer.alloc(bytes.length * 2 + 1);
    }
    leafScratch[0] = 0;
    leafScratch.set(bytes, 1);
    return hash("sha256", leafScratch.subarray(0, bytes.length + 1), "buffer");
  };
  const nodeOf = (left: Buffer, right: Buffer) => {
    left.copy(nodeScratch, 1);
    right.copy(nodeScratch, 33);
    return hash("sha256", nodeScratch, "buffer");
  };
  const countOf = (n: number) => {
    // storedHashCount: 2n − popcount(n), exact below 2^53.
    let ones = 0;
    for (let m = n; m > 0; m = Math.floor(m / 2)) ones += m % 2;
    return 2 * n - ones;
  };
  // The stored hashes of this batch and the one before (a row waits for the next row's leaf).
  let ranges: { from: number; present: Uint8Array; stored: Uint8Array }[] = [];
  const storedAt = (index: number): Buffer | null => {
    for (const range of ranges) {
      const i = index - range.from;
      if (i >= 0 && i < range.present.length && range.present[i])
        return Buffer.from(range.stored.buffer, range.stored.byteOffset + i * 32, 32);
    }
    return null;
  };
  const storedLeaf = (seq: number) => (seq >= 0 ? storedAt(countOf(seq)) : null);
  let held: { seq: number; leaf: Buffer; column: Buffer } | null = null;

  const rootOf = (): Buffer | null => {
    if (frontier.length === 0) return null;
    let root = frontier[frontier.length - 1]!.hash;
    for (let i = frontier.length - 2; i >= 0 && root; i -= 1) root = frontier[i]!.hash ? nodeOf(frontier[i]!.hash!, root) : null;
    return root;
  };

  /** Adds leaf `seq` to the tree and checks each node it completes against the stored one. */
  const push = (seq: number, leaf: Buffer | null, report: boolean) => {
    frontier.push({ level: 0, hash: leaf });
    let index = countOf(seq);
    while (frontier.length >= 2 && frontier[frontier.length - 1]!.level === frontier[frontier.length - 2]!.level) {
      const right = frontier.pop()!;
      const left = frontier.pop()!;
      const level = right.level + 1;
      index += 1;
      const computed = left.hash && right.hash ? nodeOf(left.hash, right.hash) : null;
      const expected = storedAt(index);
      const n = (seq + 1) / 2 ** level - 1;
      if (computed && !expected && report) {
        fail(
          {
            kind: "tree",
            problem: "tree-altered",
            seq,
            message: `the stored tree hash for level ${level} node ${n} (completed by entry ${seq}) is missing (tree altered)`,
          },
          seq,
        );
      } else if (computed && expected && !computed.equals(expected) && report) {
        fail(
          {
            kind: "tree",
            problem: "tree-altered",
            seq,
            message: `the stored tree hash for level ${level} node ${n} (completed by entry ${seq}) does not match the entries (tree altered)`,
          },
          seq,
        );
      }
      // Go on with what the leaves give: one altered node must not make each node above it fail.
      frontier.push({ level, hash: computed ?? expected });
    }
    next = seq + 1;
    for (; checkpointIndex < init.checkpoints.length && init.checkpoints[checkpointIndex]!.size === next; checkpointIndex += 1) {
      const checkpoint = init.checkpoints[checkpointIndex]!;
      const root = rootOf();
      if (!root || !root.equals(checkpoint.rootHash)) {
        const message = `checkpoint ${checkpoint.id} (size ${checkpoint.size}) signed a different root: entries before ${checkpoint.size} were changed since it was signed`;
        fail({ kind: "checkpoint", problem: "root-mismatch", checkpointId: checkpoint.id, message }, seq + 0.5);
      }
    }
  };

  /** One entry, knowing the leaf of the entry after it (null at the end). */
  const check = (seq: number, leaf: Buffer, column: Buffer, nextLeaf: Buffer | null) => {
    if (seq > next) {
      const message =
        seq - next === 1
          ? `entry ${next} is missing: the ledger jumps from ${next - 1} to ${seq} (deleted)`
          : `entries ${next} to ${seq - 1} are missing: the ledger jumps from ${next - 1} to ${seq} (deleted)`;
      fail({ kind: "tree", problem: "missing", seq: next, ...(seq - next > 1 ? { throughSeq: seq - 1 } : {}), message }, next, seq - next);
      while (next < seq) push(next, storedLeaf(next), false);
    }
    const stored = storedLeaf(seq);
    const bytesChanged = !leaf.equals(column);
    if (stored && leaf.equals(stored)) {
      shift = 0;
      if (bytesChanged)
        fail(
          {
            kind: "bytes",
            problem: "changed",
            seq,
            message: `entry ${seq}: its leaf hash column differs from the hash of its bytes, which the tree holds (changed)`,
          },
          seq,
        );
    } else if (bytesChanged && stored && column.equals(stored)) {
      fail(
        { kind: "bytes", problem: "changed", seq, message: `entry ${seq}: its stored bytes do not hash to its leaf hash (changed)` },
        seq,
      );
    } else if (explained === seq || (shift !== 0 && storedLeaf(seq - shift)?.equals(leaf))) {
      // Explained by the reordering, insertion or deletion already reported.
    } else if (!stored) {
      fail(
        {
          kind: "tree",
          problem: "tree-altered",
          seq,
          message: `entry ${seq} has no stored tree hash: it is not in the tree (tree altered)`,
        },
        seq,
      );
    } else {
      const treeNext = storedLeaf(seq + 1);
      if (treeNext && leaf.equals(treeNext) && nextLeaf && nextLeaf.equals(stored)) {
        explained = seq + 1;
        fail({ kind: "tree", problem: "reordered", seq, message: `entries ${seq} and ${seq + 1} are swapped (reordered)` }, seq);
      } else if (nextLeaf && nextLeaf.equals(stored)) {
        shift = 1;
        fail(
          {
            kind: "tree",
            problem: "inserted",
            seq,
            message: `entry ${seq} is not in the signed tree; the entries after it are shifted by one (inserted)`,
          },
          seq,
        );
      } else if (treeNext && leaf.equals(treeNext)) {
        shift = -1;
        fail(
          { kind: "tree", problem: "missing", seq, message: `entry ${seq} was removed and the later entries renumbered (deleted)` },
          seq,
        );
      } else {
        fail(
          { kind: "bytes", problem: "changed", seq, message: `entry ${seq} does not match the tree's leaf at its position (changed)` },
          seq,
        );
      }
    }
    // Go on with the tree's leaf: what differs from it was reported above, and an entry changed
    // without its tree hashes must not make every node above it fail too.
    push(seq, stored ?? leaf, true);
  };

  return {
    batch(batch: TTreeBatch): void {
      ranges = [...ranges.slice(-1), { from: batch.storedFrom, present: batch.present, stored: batch.stored }];
      for (let i = 0; i < batch.count; i += 1) {
        const leaf = leafOf(batch.bytes.subarray(batch.offsets[i], batch.offsets[i + 1]));
        const column = Buffer.from(batch.leafColumn.slice(i * 32, i * 32 + 32));
        if (held) check(held.seq, held.leaf, held.column, leaf);
        held = { seq: batch.seqs[i]!, leaf, column };
      }
      if (batch.final && held) {
        check(held.seq, held.leaf, held.column, null);
        held = null;
      }
    },
    finish(): TTreeOutcome {
      if (held) {
        check(held.seq, held.leaf, held.column, null);
        held = null;
      }
      return { size: next, checkpoints: checkpointIndex, counts, listed };
    },
  };
}

export type TTreeChecker = ReturnType<typeof createTreeChecker>;

// The worker's whole source. `__name` stands in for the helper that tsx's and Vitest's
// transforms insert into named functions (keepNames), which the worker would not have.
const workerSource = `"use strict";
var __name = (target) => target;
const { hash } = require("node:crypto");
const { parentPort, workerData } = require("node:worker_threads");
const createTreeChecker = ${createTreeChecker.toString()};
// A bundler's transform could leave a name this source lacks: find out on two entries, before the ledger's.
const probe = createTreeChecker({ hash }, { fromSize: 0, frontier: [], checkpoints: [], maxListed: 1 });
probe.batch({ count: 2, seqs: new Float64Array([0, 1]), offsets: new Int32Array([0, 1, 2]), bytes: new Uint8Array(2), leafColumn: new Uint8Array(64), storedFrom: 0, present: new Uint8Array(3), stored: new Uint8Array(96), final: true });
probe.finish();
const checker = createTreeChecker({ hash }, workerData);
parentPort.postMessage({ type: "ready" });
parentPort.on("message", (message) => {
  try {
    if (message.type === "batch") {
      checker.batch(message.batch);
      parentPort.postMessage({ type: "done" });
    } else {
      parentPort.postMessage({ type: "outcome", outcome: checker.finish() });
    }
  } catch (error) {
    parentPort.postMessage({ type: "error", message: error instanceof Error ? error.stack : String(error) });
  }
});`;

const batchesInFlight = 2;

type TRunningTreeChecker = { batch: (batch: TTreeBatch) => Promise<void>; finish: () => Promise<TTreeOutcome>; close: () => Promise<void> };

/**
 * A tree checker on a worker thread (`thread: "worker"`) or on this one. `batch` resolves when
 * another batch may be sent, so the reader runs at most two batches ahead of the hashing. A
 * worker that cannot start (a runtime without workers, a transform the source did not survive)
 * leaves the hashing on this thread, slower but the same.
 */
export async function startTreeChecker(
  init: TTreeCheckerInit,
  { thread }: { thread: "worker" | "main" },
): Promise<TRunningTreeChecker & { thread: "worker" | "main" }> {
  if (thread === "worker") {
    try {
      return { ...(await startWorker(init)), thread };
    } catch (error) {
      console.error(
        `[custody] verification hashes on the main thread: its worker did not start (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  const checker = createTreeChecker({ hash }, init);
  return { batch: async (batch) => checker.batch(batch), finish: async () => checker.finish(), close: async () => {}, thread: "main" };
}

async function startWorker(init: TTreeCheckerInit): Promise<TRunningTreeChecker> {
  const worker = new Worker(workerSource, { eval: true, workerData: init });
  let onReady: (message: { type: string }) => void = () => {};
  let onError: (error: Error) => void = () => {};
  let onExit: (code: number) => void = () => {};
  try {
    await new Promise<void>((resolve, reject) => {
      onReady = (message) => (message.type === "ready" ? resolve() : reject(new Error(`unexpected ${message.type}`)));
      onError = reject;
      onExit = (code) => reject(new Error(`exited (${code})`));
      worker.once("message", onReady).once("error", onError).once("exit", onExit);
    });
  } catch (error) {
    await worker.terminate().catch(() => undefined);
    throw error;
  } finally {
    // Only these: removeAllListeners would also take the Worker's own, and no message would arrive.
    worker.off("message", onReady).off("error", onError).off("exit", onExit);
  }
  const waiting: { resolve: (value: unknown) => void; reject: (error: Error) => void }[] = [];
  let failed: Error | null = null;
  const failAll = (error: Error) => {
    failed = error;
    for (const waiter of waiting.splice(0)) waiter.reject(error);
  };
  worker.on("message", (message: { type: "done" } | { type: "outcome"; outcome: TTreeOutcome } | { type: "error"; message: string }) => {
    if (message.type === "error") return failAll(new Error(`verification worker: ${message.message}`));
    waiting.shift()?.resolve(message.type === "outcome" ? message.outcome : undefined);
  });
  worker.on("error", (error) => failAll(error));
  const onClosed = (code: number) => failAll(new Error(`verification worker exited (${code})`));
  worker.on("exit", onClosed);
  const request = <T>(message: object, transfer: ArrayBuffer[] = []) => {
    if (failed) return Promise.reject(failed);
    const answer = new Promise<T>((resolve, reject) => waiting.push({ resolve: resolve as (value: unknown) => void, reject }));
    worker.postMessage(message, transfer);
    return answer;
  };
  let inFlight: Promise<unknown>[] = [];
  return {
    batch: async (batch: TTreeBatch) => {
      const transfer = [
        batch.seqs.buffer,
        batch.offsets.buffer,
        batch.bytes.buffer,
        batch.leafColumn.buffer,
        batch.present.buffer,
        batch.stored.buffer,
      ] as ArrayBuffer[];
      const done = request<void>({ type: "batch", batch }, [...new Set(transfer)]);
      done.catch(() => undefined); // awaited below or by finish
      inFlight.push(done);
      if (inFlight.length >= batchesInFlight) await inFlight.shift();
    },
    finish: async () => {
      await Promise.all(inFlight);
      inFlight = [];
      return request<TTreeOutcome>({ type: "finish" });
    },
    close: async () => {
      worker.off("exit", onClosed);
      await worker.terminate();
    },
  };
}
