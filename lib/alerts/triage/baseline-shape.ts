// Baseline against observed, where the alert's JSON has a series: daily counts against
// mean ± k·sd (volume spike), or a count against a threshold (mass download, bursts).

type TSeries = { day: string; count: number }[];
export type TBaselineShape =
  | { kind: "series"; series: TSeries; mean: number; sd: number; k: number }
  | { kind: "threshold"; count: number; threshold: number; window?: string };

const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** The chart the alert's observed and expected support, or null. Pure. */
export function baselineShapeOf(observed: unknown, expected: unknown): TBaselineShape | null {
  const o = (observed ?? {}) as Record<string, unknown>;
  const e = (expected ?? {}) as Record<string, unknown>;
  if (Array.isArray(o.series)) {
    const series = o.series
      .map((point) => point as Record<string, unknown>)
      .filter((point) => typeof point.day === "string" && num(point.count) !== null)
      .map((point) => ({ day: String(point.day), count: num(point.count)! }));
    const mean = num(e.mean);
    const sd = num(e.sd);
    if (series.length && mean !== null && sd !== null) return { kind: "series", series, mean, sd, k: num(e.k) ?? 3 };
  }
  const count = num(o.count) ?? num(o.distinct) ?? num(o.denied);
  const threshold = num(e.threshold);
  if (count !== null && threshold !== null)
    return { kind: "threshold", count, threshold, window: typeof e.window === "string" ? e.window : undefined };
  return null;
}
