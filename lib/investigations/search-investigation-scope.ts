import "server-only";
import { isCursorPosition } from "@/lib/timeline/keyset-cursor";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod } from "@/lib/errors/problem";
import { Prisma } from "@/lib/generated/prisma/client";
import { eventFilterValues, windowRunsForwards, ZEventFilterFields } from "./event-filters";
import { findInvestigation } from "./find-investigation";
import { toInvestigationEventRow, type TEventRowSource, type TInvestigationEventRow } from "./investigation-event-row";
import { and, eventColumns, ledgerFilterConditions } from "./investigation-event-sql";
import { recordInvestigationRead } from "./record-investigation-read";
import { resolveInvestigationScope } from "./resolve-investigation-scope";

export const searchPageSize = 50;

/** Text, action, actor, outcome; from/to replace the investigation's window when given. */
export const ZScopeSearch = ZEventFilterFields.omit({ starred: true, tag: true })
  .extend({ cursor: z.string().max(100).optional() })
  .refine(windowRunsForwards, { message: "from must be before to", path: ["to"] });
export type TScopeSearch = z.input<typeof ZScopeSearch>;

export type TScopeSearchResult = {
  events: (TInvestigationEventRow & { inInvestigation: boolean })[];
  nextCursor: string | null;
  /** What was searched: the scope's artifacts (empty: the whole organisation) and the window. */
  scope: { artifacts: { id: string; name: string }[]; from: string | null; to: string | null };
};

const encodeCursor = (occurredAt: Date, seq: bigint) => Buffer.from(`${occurredAt.toISOString()}|${seq}`).toString("base64url");
function decodeCursor(cursor: string): { occurredAt: string; seq: bigint } | null {
  const [at, seq] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (!at || !seq || !/^\d{1,19}$/.test(seq) || Number.isNaN(Date.parse(at))) return null;
  // Within what PostgreSQL holds (int8 seq, a year up to 9999): anything else is no cursor of ours.
  const position = { occurredAt: new Date(at), seq: BigInt(seq) };
  return isCursorPosition(position) ? { occurredAt: position.occurredAt.toISOString(), seq: position.seq } : null;
}

/**
 * Ledger events in the investigation's scope (its artifacts, by id, name and digest) and time
 * window, newest first, 50 at a time: what a responder looks through to add events. The case's
 * own activity (investigation.*) and ledger reads are left out unless the action filter asks for
 * them. The search is recorded in the ledger first, with the investigation as its justification.
 */
export async function searchInvestigationScope({
  principal,
  investigationId,
  query,
}: {
  principal: TPrincipal;
  investigationId: string;
  query: unknown;
}): Promise<TScopeSearchResult> {
  assertCapability(principal, "investigations.edit");
  const parsed = ZScopeSearch.safeParse(query);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "The search is not valid.", { fieldErrors: fieldErrorsFromZod(parsed.error) });
  const { cursor: rawCursor, ...filters } = parsed.data;
  const cursor = rawCursor ? decodeCursor(rawCursor) : null;
  if (rawCursor && !cursor)
    throw new AppError("INVALID_INPUT", "The cursor is not one this server issued; search again.", {
      fieldErrors: [{ field: "cursor", message: "not a cursor from this server" }],
    });
  const investigation = await findInvestigation({ principal, investigationId });
  const details = await db().investigation.findUniqueOrThrow({
    where: { id: investigation.id },
    select: { scopeArtifactIds: true, windowFrom: true, windowTo: true },
  });
  const from = filters.from ?? details.windowFrom?.toISOString();
  const to = filters.to ?? details.windowTo?.toISOString();
  const scope = await resolveInvestigationScope({ orgId: investigation.orgId, artifactIds: details.scopeArtifactIds });
  await recordInvestigationRead({
    principal,
    investigation,
    view: "investigation.search",
    query: { ...eventFilterValues({ ...filters, from, to }), cursor: rawCursor },
  });

  const conditions = [Prisma.sql`e."orgId" = ${investigation.orgId}`, ...ledgerFilterConditions({ ...filters, from, to })];
  if (scope) conditions.push(Prisma.sql`(e."artifactId" = ANY(${scope.artifactKeys}::text[]) OR e.digest = ANY(${scope.digests}::text[]))`);
  if (!filters.action) conditions.push(Prisma.sql`e.action NOT LIKE 'investigation.%' AND e.action <> 'ledger.read'`);
  if (cursor) conditions.push(Prisma.sql`(e."occurredAt", e.seq) < (${cursor.occurredAt}::timestamp, ${cursor.seq})`);
  const rows = await db().$queryRaw<(TEventRowSource & { inInvestigation: boolean })[]>`
    SELECT ${eventColumns}, EXISTS (SELECT 1 FROM "InvestigationEvent" ie WHERE ie."investigationId" = ${investigation.id} AND ie.seq = e.seq) AS "inInvestigation"
    FROM "LedgerEntry" e WHERE ${and(conditions)}
    ORDER BY e."occurredAt" DESC, e.seq DESC LIMIT ${searchPageSize + 1}`;
  const page = rows.slice(0, searchPageSize);
  const last = page.at(-1);
  return {
    events: page.map((row) => ({ ...toInvestigationEventRow(row), inInvestigation: row.inInvestigation })),
    nextCursor: rows.length > searchPageSize && last ? encodeCursor(last.occurredAt, last.seq) : null,
    scope: { artifacts: scope?.artifacts ?? [], from: from ?? null, to: to ?? null },
  };
}
