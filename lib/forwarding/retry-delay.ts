/**
 * How long to wait before attempt `attempt + 1` after `attempt` failed: exponential from `baseMs`
 * (base, 2×, 4×…, capped at an hour), with "equal jitter" (half fixed, half random) so receivers
 * that come back are not hit by every sender at once.
 */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
