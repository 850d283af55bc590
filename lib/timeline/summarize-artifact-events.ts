import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { histogramBucketMs } from "./histogram-buckets";
import { laneOfAction, type TLane } from "./lanes";
import { recordLedgerRead, type TReadContext } from "./record-ledger-read";
import { resolveArtifactCorrelation, type TArtifactCorrelation } from "./resolve-artifact-correlation";
import { correlatedBranches, timelineConditions, whereSql, type TFilterKey } from "./timeline-sql";
import { resolveTimelineWindow, timelineFilterValues, type TTimelineFilters } from "./timeline-filters";

export const facetKeys = ["actor", "actorType", "action", "outcome", "source", "interface", "environment", "version"] as const;
export type TFacetKey = (typeof facetKeys)[number];

const facetColumns: Record<TFacetKey, Prisma.Sql> = {
  actor: Prisma.sql`"actorId"`,
  actorType: Prisma.sql`"actorType"`,
  action: Prisma.sql`action`,
  outcome: Prisma.sql`outcome`,
  source: Prisma.sql`"sourceSystem"`,
  interface: Prisma.sql`interface`,
  environment: Prisma.sql`environment`,
  version: Prisma.sql`digest`,
};

const facetLimit = 40;

export type TFacetValue = { value: string; count: number; label: string | null };

export type TTimelineSummary = {
  /** Events matching every filter. */
  total: number;
  /** For each filter, its values among the events matching every *other* filter, most frequent first. */
  facets: Record<TFacetKey, TFacetValue[]>;
  /** Events per time bucket, lifecycle lane and outcome (empty buckets left out). */
  histogram: { from: string; to: string; bucketMs: number; buckets: { t: number; lane: TLane; outcome: string; count: number }[] };
  unregisteredDigests: string[];
};

type TSummaryRow = {
  kind: "total" | "facet" | "histogram";
  facet: string | null;
  value: string | null;
  outcome: string | null;
  n: number;
  t: number | null;
};

/**
 * What the filter bar and the lanes chart show for the filtered timeline: the total, each
 * filter's values with counts (Elastic's field statistics), and a histogram per lane, all from
 * one pass over the artifact's events in the window. The read is recorded in the ledger.
 */
export async function summarizeArtifactEvents({
  principal,
  artifactId,
  filters,
  context,
  now = new Date(),
}: {
  principal: TPrincipal;
  artifactId: string;
  filters: TTimelineFilters;
  context?: TReadContext;
  now?: Date;
}): Promise<TTimelineSummary> {
  assertCapability(principal, "artifacts.timeline.view");
  const correlation = await resolveArtifactCorrelation({ principal, artifactId });
  const window = resolveTimelineWindow(filters, now);
  // The read is recorded alongside the queries: if recording fails, nothing is answered.
  const [, summary] = await Promise.all([
    recordLedgerRead({ principal, view: "artifact.timeline.summary", query: { artifactId, ...timelineFilterValues(filters) }, context }),
    summarize(correlation, filters, window, now),
  ]);
  return summary;
}

