import "server-only";
import { fileSlug, fileStamp } from "@/lib/exports/export-file-name";
import { recordExport } from "@/lib/exports/record-export";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { exportByteLimit, exportPageRows, byteSize } from "@/lib/exports/export-limits";
import { openExportSpool } from "@/lib/exports/open-export-spool";
import { eventFilterValues, ZEventFilters, type TEventFilters } from "./event-filters";
import { findInvestigation } from "./find-investigation";
import { csvLine } from "./format-csv";
import { eventCsvHeader, eventCsvValues } from "@/lib/investigations/event-csv-columns";
import { toInvestigationEventRow, type TInvestigationEventRow } from "./investigation-event-row";
import { investigationLabel, type TPersonRef } from "./investigation-vocabulary";
import { selectInvestigationEvents } from "./list-investigation-events";
import { parseInput } from "@/lib/input/parse-input";
import { recordInvestigationChange } from "./record-investigation-change";
import type { TRecordedExport } from "@/lib/exports/download-response";

export const exportFormats = ["csv", "ndjson"] as const;

export const ZExportInput = z.object({
  format: z.enum(exportFormats, { error: "format: csv or ndjson" }),
  /** A saved view's filters; otherwise `filters` (none: every event of the investigation). */
  viewId: z.string().uuid("a saved view's id").optional(),
  filters: ZEventFilters.optional(),
});

export type TInvestigationExport = TRecordedExport;

type TAnnotations = {
  stars: { by: TPersonRef; at: string; ledgerSeq: string }[];
  tags: { tag: string; by: TPersonRef; at: string; ledgerSeq: string }[];
  comments: { id: string; by: TPersonRef; at: string; body: string; ledgerSeq: string }[];
};

/**
 * The events of an investigation (or of one of its saved views) as CSV or NDJSON, oldest first,
 * with their stars, tags and comments. NDJSON lines carry each entry's canonical JSON exactly as
 * hashed, its seq and leaf hash, so each can be checked against the ledger. The file is written
 * a page at a time to a temporary file while hashed; a case file is exported whole or not at all,
 * so one that would pass 256 MiB is refused (413, nothing recorded) with a request to narrow the
 * filters. RATE_LIMITED while the person has two exports in flight. The export is itself a
 * ledger entry (format, filters, count, SHA-256 of the file), written before the file is sent.
 */
export async function exportInvestigationEvents({
  principal,
  investigationId,
  input,
  now = new Date(),
  byteLimit = exportByteLimit,
}: {
  principal: TPrincipal;
  investigationId: string;
  input: unknown;
  now?: Date;
  /** Tests only: a smaller byte limit than the one every export has. */
  byteLimit?: number;
}): Promise<TInvestigationExport> {
  const { format, viewId, filters: given } = parseInput(ZExportInput, input, "Nothing was exported");
  const investigation = await findInvestigation({ principal, investigationId });
  let filters: TEventFilters = given ?? {};
  let view: { id: string; name: string } | null = null;
  if (viewId) {
    const saved = await db().investigationSavedView.findFirst({ where: { id: viewId, investigationId: investigation.id } });
    if (!saved) throw new AppError("NOT_FOUND", "No such saved view in this investigation.");
    filters = ZEventFilters.parse(saved.filters);
    view = { id: saved.id, name: saved.name };
  }
  const label = investigationLabel(investigation.number);
  const spool = await openExportSpool({ personId: principal.userId, byteLimit });
  try {
    const tooLarge = () =>
      new AppError(
        "PAYLOAD_TOO_LARGE",
        `This export would be larger than ${byteSize(byteLimit)}, the most one export may hold. Nothing was exported: narrow the filters (a shorter window, an action, an actor, a saved view) and export again.`,
        {
          extra: { byteLimit },
        },
      );
    if (format === "csv" && !(await spool.write(csvLine(csvHeader)))) throw tooLarge();
    let count = 0;
    let after: { occurredAt: Date; seq: bigint } | null = null;
    for (;;) {
      const rows = await selectInvestigationEvents({ investigation, filters, after, limit: exportPageRows });
      const annotations = await annotationsFor(
        investigation.id,
        rows.map((row) => row.seq),
      );
      for (const row of rows) {
        const event = toInvestigationEventRow(row);
        const notes = annotations.get(event.seq) ?? { stars: [], tags: [], comments: [] };
        if (!(await spool.write(format === "csv" ? toCsvLine(event, notes) : toNdjsonLine(event, notes, { id: investigation.id, label }))))
          throw tooLarge();
        count += 1;
      }
      const last = rows.at(-1);
      if (rows.length < exportPageRows || !last) break;
      after = { occurredAt: last.occurredAt, seq: last.seq };
    }
    const file = await spool.finish();
    const ledgerSeq = await recordExport(file, () =>
      db().$transaction((tx) =>
        recordInvestigationChange(tx, {
          principal,
          investigation,
          action: "export",
          details: { format, ...(view ? { view } : {}), filters: eventFilterValues(filters), count, sha256: file.sha256 },
        }),
      ),
    );
    const stamp = fileStamp(now);
    const slug = view ? `-${fileSlug(view.name, 40)}` : "";
    return {
      filename: `${label}-events${slug}-${stamp}.${format}`,
      contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      body: file.body,
      sha256: file.sha256,
      bytes: file.bytes,
      ledgerSeq: ledgerSeq.toString(),
      count,
    };
  } catch (error) {
    await spool.discard();
    throw error;
  }
}

