import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { eventFilterValues, type TEventFilters } from "./event-filters";
import { findInvestigation, type TInvestigationKey } from "./find-investigation";
import { toInvestigationEventRow, type TEventRowSource, type TInvestigationEventRow } from "./investigation-event-row";
import { and, annotationFilterConditions, eventColumns, ledgerFilterConditions } from "./investigation-event-sql";
import { investigationLimits } from "./investigation-vocabulary";
import { recordInvestigationRead } from "./record-investigation-read";

export const investigationEventsPageSize = 100;

/** An event of the investigation: the ledger's facts, and who added it to the case and when. */
export type TInvestigationEvent = TInvestigationEventRow & { addedBy: { id: string; name: string }; addedAt: string };

export type TInvestigationEventsPage = {
  events: TInvestigationEvent[];
  /** Events matching the filters, in all pages. */
  total: number;
  /** Events in the investigation, whatever the filters. */
  investigationTotal: number;
  page: number;
  pageSize: number;
  pageCount: number;
};

/**
 * One page of an investigation's events, oldest first (a case reads forwards), filtered in the
 * database. `focusSeq` opens the page holding that event (a narrative's reference links there).
 * The read is recorded in the ledger first, with the investigation as its justification.
 */
export async function listInvestigationEvents({
  principal,
  investigationId,
  filters = {},
  page = 1,
  pageSize = investigationEventsPageSize,
  focusSeq,
}: {
  principal: TPrincipal;
  investigationId: string;
  filters?: TEventFilters;
  page?: number;
  pageSize?: number;
  focusSeq?: string;
}): Promise<TInvestigationEventsPage> {
  const investigation = await findInvestigation({ principal, investigationId });
  const size = Math.min(Math.max(1, Math.trunc(pageSize)), investigationLimits.events);
  await recordInvestigationRead({
    principal,
    investigation,
    view: "investigation.events",
    query: { ...eventFilterValues(filters), page, pageSize: size, focusSeq },
  });
  return readInvestigationEvents({ investigation, filters, page, pageSize: size, focusSeq });
}

/** The query itself, for callers that have recorded their own ledger entry (exports). */
export async function readInvestigationEvents({
  investigation,
  filters,
  page = 1,
  pageSize,
  focusSeq,
}: {
  investigation: TInvestigationKey;
  filters: TEventFilters;
  page?: number;
  pageSize: number;
  focusSeq?: string;
}): Promise<TInvestigationEventsPage> {
  const where = and([
    Prisma.sql`ie."investigationId" = ${investigation.id}`,
    ...ledgerFilterConditions(filters),
    ...annotationFilterConditions(filters),
  ]);
  const from = Prisma.sql`FROM "InvestigationEvent" ie JOIN "LedgerEntry" e ON e."orgId" = ie."orgId" AND e.seq = ie.seq`;
  const [counts] = await db().$queryRaw<{ total: bigint; all: bigint; before: bigint | null }[]>`
    SELECT count(*) FILTER (WHERE ${where}) AS total, count(*) AS "all",
      ${focusSeq ? Prisma.sql`count(*) FILTER (WHERE ${where} AND (e."occurredAt", e.seq) < (SELECT f."occurredAt", f.seq FROM "LedgerEntry" f WHERE f."orgId" = ${investigation.orgId} AND f.seq = ${BigInt(focusSeq)}))` : Prisma.sql`NULL`} AS before
    ${from} WHERE ie."investigationId" = ${investigation.id}`;
  const total = Number(counts?.total ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const wanted =
    focusSeq && counts?.before !== null && counts?.before !== undefined ? Math.floor(Number(counts.before) / pageSize) + 1 : page;
  const current = Math.min(Math.max(1, Math.trunc(wanted)), pageCount);
  const rows = await db().$queryRaw<(TEventRowSource & { addedById: string; addedByName: string; addedAt: Date })[]>`
    SELECT ${eventColumns}, ie."addedById", u.name AS "addedByName", ie."addedAt"
    ${from} JOIN "User" u ON u.id = ie."addedById" WHERE ${where}
    ORDER BY e."occurredAt" ASC, e.seq ASC LIMIT ${pageSize} OFFSET ${(current - 1) * pageSize}`;
  const events = rows.map((row) => ({
    ...toInvestigationEventRow(row),
    addedBy: { id: row.addedById, name: row.addedByName },
    addedAt: row.addedAt.toISOString(),
  }));
  return { events, total, investigationTotal: Number(counts?.all ?? 0), page: current, pageSize, pageCount };
}

/** Up to `limit` of the investigation's events matching the filters, oldest first, after `after` when given: exports page with it. */
export async function selectInvestigationEvents({
  investigation,
  filters,
  after,
  limit,
}: {
  investigation: TInvestigationKey;
  filters: TEventFilters;
  after: { occurredAt: Date; seq: bigint } | null;
  limit: number;
}): Promise<TEventRowSource[]> {
  const conditions = [
    Prisma.sql`ie."investigationId" = ${investigation.id}`,
    ...ledgerFilterConditions(filters),
    ...annotationFilterConditions(filters),
  ];
  if (after) conditions.push(Prisma.sql`(e."occurredAt", e.seq) > (${after.occurredAt.toISOString()}::timestamp, ${after.seq})`);
  return db().$queryRaw<TEventRowSource[]>`
    SELECT ${eventColumns} FROM "InvestigationEvent" ie JOIN "LedgerEntry" e ON e."orgId" = ie."orgId" AND e.seq = ie.seq
    WHERE ${and(conditions)} ORDER BY e."occurredAt" ASC, e.seq ASC LIMIT ${limit}`;
}
