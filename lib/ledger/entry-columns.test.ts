import { describe, expect, it } from "vitest";
import { deriveEntryColumns, storedFormMs, storedTimestamp } from "./entry-columns";
import type { TLedgerRecord } from "./ledger-record";

describe("storedTimestamp", () => {
  it("gives what the timestamp(3) column stores, as toISOString does, for every form a sender may use", () => {
    for (const value of [
      "2026-11-01T00:00:00.000Z",
      "2024-02-29T23:59:59.999Z",
      "2026-11-01T02:00:00.123+02:00",
      "2026-11-01T00:00:00Z",
      "2026-11-01T00:00:00.123456Z",
      "0050-01-01T00:00:00.000Z",
      "9999-12-31T23:59:59.999Z",
    ]) {
      expect(storedTimestamp(value)).toBe(new Date(value).toISOString());
    }
  });

  it("does not take an impossible date in the stored form for itself: it does what Date does with it", () => {
    const slow = (value: string) => {
      try {
        return new Date(value).toISOString();
      } catch (error) {
        return error instanceof Error ? error.name : "?";
      }
    };
    const fast = (value: string) => {
      try {
        return storedTimestamp(value);
      } catch (error) {
        return error instanceof Error ? error.name : "?";
      }
    };
    for (const value of [
      "2026-02-29T00:00:00.000Z",
      "2026-02-30T00:00:00.000Z",
      "2026-13-01T00:00:00.000Z",
      "2026-11-01T24:00:00.000Z",
      "2026-11-01T00:60:00.000Z",
    ]) {
      expect(fast(value)).toBe(slow(value));
      expect(fast(value)).not.toBe(value);
    }
  });

  it("reads the stored form as milliseconds, and leaves other forms to text comparison", () => {
    expect(storedFormMs("2026-11-01T00:00:00.123Z")).toBe(Date.UTC(2026, 10, 1, 0, 0, 0, 123));
    expect(storedFormMs("0050-01-01T00:00:00.000Z")).toBeNull();
    expect(storedFormMs("2026-11-01T00:00:00Z")).toBeNull();
  });
});

describe("deriveEntryColumns", () => {
  it("derives every indexed column from the hashed record, the eventId lower-cased as the uuid column stores it", () => {
    const record: TLedgerRecord = {
      schemaVersion: 1,
      eventId: "0B5E4A4C-8E1B-4C39-9F0A-6E3C1D2B7A10",
      occurredAt: "2026-11-01T01:00:00+01:00",
      recordedAt: "2026-11-02T00:00:00.000Z",
      source: { system: "mlflow" },
      interface: "registry",
      action: "model_version.download",
      actor: { id: "svc-1", type: "service", display: "trainer\u0000 bot" },
      target: { artifactId: "art_1", digest: "ab".repeat(32), environment: "prod" },
      outcome: { status: "success" },
      network: { sourceIp: "10.0.0.1", userAgent: "boto3\u0000/1.34" },
      submittedBy: { type: "service_account", id: "sa_1", tokenId: "tok_1" },
    };
    expect(deriveEntryColumns(record)).toEqual({
      eventId: "0b5e4a4c-8e1b-4c39-9f0a-6e3c1d2b7a10",
      schemaVersion: 1,
      occurredAt: "2026-11-01T00:00:00.000Z",
      recordedAt: "2026-11-02T00:00:00.000Z",
      sourceSystem: "mlflow",
      interface: "registry",
      action: "model_version.download",
      actorId: "svc-1",
      actorType: "service",
      actorDisplay: "trainer\uFFFD bot",
      actorOnBehalfOf: null,
      artifactId: "art_1",
      digest: "ab".repeat(32),
      environment: "prod",
      outcome: "success",
      submittedBy: "service_account:sa_1",
      tokenId: "tok_1",
      sourceIp: "10.0.0.1",
      userAgent: "boto3\uFFFD/1.34",
    });
    expect(deriveEntryColumns({ ...record, network: { sourceIp: 7 as unknown as string } })).toMatchObject({
      sourceIp: null,
      userAgent: null,
    });
  });
});
