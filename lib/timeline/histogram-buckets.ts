// Bucket widths for the lanes chart: the smallest "round" width that keeps a window under
// about 120 buckets, so a day shows 15-minute buckets and half a year shows 2-day ones.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const bucketWidths = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
] as const;

export const maxBuckets = 120;

export function histogramBucketMs(spanMs: number): number {
  const span = Math.max(spanMs, MINUTE);
  return bucketWidths.find((width) => span / width <= maxBuckets) ?? Math.ceil(span / maxBuckets / DAY) * DAY;
}

/** "15 min", "3 h", "2 days": how wide one bucket is, for the chart's caption. */
export function describeBucket(ms: number): string {
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < DAY) return `${Math.round(ms / HOUR)} h`;
  const days = Math.round(ms / DAY);
  return days === 1 ? "1 day" : `${days} days`;
}