async function annotationsFor(investigationId: string, seqs: bigint[]): Promise<Map<string, TAnnotations>> {
  const where = { investigationId, seq: { in: seqs } };
  const person = { select: { id: true, name: true } } as const;
  const [stars, tags, comments] = await Promise.all([
    db().investigationStar.findMany({ where, orderBy: { starredAt: "asc" }, include: { user: person } }),
    db().investigationTag.findMany({ where, orderBy: { addedAt: "asc" }, include: { addedBy: person } }),
    db().investigationComment.findMany({ where, orderBy: { createdAt: "asc" }, include: { author: person } }),
  ]);
  const map = new Map<string, TAnnotations>();
  const of = (seq: bigint) => {
    const key = seq.toString();
    if (!map.has(key)) map.set(key, { stars: [], tags: [], comments: [] });
    return map.get(key)!;
  };
  for (const star of stars)
    of(star.seq).stars.push({ by: star.user, at: star.starredAt.toISOString(), ledgerSeq: star.ledgerSeq.toString() });
  for (const tag of tags)
    of(tag.seq).tags.push({ tag: tag.tag, by: tag.addedBy, at: tag.addedAt.toISOString(), ledgerSeq: tag.ledgerSeq.toString() });
  for (const comment of comments)
    of(comment.seq).comments.push({
      id: comment.id,
      by: comment.author,
      at: comment.createdAt.toISOString(),
      body: comment.body,
      ledgerSeq: comment.ledgerSeq.toString(),
    });
  return map;
}

const csvHeader = [...eventCsvHeader, "eventId", "leafHash", "starredBy", "tags", "comments"];

function toCsvLine(event: TInvestigationEventRow, notes: TAnnotations): string {
  return csvLine([
    ...eventCsvValues(event),
    event.eventId,
    event.leafHash,
    notes.stars.map((star) => `${star.by.name} (${star.at})`).join("; "),
    notes.tags.map((tag) => `${tag.tag} (${tag.by.name}, ${tag.at})`).join("; "),
    notes.comments.map((comment) => `${comment.by.name} at ${comment.at}: ${comment.body}`).join("\n"),
  ]);
}

function toNdjsonLine(event: TInvestigationEventRow, annotations: TAnnotations, investigation: { id: string; label: string }): string {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(event.canonical);
  } catch {
    // An altered entry whose bytes are not JSON: `canonical` still carries them.
  }
  const line = {
    investigationId: investigation.id,
    investigation: investigation.label,
    seq: event.seq,
    leafHash: event.leafHash,
    canonical: event.canonical,
    event: parsed,
    annotations,
  };
  return `${JSON.stringify(line)}\n`;
}
