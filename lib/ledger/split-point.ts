/** Largest power of two strictly less than n (n >= 2): where RFC 6962 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`split point needs a tree of at least 2 leaves, got ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
