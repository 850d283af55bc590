import { describe, expect, it } from "vitest";
import { histogramBucketMs } from "./histogram-buckets";
import { decodeCursor, encodeCursor, isCursorPosition } from "./keyset-cursor";
import { parseTimelineFilters, resolveTimelineWindow, timelineFilterValues } from "./timeline-filters";

describe("keyset cursor", () => {
  it("round-trips the position of the last row, to the millisecond and the full seq", () => {
    const cursor = { occurredAt: new Date("2026-11-28T03:43:15.123Z"), seq: BigInt("9007199254740993") };
    const text = encodeCursor(cursor);
    expect(text).toBe("1795837395123_9007199254740993");
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it("refuses anything it did not write", () => {
    for (const text of [
      "",
      "1_",
      "_1",
      "1.5_2",
      "-1_2",
      "1_-2",
      "abc_1",
      "1_2_3",
      "1 _2",
      "1_99999999999999999999",
      "1_9223372036854775808",
      "999999999999999_1",
      "253402300800000_1",
    ]) {
      expect(decodeCursor(text), text).toBeNull();
    }
    // The last instant PostgreSQL and the filters accept, and the largest int8.
    expect(decodeCursor("253402300799999_9223372036854775807")).toEqual({
      occurredAt: new Date("9999-12-31T23:59:59.999Z"),
      seq: BigInt("9223372036854775807"),
    });
    expect(isCursorPosition({ occurredAt: new Date("0000-01-01T00:00:00Z"), seq: BigInt(1) })).toBe(false);
    expect(isCursorPosition({ occurredAt: new Date(Number.NaN), seq: BigInt(1) })).toBe(false);
    expect(isCursorPosition({ occurredAt: new Date(0), seq: BigInt("9999999999999999999") })).toBe(false);
    expect(() => encodeCursor({ occurredAt: new Date(-1), seq: BigInt(1) })).toThrow(RangeError);
    expect(() => encodeCursor({ occurredAt: new Date(0), seq: BigInt(-1) })).toThrow(RangeError);
  });
});

describe("timeline filters in the URL", () => {
  const now = new Date("2026-12-01T12:00:00Z");

  it("reads presets, custom ranges and filters, and writes them back unchanged", () => {
    const { filters, ignored } = parseTimelineFilters({
      window: "7d",
      outcome: "denied",
      interface: "storage",
      action: "model_version.",
      q: "  hotfix ",
      version: "3",
    });
    expect(ignored).toEqual([]);
    expect(resolveTimelineWindow(filters, now)).toEqual({ window: "7d", from: new Date("2026-11-24T12:00:00Z"), to: null });
    expect(timelineFilterValues(filters)).toEqual({
      window: "7d",
      outcome: "denied",
      interface: "storage",
      action: "model_version.",
      q: "hotfix",
      version: "3",
    });
    const custom = parseTimelineFilters(new URLSearchParams("from=2026-11-25T02:00:00Z&to=2026-11-25T05:00:00Z&window=30d")).filters;
    expect(resolveTimelineWindow(custom, now)).toEqual({
      window: "custom",
      from: new Date("2026-11-25T02:00:00Z"),
      to: new Date("2026-11-25T05:00:00Z"),
    });
    expect(resolveTimelineWindow({}, now).window).toBe("30d");
    expect(resolveTimelineWindow({ window: "all" }, now)).toEqual({ window: "all", from: null, to: null });
  });

  it("drops what it cannot read and says why, keeping the rest", () => {
    const { filters, ignored } = parseTimelineFilters({
      outcome: "maybe",
      interface: "storage",
      from: "yesterday",
      version: "v3",
      actor: "",
    });
    expect(filters).toEqual({ interface: "storage" });
    expect(ignored.map((issue) => issue.field).sort()).toEqual(["from", "outcome", "version"]);
    const reversed = parseTimelineFilters({ from: "2026-11-25T05:00:00Z", to: "2026-11-25T02:00:00Z" });
    expect(reversed.ignored.map((issue) => issue.field)).toEqual(["to"]);
  });
});

describe("histogram buckets", () => {
  it("keeps every window under about 120 round buckets", () => {
    expect(histogramBucketMs(86_400_000)).toBe(15 * 60_000);
    expect(histogramBucketMs(7 * 86_400_000)).toBe(3_600_000 * 3);
    expect(histogramBucketMs(180 * 86_400_000)).toBe(2 * 86_400_000);
    expect(histogramBucketMs(0)).toBe(60_000);
    expect((3650 * 86_400_000) / histogramBucketMs(3650 * 86_400_000)).toBeLessThanOrEqual(120);
  });
});
