/** An entry as the windowed detectors remember it: when it happened and its place in the ledger. */
export type TSighting = { at: number; seq: bigint };
type TBucket = { earliest: TSighting; latest: TSighting; first: TSighting };

/**
 * One subject's entries (an actor's reads, an actor's sensitive actions on an artifact…) summed
 * up per key and per time bucket: the earliest, the latest and the first-by-seq entry of each.
 * With buckets at most half the window long, that answers "did this key occur within [low, high]"
 * exactly for any span of at least a bucket, and names the same entries whichever order they were
 * remembered in (not always the span's first by seq: one of its entries, the same every time): the memory grows with the keys and the time covered, not with how often each
 * key occurs.
 */
export class ReadBuckets {
  /** Every entry of the subject from this time on (seq below the batch judged) is remembered. */
  from: number;
  latestAt: number;
  readonly keys = new Map<string, Map<number, TBucket>>();

  constructor(
    readonly bucketMs: number,
    from: number,
  ) {
    this.from = from;
    this.latestAt = from;
  }

  bucketOf(at: number): number {
    return Math.floor(at / this.bucketMs);
  }

  remember(key: string, sighting: TSighting) {
    if (sighting.at < this.from) return;
    if (sighting.at > this.latestAt) this.latestAt = sighting.at;
    let buckets = this.keys.get(key);
    if (!buckets) this.keys.set(key, (buckets = new Map()));
    const bucket = this.bucketOf(sighting.at);
    const summary = buckets.get(bucket);
    if (!summary) return void buckets.set(bucket, { earliest: sighting, latest: sighting, first: sighting });
    if (sighting.at < summary.earliest.at || (sighting.at === summary.earliest.at && sighting.seq < summary.earliest.seq))
      summary.earliest = sighting;
    if (sighting.at > summary.latest.at || (sighting.at === summary.latest.at && sighting.seq < summary.latest.seq))
      summary.latest = sighting;
    if (sighting.seq < summary.first.seq) summary.first = sighting;
  }

  /**
   * Some of the key's entries within [low, high]: none exactly when it has none there (for a span
   * of at least a bucket), and the same ones whatever order they were remembered in.
   */
  within(key: string, low: number, high: number): TSighting[] {
    const found: TSighting[] = [];
    const buckets = this.keys.get(key);
    if (!buckets) return found;
    for (let bucket = this.bucketOf(low); bucket <= this.bucketOf(high); bucket++) {
      const summary = buckets.get(bucket);
      if (!summary) continue;
      for (const sighting of [summary.first, summary.earliest, summary.latest])
        if (sighting.at >= low && sighting.at <= high) found.push(sighting);
    }
    return found;
  }

  /** Forgets the buckets wholly before `at`: nothing judged later may look that far back. */
  forgetBefore(at: number) {
    const horizon = this.bucketOf(at);
    if (this.bucketOf(this.from) >= horizon) return;
    for (const [key, buckets] of this.keys) {
      for (const bucket of buckets.keys()) if (bucket < horizon) buckets.delete(bucket);
      if (buckets.size === 0) this.keys.delete(key);
    }
    this.from = horizon * this.bucketMs;
  }
}

/** The first seq among sightings. */
export function firstSeq(sightings: TSighting[]): bigint {
  return sightings.reduce((first, sighting) => (sighting.seq < first ? sighting.seq : first), sightings[0]!.seq);
}

/**
 * Makes every subject in `needed` remembered from (at most) its time on: subjects not in memory,
 * or remembered from later, have the missing span read from the ledger (`load`, rows with seq
 * below the batch and occurredAt from the earliest time asked) and remembered.
 */
export async function reachBack<T extends { occurredAt: Date }>({
  memory,
  needed,
  bucketMs,
  load,
  subjectOf,
  remember,
}: {
  memory: Map<string, ReadBuckets>;
  needed: Map<string, number>;
  bucketMs: number;
  load: (subjects: string[], from: Date) => Promise<T[]>;
  subjectOf: (row: T) => string;
  remember: (buckets: ReadBuckets, row: T) => void;
}) {
  const missing = new Map<string, { from: number; until: number }>();
  for (const [subject, at] of needed) {
    const from = Math.floor(at / bucketMs) * bucketMs;
    const known = memory.get(subject);
    if (!known || known.from > from) missing.set(subject, { from, until: known?.from ?? Number.POSITIVE_INFINITY });
  }
  if (missing.size === 0) return;
  const rows = await load([...missing.keys()], new Date(Math.min(...[...missing.values()].map((span) => span.from))));
  for (const [subject, span] of missing) {
    const known = memory.get(subject);
    if (known) known.from = span.from;
    else memory.set(subject, new ReadBuckets(bucketMs, span.from));
  }
  for (const row of rows) {
    const span = missing.get(subjectOf(row));
    const at = row.occurredAt.getTime();
    if (span && at >= span.from && at < span.until) remember(memory.get(subjectOf(row))!, row);
  }
}
