import { describe, expect, it } from "vitest";
import { instantSchema, parseRfc3339, ZInstant } from "./instant";

describe("RFC 3339 instants", () => {
  it.each([
    ["2026-11-28T09:30:00Z", Date.UTC(2026, 10, 28, 9, 30)],
    ["2026-11-28T10:30:00.250+01:00", Date.UTC(2026, 10, 28, 9, 30, 0, 250)],
    ["2024-02-29T00:00:00-05:30", Date.UTC(2024, 1, 29, 5, 30)],
    ["2000-02-29T23:59:59.999999999Z", Date.UTC(2000, 1, 29, 23, 59, 59, 999)],
  ])("reads %s", (text, ms) => {
    expect(parseRfc3339(text)).toBe(ms);
  });

  // Each of these Date.parse reads, rolls over or refuses in its own way; none names a real instant here.
  it.each([
    "2026-02-30T00:00:00Z",
    "2025-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z",
    "2026-04-31T00:00:00Z",
    "2026-13-01T00:00:00Z",
    "2026-00-10T00:00:00Z",
    "2026-01-00T00:00:00Z",
    "2026-01-01T24:00:00Z",
    "2026-01-01T23:60:00Z",
    "2026-01-01T23:59:60Z",
    "2026-01-01T00:00:00+24:00",
    "2026-01-01T00:00:00+01:60",
    "2026-01-01T00:00Z",
    "2026-01-01 00:00:00Z",
    "2026-01-01T00:00:00",
    "2026-01-01",
    "+275760-09-13T00:00:00Z",
    "yesterday",
    "",
  ])("refuses %j", (text) => {
    expect(parseRfc3339(text)).toBeNull();
  });

  it("accepts 1970 to 9999 in queries, naming the bound it passed", () => {
    expect(ZInstant.parse("1970-01-01T00:00:00Z")).toBe("1970-01-01T00:00:00Z");
    expect(ZInstant.parse("9999-12-31T23:59:59Z")).toBe("9999-12-31T23:59:59Z");
    expect(ZInstant.safeParse("0000-01-01T00:00:00Z").error?.issues[0]?.message).toBe("not before 1970-01-01T00:00:00Z");
    expect(ZInstant.safeParse("9999-12-31T23:59:59-01:00").error?.issues[0]?.message).toBe("not after 9999-12-31T23:59:59Z");
    expect(ZInstant.safeParse("2026-02-30T00:00:00Z").error?.issues[0]?.message).toMatch(/RFC 3339/);
    expect(ZInstant.safeParse(20261128).error?.issues[0]?.message).toMatch(/RFC 3339/);
  });

  it("takes other bounds", () => {
    const schema = instantSchema({ notBefore: "2000-01-01T00:00:00Z", notAfter: "2100-01-01T00:00:00Z" });
    expect(schema.safeParse("1999-12-31T23:59:59.999Z").error?.issues[0]?.message).toBe("not before 2000-01-01T00:00:00Z");
    expect(schema.safeParse("2000-01-01T01:00:00+01:00").success).toBe(true);
  });
});
