import { describe, expect, it } from "vitest";
import { ZAccessAtParams, ZInstant, toUtcInputValue } from "./point-in-time-params";

describe("point-in-time parameters", () => {
  it("reads datetime-local values as UTC and RFC 3339 times as given", () => {
    expect(ZInstant.parse("2026-11-25T03:12")).toEqual(new Date("2026-11-25T03:12:00Z"));
    expect(ZInstant.parse("2026-11-25T03:12:45")).toEqual(new Date("2026-11-25T03:12:45Z"));
    expect(ZInstant.parse("2026-11-25T04:12:00+01:00")).toEqual(new Date("2026-11-25T03:12:00Z"));
    expect(ZInstant.parse("2026-11-25T03:43:15.123Z")).toEqual(new Date("2026-11-25T03:43:15.123Z"));
    expect(toUtcInputValue(new Date("2026-11-25T03:12:59.999Z"))).toBe("2026-11-25T03:12");
  });

  it("refuses what is not a time, or is ambiguous about its zone", () => {
    for (const value of ["", "yesterday", "2026-11-25", "2026-11-25 03:12", "1999-01-01T00:00", "2026-13-01T00:00"])
      expect(ZInstant.safeParse(value).success, value).toBe(false);
  });

  it("falls back to no time and a 24-hour window when the address holds nonsense", () => {
    expect(ZAccessAtParams.parse({ at: "soon", window: "5" })).toEqual({ at: undefined, window: "24" });
    expect(ZAccessAtParams.parse({ at: "2026-11-25T03:12", window: "1" })).toEqual({ at: new Date("2026-11-25T03:12:00Z"), window: "1" });
  });
});
