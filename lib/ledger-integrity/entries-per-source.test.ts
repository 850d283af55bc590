import { describe, expect, it } from "vitest";
import { databaseForTestFile } from "@/test/fresh-database";
import { entriesPerSource } from "./entries-per-source";
import { expectRefused, openIntegrityLedger, principals, testEvent } from "../../test/kits/integrity-test-ledger";

const ledger = databaseForTestFile(() => openIntegrityLedger({ entries: 0 }));

const now = new Date("2026-11-20T15:00:00Z");
const at = (iso: string) => new Date(iso);

describe("entriesPerSource", () => {
  it("is empty, with 30 days of zeros, for a ledger without entries", async () => {
    const result = await entriesPerSource({ principal: principals.avery, now });
    expect(result.total).toBe(0);
    expect(result.sources).toEqual([]);
    expect(result.days).toHaveLength(30);
    expect(result.days[0]).toEqual({ day: "2026-10-22", counts: [] });
    expect(result.days.at(-1)).toEqual({ day: "2026-11-20", counts: [] });
  });

  it("counts entries per UTC day and source over the last 30 days, largest source first", async () => {
    await ledger.ingest([
      testEvent({ source: "mlflow", occurredAt: at("2026-11-20T00:00:00Z") }),
      testEvent({ source: "mlflow", occurredAt: at("2026-11-20T14:59:59Z") }),
      testEvent({ source: "mlflow", occurredAt: at("2026-11-19T23:59:59.999Z") }),
      testEvent({ source: "sagemaker", occurredAt: at("2026-11-19T08:00:00Z") }),
      testEvent({ source: "sagemaker", occurredAt: at("2026-10-22T00:00:00Z") }),
      testEvent({ source: "s3", occurredAt: at("2026-11-01T12:00:00Z") }),
      // Outside the window: the day before it, and tomorrow.
      testEvent({ source: "s3", occurredAt: at("2026-10-21T23:59:59Z") }),
      testEvent({ source: "mlflow", occurredAt: at("2026-11-21T00:00:00Z") }),
    ]);
    const result = await entriesPerSource({ principal: principals.riley, now });
    expect(result.sources).toEqual(["mlflow", "sagemaker", "s3"]);
    expect(result.total).toBe(6);
    const day = (date: string) => result.days.find((row) => row.day === date)?.counts;
    expect(day("2026-11-20")).toEqual([2, 0, 0]);
    expect(day("2026-11-19")).toEqual([1, 1, 0]);
    expect(day("2026-11-01")).toEqual([0, 0, 1]);
    expect(day("2026-10-22")).toEqual([0, 1, 0]);
    expect(day("2026-11-10")).toEqual([0, 0, 0]);
    expect(result.days.reduce((sum, row) => sum + row.counts.reduce((a, b) => a + b, 0), 0)).toBe(6);
  });

  it('sums the smallest sources as "other sources" when there are more than seven', async () => {
    const sources = ["a-one", "b-two", "c-three", "d-four", "e-five", "f-six", "g-seven", "h-eight"];
    await ledger.ingest(
      sources.flatMap((source, i) => Array.from({ length: 20 - i }, () => testEvent({ source, occurredAt: at("2026-11-15T10:00:00Z") }))),
    );
    const result = await entriesPerSource({ principal: principals.avery, now });
    expect(result.sources).toEqual(["a-one", "b-two", "c-three", "d-four", "e-five", "f-six", "other sources"]);
    // mlflow (3) and the rest are smaller than f-six (15).
    expect(result.days.find((row) => row.day === "2026-11-15")?.counts).toEqual([20, 19, 18, 17, 16, 15, 14 + 13]);
  });

  it("is refused to engineers", async () => {
    await expectRefused(ledger, "FORBIDDEN", () => entriesPerSource({ principal: principals.jordan, now }));
  });
});
