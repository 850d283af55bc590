import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { controlHealthPeriod, quarterStart, ZDay } from "./control-health-period";

const now = new Date("2026-11-20T12:00:00.000Z");
const code = (action: () => unknown) => {
  try {
    action();
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
};

describe("controlHealthPeriod", () => {
  it("defaults to this quarter to date", () => {
    const period = controlHealthPeriod({}, now);
    expect(period).toMatchObject({ fromDay: "2026-10-01", toDay: "2026-11-20", today: "2026-11-20" });
    expect(period.days).toHaveLength(51);
    expect(period.days[0]).toBe("2026-10-01");
    expect(period.days.at(-1)).toBe("2026-11-20");
  });

  it("takes the quarter of the end day when only the end is given, and a whole last quarter", () => {
    expect(controlHealthPeriod({ to: "2026-09-30" }, now)).toMatchObject({ fromDay: "2026-07-01", toDay: "2026-09-30" });
    expect(controlHealthPeriod({ from: "2026-07-01", to: "2026-09-30" }, now).days).toHaveLength(92);
  });

  it("refuses a future end, a start after the end, and days before the history kept", () => {
    expect(code(() => controlHealthPeriod({ to: "2026-11-21" }, now))).toBe("INVALID_INPUT");
    expect(code(() => controlHealthPeriod({ from: "2026-11-10", to: "2026-11-01" }, now))).toBe("INVALID_INPUT");
    expect(controlHealthPeriod({}, now).earliestDay).toBe("2026-05-21");
    expect(code(() => controlHealthPeriod({ from: "2026-05-20" }, now))).toBe("INVALID_INPUT");
    expect(controlHealthPeriod({ from: "2026-05-21" }, now).days).toHaveLength(184);
  });

  it("quarterStart", () => {
    expect(["2026-01-01", "2026-03-31", "2026-04-01", "2026-12-31"].map(quarterStart)).toEqual([
      "2026-01-01",
      "2026-01-01",
      "2026-04-01",
      "2026-10-01",
    ]);
  });
});

describe("ZDay", () => {
  it("accepts calendar days only", () => {
    expect(ZDay.safeParse("2026-02-28").success).toBe(true);
    for (const bad of [
      "2026-02-30",
      "2026-13-01",
      "2026-1-01",
      "2026-01-01T00:00:00Z",
      "2026-01-01\u0000",
      " 2026-01-01",
      "",
      "９９９９-01-01",
    ])
      expect(ZDay.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(ZDay.safeParse(20260101).success).toBe(false);
  });
});