async function summarize(
  correlation: TArtifactCorrelation,
  filters: TTimelineFilters,
  window: { from: Date | null; to: Date | null },
  now: Date,
): Promise<TTimelineSummary> {
  const conditions = timelineConditions(filters, window, correlation);
  const windowOnly = whereSql({ ...conditions, filters: {} });

  const from = window.from ?? (await earliest(correlation, windowOnly)) ?? now;
  const to = window.to ?? now;
  const bucketMs = histogramBucketMs(to.getTime() - from.getTime());
  const origin = new Date(Math.floor(from.getTime() / bucketMs) * bucketMs);

  const set = Object.keys(conditions.filters) as TFilterKey[];
  const flag = (key: TFilterKey) => Prisma.raw(`"f_${key}"`);
  const flags = set.length
    ? Prisma.sql`, ${Prisma.join(
        set.map((key) => Prisma.sql`(${conditions.filters[key]!}) AS ${flag(key)}`),
        ", ",
      )}`
    : Prisma.empty;
  const allFlags = (except?: TFilterKey) => {
    const parts = set.filter((key) => key !== except).map(flag);
    return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`true`;
  };
  const select = Prisma.sql`e."occurredAt", e."actorId", e."actorType", e.action, e.outcome, e."sourceSystem", e.interface, e.environment, e.digest${flags}`;
  const facetQueries = facetKeys.map(
    (key) => Prisma.sql`(
    SELECT 'facet' AS kind, ${key}::text AS facet, ${facetColumns[key]}::text AS value, NULL::text AS outcome, count(*)::int AS n, NULL::float8 AS t
    FROM base WHERE ${allFlags(key)} AND ${facetColumns[key]} IS NOT NULL GROUP BY ${facetColumns[key]} ORDER BY n DESC, value LIMIT ${facetLimit})`,
  );
  const rows = await db().$queryRaw<TSummaryRow[]>`
    WITH base AS MATERIALIZED (SELECT * FROM (${correlatedBranches(correlation, select, windowOnly)}) correlated)
    SELECT 'total' AS kind, NULL::text AS facet, NULL::text AS value, NULL::text AS outcome, count(*)::int AS n, NULL::float8 AS t FROM base WHERE ${allFlags()}
    UNION ALL ${Prisma.join(facetQueries, " UNION ALL ")}
    UNION ALL
    SELECT 'histogram', NULL, action, outcome, count(*)::int,
      (extract(epoch FROM date_bin(${bucketMs} * interval '1 millisecond', "occurredAt", ${origin.toISOString()}::timestamp)) * 1000)::float8
    FROM base WHERE ${allFlags()} GROUP BY action, outcome, 6`;

  const facets = Object.fromEntries(facetKeys.map((key) => [key, [] as TFacetValue[]])) as Record<TFacetKey, TFacetValue[]>;
  const lanes = new Map<string, { t: number; lane: TLane; outcome: string; count: number }>();
  let total = 0;
  for (const row of rows) {
    if (row.kind === "total") total = row.n;
    else if (row.kind === "facet") facets[row.facet as TFacetKey].push({ value: row.value!, count: row.n, label: null });
    else {
      const lane = laneOfAction(row.value!);
      const id = `${row.t}|${lane}|${row.outcome}`;
      const bucket = lanes.get(id) ?? { t: row.t!, lane, outcome: row.outcome!, count: 0 };
      bucket.count += row.n;
      lanes.set(id, bucket);
    }
  }
  await labelFacets(facets, correlation);
  return {
    total,
    facets,
    histogram: { from: origin.toISOString(), to: to.toISOString(), bucketMs, buckets: [...lanes.values()].sort((a, b) => a.t - b.t) },
    unregisteredDigests: correlation.unregisteredDigests,
  };
}

async function earliest(correlation: TArtifactCorrelation, where: Prisma.Sql): Promise<Date | null> {
  const rows = await db().$queryRaw<{ occurredAt: Date }[]>`
    SELECT "occurredAt" FROM (${correlatedBranches(correlation, Prisma.sql`e."occurredAt", e.seq`, where, Prisma.sql`ORDER BY e."occurredAt", e.seq LIMIT 1`)}) first
    ORDER BY "occurredAt" LIMIT 1`;
  return rows[0]?.occurredAt ?? null;
}

/** People and service accounts by name, digests as the version they are (or "unregistered"). */
async function labelFacets(facets: Record<TFacetKey, TFacetValue[]>, correlation: TArtifactCorrelation): Promise<void> {
  const actorIds = facets.actor.map((value) => value.value);
  const orgId = correlation.artifact.orgId;
  const [users, accounts] = actorIds.length
    ? await Promise.all([
        db().user.findMany({ where: { orgId, id: { in: actorIds } }, select: { id: true, name: true } }),
        db().serviceAccount.findMany({ where: { orgId, id: { in: actorIds } }, select: { id: true, name: true } }),
      ])
    : [[], []];
  const names = new Map([...users, ...accounts].map((row) => [row.id, row.name]));
  for (const value of facets.actor) value.label = names.get(value.value) ?? null;
  const versions = new Map(correlation.versions.map((version) => [version.digest, `v${version.version}`]));
  for (const value of facets.version) value.label = versions.get(value.value) ?? "unregistered";
}
