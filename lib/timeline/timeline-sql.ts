import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TArtifactCorrelation } from "./resolve-artifact-correlation";
import type { TTimelineFilters } from "./timeline-filters";

// SQL for the timeline, shared by the page of events, the summary (facets and histogram) and
// the benchmark. An artifact's events are the union of one index range per key: its id, its
// registry name (index artifactId, occurredAt, seq) and each of its digests (index digest,
// occurredAt, seq). Each range is already in timeline order, so PostgreSQL merges them and stops
// after a page, however many events the artifact has.

export const timelineColumns = Prisma.sql`e.seq, e."eventId"::text AS "eventId", e."occurredAt", e."recordedAt", e."sourceSystem", e.interface, e.action, e."actorId", e."actorType", e."artifactId", e.digest, e.environment, e.outcome, e."submittedBy"`;

export type TFilterKey = "actor" | "actorType" | "action" | "outcome" | "source" | "interface" | "environment" | "version" | "q";

export type TTimelineConditions = {
  from: Date | null;
  to: Date | null;
  /** SQL per filter that is set, so the summary can leave one out for that filter's own facet. */
  filters: Partial<Record<TFilterKey, Prisma.Sql>>;
};

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);
const iso = (date: Date) => date.toISOString();

/** The filters as SQL conditions on LedgerEntry `e`. A version that does not exist matches nothing. */
export function timelineConditions(
  filters: TTimelineFilters,
  window: { from: Date | null; to: Date | null },
  correlation: Pick<TArtifactCorrelation, "versions">,
): TTimelineConditions {
  const sql: Partial<Record<TFilterKey, Prisma.Sql>> = {};
  if (filters.actor) sql.actor = Prisma.sql`e."actorId" = ${filters.actor}`;
  if (filters.actorType) sql.actorType = Prisma.sql`e."actorType" = ${filters.actorType}`;
  if (filters.action) sql.action = Prisma.sql`e.action LIKE ${`${likeEscape(filters.action)}%`}`;
  if (filters.outcome) sql.outcome = Prisma.sql`e.outcome = ${filters.outcome}`;
  if (filters.source) sql.source = Prisma.sql`e."sourceSystem" = ${filters.source}`;
  if (filters.interface) sql.interface = Prisma.sql`e.interface = ${filters.interface}`;
  if (filters.environment) sql.environment = Prisma.sql`e.environment = ${filters.environment}`;
  if (filters.version) {
    const digest = /^\d+$/.test(filters.version)
      ? correlation.versions.find((version) => version.version === Number(filters.version))?.digest
      : filters.version;
    sql.version = digest ? Prisma.sql`e.digest = ${digest}` : Prisma.sql`false`;
  }
  // Full text over the whole event as hashed (RFC 8785 JSON keeps non-ASCII text as UTF-8).
  if (filters.q) sql.q = Prisma.sql`convert_from(e.canonical, 'UTF8') ILIKE ${`%${likeEscape(filters.q)}%`}`;
  return { from: window.from, to: window.to, filters: sql };
}

/** The window and every filter except `except`, as one AND-ed condition (TRUE when empty). */
export function whereSql(
  conditions: TTimelineConditions,
  options: { except?: TFilterKey; cursor?: { occurredAt: Date; seq: bigint } | null } = {},
): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (conditions.from) parts.push(Prisma.sql`e."occurredAt" >= ${iso(conditions.from)}::timestamp`);
  if (conditions.to) parts.push(Prisma.sql`e."occurredAt" < ${iso(conditions.to)}::timestamp`);
  for (const [key, condition] of Object.entries(conditions.filters) as [TFilterKey, Prisma.Sql][])
    if (key !== options.except) parts.push(condition);
  if (options.cursor)
    parts.push(Prisma.sql`(e."occurredAt", e.seq) < (${iso(options.cursor.occurredAt)}::timestamp, ${options.cursor.seq})`);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`true`;
}

/**
 * One SELECT per correlation key over `e`, each with `where`, as parts of a UNION ALL. Digest
 * branches leave out events that also name the artifact, so no event appears twice.
 */
export function correlatedBranches(
  correlation: Pick<TArtifactCorrelation, "artifact" | "artifactKeys" | "digests">,
  select: Prisma.Sql,
  where: Prisma.Sql,
  tail: Prisma.Sql = Prisma.empty,
): Prisma.Sql {
  const orgId = correlation.artifact.orgId;
  const keys = correlation.artifactKeys;
  const branches = [
    ...keys.map(
      (key) =>
        Prisma.sql`(SELECT ${select}, 'artifact' AS "correlatedBy" FROM "LedgerEntry" e WHERE e."orgId" = ${orgId} AND e."artifactId" = ${key} AND ${where} ${tail})`,
    ),
    ...correlation.digests.map(
      (digest) =>
        Prisma.sql`(SELECT ${select}, 'digest' AS "correlatedBy" FROM "LedgerEntry" e WHERE e."orgId" = ${orgId} AND e.digest = ${digest} AND (e."artifactId" IS NULL OR e."artifactId" <> ALL(${keys}::text[])) AND ${where} ${tail})`,
    ),
  ];
  return Prisma.join(branches, " UNION ALL ");
}

/** The newest `limit` correlated events matching `where`, in timeline order. */
export function timelinePageSql(
  correlation: Pick<TArtifactCorrelation, "artifact" | "artifactKeys" | "digests">,
  where: Prisma.Sql,
  limit: number,
): Prisma.Sql {
  const order = Prisma.sql`ORDER BY e."occurredAt" DESC, e.seq DESC LIMIT ${limit}`;
  // Bytes travel as text: base64 keeps the stored bytes exact even if they are not valid UTF-8.
  const select = Prisma.sql`${timelineColumns}, encode(e.canonical, 'base64') AS canonical, encode(e."leafHash", 'hex') AS "leafHash"`;
  return Prisma.sql`SELECT * FROM (${correlatedBranches(correlation, select, where, order)}) page ORDER BY "occurredAt" DESC, seq DESC LIMIT ${limit}`;
}
