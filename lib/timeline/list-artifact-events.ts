import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import type { TLedgerEventRow } from "@/lib/ledger/ledger-event-row";
import { AppError } from "@/lib/errors/app-error";
import { decodeCursor, encodeCursor } from "./keyset-cursor";
import { laneOfAction, type TLane } from "./lanes";
import { recordLedgerRead, type TReadContext } from "./record-ledger-read";
import { resolveArtifactCorrelation } from "./resolve-artifact-correlation";
import { timelineConditions, timelinePageSql, whereSql } from "./timeline-sql";
import { resolveTimelineWindow, timelineFilterValues, type TTimelineFilters, type TTimelineWindow } from "./timeline-filters";

export const timelinePageSize = 100;

/** One event as the timeline shows it: the indexed columns (times as ISO text), its lane, and the hashed bytes to check. */
export type TTimelineEvent = Omit<TLedgerEventRow, "seq" | "occurredAt" | "recordedAt" | "canonical"> & {
  seq: string;
  occurredAt: string;
  recordedAt: string;
  lane: TLane;
  /** Whether the event names the artifact, or only one of its digests. */
  correlatedBy: "artifact" | "digest";
  /** The RFC 8785 canonical JSON exactly as stored and hashed. */
  canonical: string;
};

export type TTimelinePage = {
  events: TTimelineEvent[];
  /** Pass back as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
  window: { window: TTimelineWindow; from: string | null; to: string | null };
};

export type TTimelineRow = TLedgerEventRow & { correlatedBy: "artifact" | "digest" };

/**
 * One page (100 events, newest first) of everything the ledger holds about an artifact: events
 * naming it by id or registry name, and events carrying one of its digests (storage, CI, serving
 * often know only the content hash). Filters are applied in the database; paging is by keyset.
 * The read is appended to the ledger, with the query and the reader's justification; if that
 * fails, nothing is returned.
 */
export async function listArtifactEvents({
  principal,
  artifactId,
  filters,
  cursor,
  pageSize = timelinePageSize,
  context,
  now = new Date(),
}: {
  principal: TPrincipal;
  artifactId: string;
  filters: TTimelineFilters;
  cursor?: string | null;
  pageSize?: number;
  context?: TReadContext;
  now?: Date;
}): Promise<TTimelinePage> {
  assertCapability(principal, "artifacts.timeline.view");
  const position = cursor ? decodeCursor(cursor) : null;
  if (cursor && !position)
    throw new AppError("INVALID_INPUT", "The cursor is not one this server issued; start again from the first page.", {
      fieldErrors: [{ field: "cursor", message: "not a cursor from this server" }],
    });
  const size = Math.min(Math.max(1, Math.trunc(pageSize)), 500);
  const correlation = await resolveArtifactCorrelation({ principal, artifactId });
  const window = resolveTimelineWindow(filters, now);
  const conditions = timelineConditions(filters, window, correlation);
  // The read is recorded alongside the query: if recording fails, no event is returned.
  const [, rows] = await Promise.all([
    recordLedgerRead({
      principal,
      view: "artifact.timeline",
      query: { artifactId, ...timelineFilterValues(filters), cursor: cursor ?? undefined },
      context,
    }),
    db().$queryRaw<TTimelineRow[]>(timelinePageSql(correlation, whereSql(conditions, { cursor: position }), size + 1)),
  ]);
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    events: page.map(toTimelineEvent),
    nextCursor: rows.length > size && last ? encodeCursor({ occurredAt: last.occurredAt, seq: last.seq }) : null,
    window: { window: window.window, from: window.from?.toISOString() ?? null, to: window.to?.toISOString() ?? null },
  };
}

export function toTimelineEvent(row: TTimelineRow): TTimelineEvent {
  return {
    seq: row.seq.toString(),
    eventId: row.eventId,
    occurredAt: row.occurredAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    action: row.action,
    lane: laneOfAction(row.action),
    actorId: row.actorId,
    actorType: row.actorType,
    artifactId: row.artifactId,
    digest: row.digest,
    environment: row.environment,
    outcome: row.outcome,
    sourceSystem: row.sourceSystem,
    interface: row.interface,
    submittedBy: row.submittedBy,
    correlatedBy: row.correlatedBy,
    leafHash: row.leafHash,
    canonical: Buffer.from(row.canonical, "base64").toString("utf8"),
  };
}
