import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit";

describe("createRateLimiter", () => {
  it("allows the burst, then refills at the rate", () => {
    let clock = 0;
    const limiter = createRateLimiter({ perSecond: 2, burst: 3, now: () => clock });
    expect([1, 2, 3].map(() => limiter.take("a").ok)).toEqual([true, true, true]);
    expect(limiter.take("a")).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take("b").ok).toBe(true);
    clock = 500;
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("a").ok).toBe(false);
  });

  it("checks without spending when the cost is 0", () => {
    const limiter = createRateLimiter({ perSecond: 1, burst: 1, now: () => 0 });
    expect(limiter.take("a", 0).ok).toBe(true);
    expect(limiter.take("a", 0).ok).toBe(true);
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("a", 0).ok).toBe(false);
  });

  it("keeps at most maxKeys buckets, forgetting the least recently used", () => {
    let clock = 0;
    const limiter = createRateLimiter({ perSecond: 0.001, burst: 1, maxKeys: 2, now: () => clock });
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("b").ok).toBe(true);
    clock = 1;
    expect(limiter.take("a").ok).toBe(false); // a is now the most recently used
    expect(limiter.take("c").ok).toBe(true); // evicts b
    expect(limiter.take("a").ok).toBe(false);
    expect(limiter.take("b").ok).toBe(true); // b was forgotten: a fresh bucket
  });
});
