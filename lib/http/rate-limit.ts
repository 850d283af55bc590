// Token-bucket rate limits, in this process (several web processes each enforce their own share).
// The map of buckets is bounded: a flood of distinct keys (random tokens, spoofed addresses) evicts
// the oldest buckets instead of growing memory without end.
export type TRateLimiter = {
  /** Spends `cost` (default 1) from the key's bucket; a cost of 0 only checks that one is left. */
  take: (key: string, cost?: number) => { ok: true } | { ok: false; retryAfterSeconds: number };
};

export function createRateLimiter({
  perSecond,
  burst,
  maxKeys = 10_000,
  now = Date.now,
}: {
  perSecond: number;
  burst: number;
  maxKeys?: number;
  now?: () => number;
}): TRateLimiter {
  const buckets = new Map<string, { tokens: number; updatedAt: number }>();
  return {
    take(key, cost = 1) {
      const at = now();
      const bucket = buckets.get(key) ?? { tokens: burst, updatedAt: at };
      bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.updatedAt) / 1000) * perSecond);
      bucket.updatedAt = at;
      // Re-inserting keeps the map in least-recently-used order, so eviction drops the idlest key.
      buckets.delete(key);
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
      // A cost of 0 asks "is there budget left?" without spending any.
      const needed = Math.max(cost, 1);
      if (bucket.tokens < needed) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((needed - bucket.tokens) / perSecond)) };
      bucket.tokens -= cost;
      return { ok: true };
    },
  };
}
