import { describe, expect, it } from "vitest";

import { splitPoint } from "./split-point";

describe("splitPoint", () => {
  it("is the largest power of two strictly below n", () => {
    expect([2, 3, 4, 5, 7, 8, 9, 16, 17].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 4, 8, 8, 16]);
    expect(splitPoint(2 ** 52)).toBe(2 ** 51);
  });

  it.each([0, 1, 2.5, Number.NaN])("rejects %s", (n) => {
    expect(() => splitPoint(n)).toThrow(RangeError);
  });
});
