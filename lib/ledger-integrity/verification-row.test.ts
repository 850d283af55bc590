import { describe, expect, it } from "vitest";
import { describeTrigger, toVerificationRow, verificationState } from "./verification-row";

const now = new Date("2026-11-20T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe("verificationState", () => {
  it("tells running from abandoned by the 10-minute limit, and reads the verdict of finished runs", () => {
    expect(verificationState({ startedAt: minutesAgo(9.9), finishedAt: null, ok: null }, now)).toBe("running");
    expect(verificationState({ startedAt: minutesAgo(10.1), finishedAt: null, ok: null }, now)).toBe("abandoned");
    expect(verificationState({ startedAt: minutesAgo(2), finishedAt: minutesAgo(1), ok: true }, now)).toBe("passed");
    expect(verificationState({ startedAt: minutesAgo(2), finishedAt: minutesAgo(1), ok: false }, now)).toBe("failed");
    expect(verificationState({ startedAt: minutesAgo(2), finishedAt: minutesAgo(1), ok: null }, now)).toBe("error");
  });
});

describe("describeTrigger", () => {
  it("names scheduled and manual runs, and shows anything else as stored", () => {
    expect(describeTrigger("schedule")).toEqual({ kind: "schedule", label: "Scheduled" });
    expect(describeTrigger("schedule:incremental")).toEqual({ kind: "schedule", label: "Scheduled · incremental" });
    expect(describeTrigger("manual:Morgan Lee")).toEqual({ kind: "manual", label: "Manual · Morgan Lee" });
    expect(describeTrigger("cli")).toEqual({ kind: "other", label: "cli" });
  });
});

describe("toVerificationRow", () => {
  const base = { id: 7n, trigger: "schedule", startedAt: minutesAgo(2), finishedAt: minutesAgo(1), fromSize: 0n, toSize: 40n, ok: false };

  it("keeps a failure with its counts and listed failures", () => {
    const first = {
      kind: "column",
      problem: "changed",
      seq: 7,
      column: "environment",
      message: "entry 7: column environment differs from the hashed record (changed)",
    };
    const later = {
      kind: "tree",
      problem: "missing",
      seq: 30,
      throughSeq: 31,
      message: "entries 30 to 31 are missing: the ledger jumps from 29 to 32 (deleted)",
    };
    const failure = {
      ...first,
      message: "3 failures (1 column, 2 tree); the first: …",
      total: 3,
      counts: { bytes: 0, column: 1, tree: 2, checkpoint: 0 },
      failures: [first, later],
    };
    expect(toVerificationRow({ ...base, failure }, now)).toMatchObject({ id: "7", toSize: 40, fromSize: 0, state: "failed", failure });
  });

  it("reads a failure recorded before every failure was reported as its only known one, under today's kinds", () => {
    const bytes = { kind: "changed", seq: 7, message: "entry 7: its stored bytes do not hash to its leaf hash (changed)" };
    expect(toVerificationRow({ ...base, failure: bytes }, now).failure).toEqual({
      ...bytes,
      kind: "bytes",
      problem: "changed",
      total: null,
      counts: null,
      failures: [{ ...bytes, kind: "bytes", problem: "changed" }],
    });
    const column = { kind: "changed", seq: 12, message: "entry 12: column actorId differs from the hashed record (changed)" };
    expect(toVerificationRow({ ...base, failure: column }, now).failure).toMatchObject({
      kind: "column",
      problem: "changed",
      column: "actorId",
      seq: 12,
      counts: null,
    });
    expect(
      toVerificationRow({ ...base, failure: { kind: "reordered", seq: 30, message: "entries 30 and 31 are swapped (reordered)" } }, now)
        .failure,
    ).toMatchObject({ kind: "tree", problem: "reordered" });
    expect(toVerificationRow({ ...base, failure: { kind: "bad-signature", checkpointId: "4", message: "…" } }, now).failure).toMatchObject({
      kind: "checkpoint",
      problem: "bad-signature",
    });
    expect(
      toVerificationRow(
        { ...base, failure: { kind: "changed", checkpointId: "4", message: "checkpoint 4 (size 25) signed a different root" } },
        now,
      ).failure,
    ).toMatchObject({ kind: "checkpoint" });
    expect(toVerificationRow({ ...base, ok: null, failure: { kind: "error", message: "could not finish" } }, now).failure).toMatchObject({
      kind: "error",
      failures: [],
    });
  });

  it("still shows a failure of an unexpected shape rather than dropping it", () => {
    expect(toVerificationRow({ ...base, failure: { reason: "odd" } }, now).failure).toEqual({
      kind: "unknown",
      message: '{"reason":"odd"}',
      total: null,
      counts: null,
      failures: [],
    });
  });
});
