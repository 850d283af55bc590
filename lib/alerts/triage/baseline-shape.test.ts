import { describe, expect, it } from "vitest";
import { baselineShapeOf } from "./baseline-shape";

describe("baselineShapeOf", () => {
  it("reads a daily series against mean ± k·sd (k defaults to 3)", () => {
    expect(
      baselineShapeOf(
        {
          series: [
            { day: "2026-12-01", count: 3 },
            { day: "2026-12-02", count: 20 },
          ],
        },
        { mean: 4, sd: 1 },
      ),
    ).toEqual({
      kind: "series",
      series: [
        { day: "2026-12-01", count: 3 },
        { day: "2026-12-02", count: 20 },
      ],
      mean: 4,
      sd: 1,
      k: 3,
    });
  });

  it("reads a count against a threshold", () => {
    expect(baselineShapeOf({ count: 14 }, { threshold: 10, window: "1h" })).toEqual({
      kind: "threshold",
      count: 14,
      threshold: 10,
      window: "1h",
    });
  });

  it("draws nothing for shapes it does not know, or for values that are not finite numbers", () => {
    expect(baselineShapeOf({ digest: "ab" }, { registeredDigests: [] })).toBeNull();
    expect(baselineShapeOf({ count: "14" }, { threshold: 10 })).toBeNull();
    expect(baselineShapeOf({ series: [{ day: "x", count: Number.NaN }] }, { mean: 1, sd: 1 })).toBeNull();
    expect(baselineShapeOf(null, null)).toBeNull();
  });
});
