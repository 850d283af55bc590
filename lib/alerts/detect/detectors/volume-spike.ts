import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { DAY_MS, HOUR_MS, isCustodyInternal, type TDetectEntry, type TDetector, type TFinding } from "../detector";
import { meanAndSpread, spikeThreshold } from "../baseline";
import { maxDate, minDate } from "../read-history";

const hourOf = (date: Date) => Math.floor(date.getTime() / HOUR_MS) * HOUR_MS;
const counted = (entry: TDetectEntry) => !isCustodyInternal(entry) && entry.artifactId !== null;

/**
 * An hour (UTC) with more events on an artifact than mean + k·spread of its own hourly counts over
 * the previous `baselineDays` (quiet hours count as zero). Counts before the batch come from the
 * ledger's (orgId, artifactId, occurredAt) index; the batch is added entry by entry in seq order.
 */
export const volumeSpike: TDetector<"volume_spike"> = {
  key: "volume_spike",
  async judge({ client, orgId, entries, settings }) {
    const judged = entries.filter(counted);
    if (judged.length === 0) return [];
    const baselineMs = settings.baselineDays * DAY_MS;
    const from = new Date(hourOf(minDate(judged.map((entry) => entry.occurredAt))) - baselineMs);
    const to = new Date(hourOf(maxDate(judged.map((entry) => entry.occurredAt))) + HOUR_MS);
    const artifactIds = [...new Set(judged.map((entry) => entry.artifactId!))];
    const rows = await client.$queryRaw<{ artifactId: string; hour: Date; events: bigint }[]>(Prisma.sql`
      SELECT "artifactId", date_trunc('hour', "occurredAt") AS hour, count(*) AS events
      FROM "LedgerEntry"
      WHERE "orgId" = ${orgId} AND "artifactId" = ANY(${artifactIds}) AND "occurredAt" >= ${from} AND "occurredAt" < ${to}
        AND seq < ${entries[0]!.seq} AND "sourceSystem" <> 'custody'
      GROUP BY 1, 2`);
    const firstRows = await client.$queryRaw<{ artifactId: string; first: Date }[]>(Prisma.sql`
      SELECT a.id AS "artifactId", f."occurredAt" AS first FROM unnest(${artifactIds}::text[]) AS a(id)
      CROSS JOIN LATERAL (SELECT "occurredAt" FROM "LedgerEntry" WHERE "orgId" = ${orgId} AND "artifactId" = a.id ORDER BY "occurredAt" LIMIT 1) f`);
    const firstSeen = new Map(firstRows.map((row) => [row.artifactId, row.first.getTime()]));
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(`${row.artifactId}|${row.hour.getTime()}`, Number(row.events));
    const findings: TFinding[] = [];
    const hours = settings.baselineDays * 24;
    for (const entry of judged) {
      const hour = hourOf(entry.occurredAt);
      const key = `${entry.artifactId}|${hour}`;
      const observed = (counts.get(key) ?? 0) + 1;
      counts.set(key, observed);
      if (observed < settings.minEvents) continue;
      const first = Math.min(firstSeen.get(entry.artifactId!) ?? entry.occurredAt.getTime(), entry.occurredAt.getTime());
      if (hour - first < settings.minBaselineDays * DAY_MS) continue;
      const series: number[] = [];
      for (let i = 1; i <= hours; i++) {
        const at = hour - i * HOUR_MS;
        if (at < hourOf(new Date(first))) break;
        series.push(counts.get(`${entry.artifactId}|${at}`) ?? 0);
      }
      const baseline = meanAndSpread(series);
      const threshold = spikeThreshold(baseline, settings.deviations, settings.minEvents);
      if (observed <= threshold) continue;
      const hourText = `${new Date(hour).toISOString().slice(0, 13).replace("T", " ")}:00 UTC`;
      findings.push({
        dedupKey: `${entry.artifactId}|${new Date(hour).toISOString()}`,
        title: `Volume spike on ${entry.artifactId}: ${observed} events in the hour from ${hourText}`,
        summary:
          `Observed: ${observed} events on ${entry.artifactId} in the hour from ${hourText}. Expected: at most ${Math.ceil(threshold)} ` +
          `(baseline over ${Math.round(series.length / 24)} days: mean ${baseline.mean.toFixed(1)} an hour, spread ${baseline.spread.toFixed(1)}; ` +
          `alert above mean + ${settings.deviations} × spread).`,
        observed: { hour: new Date(hour).toISOString(), events: observed },
        expected: {
          mean: Number(baseline.mean.toFixed(3)),
          spread: Number(baseline.spread.toFixed(3)),
          threshold: Number(threshold.toFixed(3)),
          baselineHours: series.length,
          deviations: settings.deviations,
        },
        actorId: entry.actorId,
        actorDisplay: entry.actorDisplay,
        artifactId: entry.artifactId,
        evidence: [entry.seq],
        occurredAt: entry.occurredAt,
      });
    }
    return findings;
  },
};
