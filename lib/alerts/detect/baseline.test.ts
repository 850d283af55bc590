import { describe, expect, it } from "vitest";
import { meanAndSpread, spikeThreshold } from "./baseline";

describe("meanAndSpread", () => {
  it("is the mean and population deviation, zero hours included", () => {
    expect(meanAndSpread([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, spread: 2 });
    expect(meanAndSpread([0, 0, 0, 0])).toEqual({ mean: 0, spread: 0 });
    expect(meanAndSpread([])).toEqual({ mean: 0, spread: 0 });
  });
});

describe("spikeThreshold", () => {
  it("is mean + k·spread, floored at the minimum", () => {
    expect(spikeThreshold({ mean: 10, spread: 3 }, 4, 5)).toBe(22);
    expect(spikeThreshold({ mean: 0, spread: 0 }, 4, 100)).toBe(100);
  });
});
