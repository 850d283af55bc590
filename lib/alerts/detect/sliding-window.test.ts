import { describe, expect, it } from "vitest";
import type { TDetectEntry } from "./detector";
import { windowsOf } from "./sliding-window";

const entry = (seq: number, minute: number, key = String(seq)): TDetectEntry => ({
  seq: BigInt(seq),
  eventId: `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
  occurredAt: new Date(Date.UTC(2026, 0, 1, 0, minute)),
  sourceSystem: "s3",
  action: "object.get",
  actorId: "a",
  actorType: "user",
  actorDisplay: null,
  actorOnBehalfOf: null,
  artifactId: key,
  digest: null,
  environment: null,
  outcome: "success",
  tokenId: null,
  submittedBy: "system:test",
  sourceIp: null,
  userAgent: null,
});

describe("windowsOf", () => {
  it("finds the busiest window holding the entry, before or after it in time", () => {
    const pool = [entry(0, 0), entry(1, 5), entry(2, 9), entry(3, 30)];
    const windows = windowsOf(pool, pool, 10 * 60_000);
    expect(windows.get(2n)!.map((item) => item.seq)).toEqual([0n, 1n, 2n]);
    expect(windows.get(3n)!.map((item) => item.seq)).toEqual([3n]);
  });

  it("counts only entries with a seq up to the judged one, so delivery order cannot change a verdict later", () => {
    // Delivered newest first: the oldest event arrives last and is the one that sees the burst.
    const pool = [entry(0, 9), entry(1, 5), entry(2, 0)];
    const windows = windowsOf(pool, pool, 10 * 60_000);
    expect(windows.get(0n)!.length).toBe(1);
    expect(windows.get(1n)!.length).toBe(2);
    expect(windows.get(2n)!.map((item) => item.seq)).toEqual([2n, 1n, 0n]);
  });

  it("measures distinct keys when asked", () => {
    const pool = [entry(0, 0, "x"), entry(1, 1, "x"), entry(2, 2, "y"), entry(3, 20, "z"), entry(4, 21, "w"), entry(5, 22, "v")];
    const windows = windowsOf(pool, pool, 5 * 60_000, (item) => item.artifactId!);
    expect(new Set(windows.get(5n)!.map((item) => item.artifactId)).size).toBe(3);
    expect(new Set(windows.get(2n)!.map((item) => item.artifactId)).size).toBe(2);
  });
});
