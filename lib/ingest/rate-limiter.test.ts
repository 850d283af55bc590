import { describe, expect, it, vi } from "vitest";
import { createRateLimiter } from "./rate-limiter";

describe("rate limiter", () => {
  it("allows a burst, then refuses with Retry-After until the bucket refills", () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter({ perSecond: 2, burst: 3 });
    expect([1, 2, 3].map(() => limiter.take("t").ok)).toEqual([true, true, true]);
    expect(limiter.take("t")).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take("other").ok).toBe(true);
    vi.advanceTimersByTime(500);
    expect(limiter.take("t").ok).toBe(true);
    vi.useRealTimers();
  });
});
