/** Mean and (population) standard deviation of hourly counts, zeros included. */
export function meanAndSpread(counts: number[]): { mean: number; spread: number } {
  if (counts.length === 0) return { mean: 0, spread: 0 };
  const mean = counts.reduce((sum, count) => sum + count, 0) / counts.length;
  const variance = counts.reduce((sum, count) => sum + (count - mean) ** 2, 0) / counts.length;
  return { mean, spread: Math.sqrt(variance) };
}

/** The count above which an hour is a spike: mean + k·spread, and never below `minEvents`. */
export function spikeThreshold(baseline: { mean: number; spread: number }, deviations: number, minEvents: number): number {
  return Math.max(minEvents, baseline.mean + deviations * baseline.spread);
}
