import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { DAY_MS, HOUR_MS, isCustodyInternal, type TDetectEntry, type TDetector, type TFinding } from "../detector";
import { meanAndSpread, spikeThreshold } from "../baseline";
import { maxDate, minDate } from "../read-history";
import { keptAcrossBatches } from "../warm-state";

const hourOf = (date: Date) => Math.floor(date.getTime() / HOUR_MS) * HOUR_MS;
const counted = (entry: TDetectEntry) => !isCustodyInternal(entry) && entry.artifactId !== null;

/**
 * An hour (UTC) with more events on an artifact than mean + k·spread of its own hourly counts over
 * the previous `baselineDays` (quiet hours count as zero). Counts before the batch come from the
 * ledger's (orgId, artifactId, occurredAt) index; the batch is added entry by entry in seq order.
 */
export const volumeSpike: TDetector<"volume_spike"> = {
  key: "volume_spike",
  async judge({ client, orgId, entries, previousEventId, settings }) {
    const judged = entries.filter(counted);
    if (judged.length === 0) {
      // Nothing counted in this batch: the cache stays valid past it.
      if (cache && cache.orgId === orgId && cache.asOfSeq === entries[0]!.seq && cache.lastEventId === previousEventId) {
        cache.asOfSeq = entries[entries.length - 1]!.seq + 1n;
        cache.lastEventId = entries[entries.length - 1]!.eventId;
      }
      return [];
    }
    const baselineMs = settings.baselineDays * DAY_MS;
    const from = hourOf(minDate(judged.map((entry) => entry.occurredAt))) - baselineMs;
    const artifactIds = [...new Set(judged.map((entry) => entry.artifactId!))];
    const counts = await hourlyCounts(client, orgId, entries[0]!.seq, previousEventId, from);
    const missing = artifactIds.filter((id) => !counts.firstSeen.has(id));
    if (missing.length) {
      const firstRows = await client.$queryRaw<{ artifactId: string; first: Date }[]>(Prisma.sql`
        SELECT a.id AS "artifactId", f."occurredAt" AS first FROM unnest(${missing}::text[]) AS a(id)
        CROSS JOIN LATERAL (SELECT "occurredAt" FROM "LedgerEntry" WHERE "orgId" = ${orgId} AND "artifactId" = a.id ORDER BY "occurredAt" LIMIT 1) f`);
      for (const row of firstRows) counts.firstSeen.set(row.artifactId, row.first.getTime());
    }
    const firstSeen = counts.firstSeen;
    const findings: TFinding[] = [];
    const hours = settings.baselineDays * 24;

    for (const entry of judged) {
      const hour = hourOf(entry.occurredAt);
      const observed = counts.add(entry.artifactId!, hour);
      if (!firstSeen.has(entry.artifactId!)) firstSeen.set(entry.artifactId!, entry.occurredAt.getTime());
      if (observed < settings.minEvents) continue;
      const first = Math.min(firstSeen.get(entry.artifactId!) ?? entry.occurredAt.getTime(), entry.occurredAt.getTime());
      if (hour - first < settings.minBaselineDays * DAY_MS) continue;
      const { baseline, hours: baselineHours } = counts.baseline(entry.artifactId!, hour, hours, hourOf(new Date(first)));
      const threshold = spikeThreshold(baseline, settings.deviations, settings.minEvents);
      if (!isSighting(observed, threshold)) continue;
      const hourText = `${new Date(hour).toISOString().slice(0, 13).replace("T", " ")}:00 UTC`;
      findings.push({
        dedupKey: `${entry.artifactId}|${new Date(hour).toISOString()}`,
        title: `Volume spike on ${entry.artifactId}: ${observed} events in the hour from ${hourText}`,
        summary:
          `Observed: ${observed} events on ${entry.artifactId} in the hour from ${hourText}. Expected: at most ${Math.ceil(threshold)} ` +
          `(baseline over ${Math.round(baselineHours / 24)} days: mean ${baseline.mean.toFixed(1)} an hour, spread ${baseline.spread.toFixed(1)}; ` +
          `alert above mean + ${settings.deviations} × spread).`,
        observed: { hour: new Date(hour).toISOString(), events: observed },
        expected: {
          mean: Number(baseline.mean.toFixed(3)),
          spread: Number(baseline.spread.toFixed(3)),
          threshold: Number(threshold.toFixed(3)),
          baselineHours,
          deviations: settings.deviations,
        },
        actorId: entry.actorId,
        actorDisplay: entry.actorDisplay,
        artifactId: entry.artifactId,
        evidence: [entry.seq],
        occurredAt: entry.occurredAt,
      });
    }
    counts.advance(entries[entries.length - 1]!, hourOf(maxDate(judged.map((entry) => entry.occurredAt))), baselineMs + 7 * DAY_MS);
    return findings;
  },
};

