import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ZServerEnv } from "./env";

const skew = ZServerEnv.shape.CUSTODY_INGEST_MAX_FUTURE_SKEW;

describe("CUSTODY_INGEST_MAX_FUTURE_SKEW", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("is a duration up to a day, 5 minutes by default", () => {
    expect(skew.parse(undefined)).toBe(300);
    expect(skew.parse("30s")).toBe(30);
    expect(skew.parse("2h")).toBe(7200);
    expect(skew.parse("0")).toBe(0);
    expect(skew.safeParse("2d").error?.issues[0]?.message).toBe("a duration up to 1d, such as 5m");
    expect(skew.safeParse("soon").error?.issues[0]?.message).toMatch(/a duration such as 8h/);
  });

  it("is read once, and a wrong value names the variable", async () => {
    vi.stubEnv("CUSTODY_INGEST_MAX_FUTURE_SKEW", "1h");
    const env = await import("./env");
    expect(env.ingestMaxFutureSkewSeconds()).toBe(3600);
    vi.stubEnv("CUSTODY_INGEST_MAX_FUTURE_SKEW", "5m");
    expect(env.ingestMaxFutureSkewSeconds()).toBe(3600);

    vi.resetModules();
    vi.stubEnv("CUSTODY_INGEST_MAX_FUTURE_SKEW", "a week");
    const wrong = await import("./env");
    expect(() => wrong.ingestMaxFutureSkewSeconds()).toThrow(/Invalid configuration:\n {2}CUSTODY_INGEST_MAX_FUTURE_SKEW: a duration such as/);
  });

  it("is what ingest allows ahead of its clock", async () => {
    vi.stubEnv("CUSTODY_INGEST_MAX_FUTURE_SKEW", "1h");
    const { parseEventBatch } = await import("@/lib/ingest/parse-event-batch");
    const now = new Date("2026-12-01T12:00:00Z");
    const event = (occurredAt: string) => ({ schemaVersion: 1, eventId: randomUUID(), occurredAt, source: { system: "s" }, interface: "api", action: "a.b", actor: { id: "x", type: "user" }, outcome: { status: "success" } });
    expect(parseEventBatch(Buffer.from(JSON.stringify(event("2026-12-01T12:59:59Z"))), "application/json", { now })).toHaveLength(1);
    expect(() => parseEventBatch(Buffer.from(JSON.stringify(event("2026-12-01T13:00:01Z"))), "application/json", { now })).toThrow(/1 of 1 events are invalid/);
  });
});
