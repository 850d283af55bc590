import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { and, eventColumns, ledgerFilterConditions } from "@/lib/investigations/investigation-event-sql";
import type { TEventRowSource } from "@/lib/investigations/investigation-event-row";
import { resolveInvestigationScope } from "@/lib/investigations/resolve-investigation-scope";
import type { TKeysetCursor } from "@/lib/timeline/keyset-cursor";
import { resolveTimelineWindow, type TTimelineWindow } from "@/lib/timeline/timeline-filters";
import type { TLedgerSearchFilters } from "./ledger-search-filters";

// The SQL of ledger search, shared by its pages and its exports: the organisation's ledger
// entries `e`, filtered, newest first (occurredAt, then seq, as the timeline orders them).

/** What the artifact filter matched: a Custody artifact (by id, registry name and digests), or only the text. */
export type TArtifactMatch = { id: string; name: string; digests: number } | null;

export type TLedgerSearchWhere = {
  where: Prisma.Sql;
  window: { window: TTimelineWindow; from: string | null; to: string | null };
  artifact: TArtifactMatch;
  /** Whether ledger reads are left out (no action filter asks for them). */
  excludesLedgerReads: boolean;
};

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * The filters as one condition on `e`. Text, action, actor, outcome and the window mean what they
 * mean in an investigation (lib/investigations/investigation-event-sql.ts); actor type, source,
 * interface and environment are exact, as on the timeline. Ledger reads (each search appends
 * one) are left out unless the action filter asks for them, so a search does not find itself.
 */
export async function ledgerSearchWhere({
  orgId,
  filters,
  now,
}: {
  orgId: string;
  filters: TLedgerSearchFilters;
  now: Date;
}): Promise<TLedgerSearchWhere> {
  const resolved = resolveTimelineWindow(
    { window: filters.window, from: filters.from ? new Date(filters.from) : undefined, to: filters.to ? new Date(filters.to) : undefined },
    now,
  );
  const window = { window: resolved.window, from: resolved.from?.toISOString() ?? null, to: resolved.to?.toISOString() ?? null };
  const conditions = [
    Prisma.sql`e."orgId" = ${orgId}`,
    ...ledgerFilterConditions({
      q: filters.q,
      action: filters.action,
      actor: filters.actor,
      outcome: filters.outcome,
      from: window.from ?? undefined,
      to: window.to ?? undefined,
    }),
  ];
  if (filters.actorType) conditions.push(Prisma.sql`e."actorType" = ${filters.actorType}`);
  if (filters.source) conditions.push(Prisma.sql`e."sourceSystem" = ${filters.source}`);
  if (filters.interface) conditions.push(Prisma.sql`e.interface = ${filters.interface}`);
  if (filters.environment) conditions.push(Prisma.sql`e.environment = ${filters.environment}`);
  if (filters.digest)
    conditions.push(
      filters.digest.length === 64
        ? Prisma.sql`e.digest = ${filters.digest}`
        : Prisma.sql`e.digest LIKE ${`${likeEscape(filters.digest)}%`}`,
    );
  let artifact: TArtifactMatch = null;
  if (filters.artifact) {
    const match = await artifactCondition(orgId, filters.artifact);
    conditions.push(match.condition);
    artifact = match.artifact;
  }
  const excludesLedgerReads = !filters.action;
  if (excludesLedgerReads) conditions.push(Prisma.sql`e.action <> 'ledger.read'`);
  return { where: and(conditions), window, artifact, excludesLedgerReads };
}

/**
 * A Custody artifact (by id or registry name) matches as on its timeline: events naming it by
 * either, or carrying one of its digests. Any other text matches the events' artifactId exactly,
 * so artifacts Custody does not know can still be searched.
 */
async function artifactCondition(orgId: string, text: string): Promise<{ condition: Prisma.Sql; artifact: TArtifactMatch }> {
  const found = await db().artifact.findFirst({
    where: { orgId, OR: [{ id: text }, { name: text }] },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const scope = found ? await resolveInvestigationScope({ orgId, artifactIds: [found.id] }) : null;
  const named = scope?.artifacts[0];
  if (!scope || !named) return { condition: Prisma.sql`e."artifactId" = ${text}`, artifact: null };
  return {
    condition: Prisma.sql`(e."artifactId" = ANY(${scope.artifactKeys}::text[]) OR e.digest = ANY(${scope.digests}::text[]))`,
    artifact: { id: named.id, name: named.name, digests: scope.digests.length },
  };
}

/** The newest `limit` matching entries, older than `cursor` when given. */
export async function selectLedgerEntries({
  where,
  cursor,
  limit,
}: {
  where: Prisma.Sql;
  cursor: TKeysetCursor | null;
  limit: number;
}): Promise<TEventRowSource[]> {
  const before = cursor
    ? Prisma.sql`AND (e."occurredAt", e.seq) < (${cursor.occurredAt.toISOString()}::timestamp, ${cursor.seq})`
    : Prisma.empty;
  return db().$queryRaw<TEventRowSource[]>`
    SELECT ${eventColumns} FROM "LedgerEntry" e
    WHERE ${where} ${before}
    ORDER BY e."occurredAt" DESC, e.seq DESC LIMIT ${limit}`;
}