/**
 * A spike is sighted when the hour's count first passes the threshold and each time it doubles
 * from there (21, 42, 84… above 20), not at every event past it: a busy hour is one alert with a
 * few sightings, each citing the event that reached it, whatever the batches.
 */
export function isSighting(observed: number, threshold: number): boolean {
  const first = Math.floor(threshold) + 1;
  if (observed < first || observed % first !== 0) return false;
  const times = observed / first;
  return (times & (times - 1)) === 0;
}

type TCountCache = {
  orgId: string;
  /** Every entry with seq below this is counted (for hours from `from` on). */
  asOfSeq: bigint;
  /** The event id of the entry just before asOfSeq: the same seq in another ledger is another cache. */
  lastEventId: string | null;
  from: number;
  counts: Map<string, number>;
  firstSeen: Map<string, number>;
  /** Per artifact, per hour: the baseline already worked out for that hour. */
  baselines: Map<string, Map<number, { baseline: { mean: number; spread: number }; hours: number }>>;
  /** Per artifact, an hour no cached baseline is later than. */
  latestBaseline: Map<string, number>;
};

// Hourly counts per artifact, kept between passes of this process: valid only while the pass
// goes on from exactly where it left off (asOfSeq = the batch's first seq), so a rolled-back pass,
// another process's pass or a gap rebuilds them from the ledger's index. A late event in an
// earlier hour drops the baselines it touches.
let cache: TCountCache | null = null;
keptAcrossBatches({ clear: () => void (cache = null) });

async function hourlyCounts(
  client: Parameters<TDetector<"volume_spike">["judge"]>[0]["client"],
  orgId: string,
  beforeSeq: bigint,
  previousEventId: string | null,
  from: number,
) {
  const valid =
    cache && cache.orgId === orgId && cache.asOfSeq === beforeSeq && cache.lastEventId === previousEventId && cache.from <= from;
  if (!valid) {
    const start = new Date(from - DAY_MS);
    const rows = await client.$queryRaw<{ artifactId: string; hour: Date; events: bigint }[]>(Prisma.sql`
      SELECT "artifactId", date_trunc('hour', "occurredAt") AS hour, count(*) AS events
      FROM "LedgerEntry"
      WHERE "orgId" = ${orgId} AND "artifactId" IS NOT NULL AND "occurredAt" >= ${start} AND seq < ${beforeSeq} AND "sourceSystem" <> 'custody'
      GROUP BY 1, 2`);
    cache = {
      orgId,
      asOfSeq: beforeSeq,
      lastEventId: previousEventId,
      from: start.getTime(),
      counts: new Map(),
      firstSeen: new Map(),
      baselines: new Map(),
      latestBaseline: new Map(),
    };
    for (const row of rows) cache.counts.set(`${row.artifactId}|${row.hour.getTime()}`, Number(row.events));
  }
  const current = cache!;
  return {
    firstSeen: current.firstSeen,
    add(artifactId: string, hour: number): number {
      const key = `${artifactId}|${hour}`;
      const count = (current.counts.get(key) ?? 0) + 1;
      current.counts.set(key, count);
      // A late event in an hour before some cached baseline's hour changes that baseline (events
      // mostly come in time order: only then are the artifact's cached hours walked).
      const cachedHours = current.baselines.get(artifactId);
      if (cachedHours && hour < (current.latestBaseline.get(artifactId) ?? -Infinity)) {
        for (const cached of cachedHours.keys()) if (cached > hour) cachedHours.delete(cached);
        current.latestBaseline.set(artifactId, hour);
      }
      return count;
    },
    baseline(artifactId: string, hour: number, hours: number, firstHour: number) {
      let cachedHours = current.baselines.get(artifactId);
      if (!cachedHours) current.baselines.set(artifactId, (cachedHours = new Map()));
      let cached = cachedHours.get(hour);
      if (!cached) {
        const series: number[] = [];
        for (let i = 1; i <= hours; i++) {
          const at = hour - i * HOUR_MS;
          if (at < firstHour) break;
          series.push(current.counts.get(`${artifactId}|${at}`) ?? 0);
        }
        cached = { baseline: meanAndSpread(series), hours: series.length };
        cachedHours.set(hour, cached);
        if (hour > (current.latestBaseline.get(artifactId) ?? -Infinity)) current.latestBaseline.set(artifactId, hour);
      }
      return cached;
    },
    advance(last: { seq: bigint; eventId: string }, latestHour: number, keepMs: number) {
      current.asOfSeq = last.seq + 1n;
      current.lastEventId = last.eventId;
      // Hours too old to be any baseline again are dropped.
      const horizon = latestHour - keepMs;
      if (current.from < horizon) {
        for (const key of current.counts.keys()) if (Number(key.slice(key.lastIndexOf("|") + 1)) < horizon) current.counts.delete(key);
        for (const cachedHours of current.baselines.values())
          for (const cached of cachedHours.keys()) if (cached < horizon) cachedHours.delete(cached);
        current.from = horizon;
      }
    },
  };
}
