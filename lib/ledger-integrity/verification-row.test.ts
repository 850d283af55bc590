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

  it("keeps a failure of the expected shape", () => {
    const failure = { kind: "changed", seq: 7, message: "entry 7: its stored bytes do not hash to its leaf hash (changed)" };
    expect(toVerificationRow({ ...base, failure }, now)).toMatchObject({ id: "7", toSize: 40, fromSize: 0, state: "failed", failure });
  });

  it("still shows a failure of an unexpected shape rather than dropping it", () => {
    expect(toVerificationRow({ ...base, failure: { reason: "odd" } }, now).failure).toEqual({ kind: "unknown", message: '{"reason":"odd"}' });
  });
});
