import { describe, expect, it } from "vitest";
import { firstSeq, ReadBuckets, type TSighting } from "./read-buckets";
import { warmState } from "./warm-state";
import type { TDetectEntry } from "./detector";

// The summed-up memory must answer exactly what the entries themselves would whether a key
// occurred within a span of at least a bucket, and name the same entries of it whatever order the
// entries were remembered in (so a verdict and its evidence do not depend on the batches).

function random(seed: number) {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

describe("ReadBuckets", () => {
  it("answers 'within [low, high]' exactly and names the same entries in any order of remembering", () => {
    const next = random(7);
    const windowMs = 600_000;
    const sightings: (TSighting & { key: string })[] = Array.from({ length: 400 }, (_, i) => ({
      key: `k${Math.floor(next() * 5)}`,
      at: Math.floor(next() * 20 * windowMs),
      seq: BigInt(i),
    }));
    const inOrder = new ReadBuckets(windowMs / 2, 0);
    const shuffled = new ReadBuckets(windowMs / 2, 0);
    for (const s of sightings) inOrder.remember(s.key, s);
    for (const s of [...sightings].sort(() => next() - 0.5)) shuffled.remember(s.key, s);
    for (let probe = 0; probe < 2_000; probe++) {
      const key = `k${Math.floor(next() * 5)}`;
      const low = Math.floor(next() * 20 * windowMs) - windowMs;
      const high = low + windowMs + Math.floor(next() * windowMs);
      const truth = sightings.filter((s) => s.key === key && s.at >= low && s.at <= high);
      const [a, b] = [inOrder.within(key, low, high), shuffled.within(key, low, high)];
      expect(a.length > 0).toBe(truth.length > 0);
      expect(a).toEqual(b);
      for (const found of a) expect(truth).toContainEqual({ key, ...found });
      if (truth.length) expect(firstSeq(a)).toBe(firstSeq(b));
    }
  });

  it("forgets whole buckets behind a horizon and says from when it remembers", () => {
    const memory = new ReadBuckets(100, 0);
    memory.remember("a", { at: 50, seq: 1n });
    memory.remember("a", { at: 450, seq: 2n });
    memory.forgetBefore(420);
    expect(memory.from).toBe(400);
    expect(memory.within("a", 0, 1_000).map((s) => s.seq)).toEqual([2n, 2n, 2n]);
    memory.remember("a", { at: 10, seq: 3n });
    expect(memory.within("a", 0, 399)).toEqual([]);
  });
});

describe("warmState", () => {
  const entry = (seq: bigint, eventId: string) => ({ seq, eventId }) as TDetectEntry;

  it("hands the state on only to the batch that follows, in the same ledger and settings", () => {
    const memory = warmState<string[]>();
    const first = { orgId: "o", entries: [entry(0n, "e0"), entry(1n, "e1")], previousEventId: null };
    const state = memory.take(first, "s", () => []);
    state.push("seen");
    memory.keep(first, "s", state);
    const follows = { orgId: "o", entries: [entry(2n, "e2")], previousEventId: "e1" };
    expect(memory.take(follows, "s", () => [])).toEqual(["seen"]);
    // Taken: a second take (the batch failed, nothing was kept) starts afresh.
    expect(memory.take(follows, "s", () => [])).toEqual([]);
    memory.keep(first, "s", ["seen"]);
    // Another ledger (same seqs, another event before), other settings, a gap: afresh.
    expect(memory.take({ ...follows, previousEventId: "other" }, "s", () => [])).toEqual([]);
    memory.keep(first, "s", ["seen"]);
    expect(memory.take(follows, "t", () => [])).toEqual([]);
    memory.keep(first, "s", ["seen"]);
    expect(memory.take({ orgId: "o", entries: [entry(3n, "e3")], previousEventId: "e2" }, "s", () => [])).toEqual([]);
  });
});
