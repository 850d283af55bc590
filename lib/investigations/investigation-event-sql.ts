import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TEventFilters } from "./event-filters";

// SQL shared by an investigation's events table, its exports and the search for events to add:
// the columns of a ledger entry `e`, and the filters as conditions on it.

export const eventColumns = Prisma.sql`e.seq, e."eventId"::text AS "eventId", e."occurredAt", e."recordedAt", e.action, e."actorId", e."actorType", e."artifactId", e.digest, e.environment, e.outcome, e."sourceSystem", e.interface, e."submittedBy", encode(e.canonical, 'base64') AS canonical, encode(e."leafHash", 'hex') AS "leafHash"`;

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);
export const contains = (text: string) => `%${likeEscape(text)}%`;

/** The event's JSON as hashed (RFC 8785 keeps non-ASCII text as UTF-8). */
const eventText = Prisma.sql`convert_from(e.canonical, 'UTF8')`;

/**
 * Conditions on `e` for the text, action, actor, outcome and window filters (not starred or tag).
 * Times are UTC ISO strings; the column holds UTC without a zone, hence ::timestamp.
 */
export function ledgerFilterConditions(filters: Pick<TEventFilters, "q" | "action" | "actor" | "outcome" | "from" | "to">): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filters.q) conditions.push(Prisma.sql`${eventText} ILIKE ${contains(filters.q)}`);
  if (filters.action) conditions.push(Prisma.sql`e.action ILIKE ${contains(filters.action)}`);
  if (filters.actor) {
    const pattern = contains(filters.actor);
    // Columns copied from the record at append: the bytes are never cast to jsonb, which cannot hold U+0000.
    conditions.push(
      Prisma.sql`(e."actorId" ILIKE ${pattern} OR e."actorDisplay" ILIKE ${pattern} OR e."actorOnBehalfOf" ILIKE ${pattern})`,
    );
  }
  if (filters.outcome) conditions.push(Prisma.sql`e.outcome = ${filters.outcome}`);
  if (filters.from) conditions.push(Prisma.sql`e."occurredAt" >= ${filters.from}::timestamp`);
  if (filters.to) conditions.push(Prisma.sql`e."occurredAt" < ${filters.to}::timestamp`);
  return conditions;
}

/** Conditions on the investigation event `ie` for the starred and tag filters. */
export function annotationFilterConditions(filters: Pick<TEventFilters, "starred" | "tag">): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filters.starred)
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "InvestigationStar" s WHERE s."investigationId" = ie."investigationId" AND s.seq = ie.seq)`,
    );
  if (filters.tag)
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "InvestigationTag" t WHERE t."investigationId" = ie."investigationId" AND t.seq = ie.seq AND t.tag = ${filters.tag})`,
    );
  return conditions;
}

export function and(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`true`;
}
