import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";

export type TEntriesPerSource = {
  /** Sources by number of entries, largest first; the rest are summed as "other sources". */
  sources: string[];
  /** One row per UTC day, oldest first, with no gaps; `counts` lines up with `sources`. */
  days: { day: string; counts: number[] }[];
  total: number;
};

const dayMs = 86_400_000;
const maxSources = 6;

/**
 * Ledger entries per source system per day (by when they occurred, UTC) over the last `days`
 * days including today, aggregated in the database.
 */
export async function entriesPerSource({
  principal,
  days = 30,
  now = new Date(),
}: {
  principal: TPrincipal;
  days?: number;
  now?: Date;
}): Promise<TEntriesPerSource> {
  assertCapability(principal, "ledger.integrity.view");
  const today = Math.floor(now.getTime() / dayMs) * dayMs;
  const since = new Date(today - (days - 1) * dayMs);
  const until = new Date(today + dayMs);
  // timestamp(3) columns hold UTC wall time; the ISO strings cast to the same (their "Z" is ignored).
  const rows = await db().$queryRaw<{ day: string; source: string; entries: number }[]>`
    SELECT to_char(date_trunc('day', "occurredAt"), 'YYYY-MM-DD') AS day, "sourceSystem" AS source, count(*)::int AS entries
    FROM "LedgerEntry"
    WHERE "orgId" = ${principal.orgId} AND "occurredAt" >= ${since.toISOString()}::timestamp AND "occurredAt" < ${until.toISOString()}::timestamp
    GROUP BY 1, 2`;
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.source, (totals.get(row.source) ?? 0) + row.entries);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([source]) => source);
  const sources = ranked.length > maxSources + 1 ? [...ranked.slice(0, maxSources), "other sources"] : ranked;
  const column = (source: string) => Math.min(ranked.indexOf(source), sources.length - 1);
  const byDay = new Map<string, number[]>();
  for (let i = 0; i < days; i += 1)
    byDay.set(
      new Date(since.getTime() + i * dayMs).toISOString().slice(0, 10),
      sources.map(() => 0),
    );
  for (const row of rows) {
    const counts = byDay.get(row.day);
    if (counts) counts[column(row.source)]! += row.entries;
  }
  return {
    sources,
    days: [...byDay.entries()].map(([day, counts]) => ({ day, counts })),
    total: [...totals.values()].reduce((sum, count) => sum + count, 0),
  };
}
