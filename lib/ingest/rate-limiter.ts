// Per-token request rate limit (token bucket), in this process. Enough to stop one runaway
// producer from starving the others; several web processes each enforce their own share.
export type TRateLimiter = { take: (key: string) => { ok: true } | { ok: false; retryAfterSeconds: number } };

export function createRateLimiter({ perSecond, burst }: { perSecond: number; burst: number }): TRateLimiter {
  const buckets = new Map<string, { tokens: number; updatedAt: number }>();
  return {
    take(key) {
      const now = Date.now();
      const bucket = buckets.get(key) ?? { tokens: burst, updatedAt: now };
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond);
      bucket.updatedAt = now;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) };
      bucket.tokens -= 1;
      return { ok: true };
    },
  };
}
