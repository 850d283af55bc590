import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { eventFilterValues, ZEventFilters, type TEventFilters } from "./event-filters";
import { findInvestigation } from "./find-investigation";
import { formatCsv } from "./format-csv";
import type { TInvestigationEventRow } from "./investigation-event-row";
import { investigationLabel, investigationLimits, type TPersonRef } from "./investigation-vocabulary";
import { readInvestigationEvents } from "./list-investigation-events";
import { parseInput } from "./parse-input";
import { recordInvestigationChange } from "./record-investigation-change";

export const exportFormats = ["csv", "ndjson"] as const;

export const ZExportInput = z.object({
  format: z.enum(exportFormats, { error: "format: csv or ndjson" }),
  /** A saved view's filters; otherwise `filters` (none: every event of the investigation). */
  viewId: z.string().uuid("a saved view's id").optional(),
  filters: ZEventFilters.optional(),
});

export type TInvestigationExport = {
  filename: string;
  contentType: string;
  body: string;
  /** SHA-256 of the body (hex), as the ledger entry recording the export holds it. */
  sha256: string;
  ledgerSeq: string;
  count: number;
};

type TAnnotations = {
  stars: { by: TPersonRef; at: string; ledgerSeq: string }[];
  tags: { tag: string; by: TPersonRef; at: string; ledgerSeq: string }[];
  comments: { id: string; by: TPersonRef; at: string; body: string; ledgerSeq: string }[];
};

/**
 * The events of an investigation (or of one of its saved views) as CSV or NDJSON, oldest first,
 * with their stars, tags and comments. NDJSON lines carry each entry's canonical JSON exactly as
 * hashed, its seq and leaf hash, so each can be checked against the ledger. The export is itself
 * a ledger entry (format, filters, count, SHA-256 of the file), written before the file is sent.
 */
export async function exportInvestigationEvents({ principal, investigationId, input, now = new Date() }: { principal: TPrincipal; investigationId: string; input: unknown; now?: Date }): Promise<TInvestigationExport> {
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
  const { events } = await readInvestigationEvents({ investigation, filters, pageSize: investigationLimits.events });
  const annotations = await annotationsFor(investigation.id, events.map((event) => BigInt(event.seq)));
  const label = investigationLabel(investigation.number);
  const body = format === "csv" ? toCsv(events, annotations) : toNdjson(events, annotations, { id: investigation.id, label });
  const sha256 = createHash("sha256").update(body, "utf8").digest("hex");
  const ledgerSeq = await db().$transaction((tx) =>
    recordInvestigationChange(tx, {
      principal,
      investigation,
      action: "export",
      details: { format, ...(view ? { view } : {}), filters: eventFilterValues(filters), count: events.length, sha256 },
    }),
  );
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const slug = view ? `-${view.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40)}` : "";
  return {
    filename: `${label}-events${slug}-${stamp}.${format}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    body,
    sha256,
    ledgerSeq: ledgerSeq.toString(),
    count: events.length,
  };
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
  for (const star of stars) of(star.seq).stars.push({ by: star.user, at: star.starredAt.toISOString(), ledgerSeq: star.ledgerSeq.toString() });
  for (const tag of tags) of(tag.seq).tags.push({ tag: tag.tag, by: tag.addedBy, at: tag.addedAt.toISOString(), ledgerSeq: tag.ledgerSeq.toString() });
  for (const comment of comments) of(comment.seq).comments.push({ id: comment.id, by: comment.author, at: comment.createdAt.toISOString(), body: comment.body, ledgerSeq: comment.ledgerSeq.toString() });
  return map;
}

const csvHeader = [
  "seq", "occurredAt", "recordedAt", "action", "actorId", "actorType", "actorDisplay", "onBehalfOf", "artifactId", "version", "digest", "environment", "uri",
  "outcome", "outcomeCode", "sourceSystem", "interface", "sourceIp", "eventId", "leafHash", "starredBy", "tags", "comments",
] as const;

function toCsv(events: TInvestigationEventRow[], annotations: Map<string, TAnnotations>): string {
  const empty: TAnnotations = { stars: [], tags: [], comments: [] };
  return formatCsv(
    csvHeader,
    events.map((event) => {
      const notes = annotations.get(event.seq) ?? empty;
      return [
        event.seq, event.occurredAt, event.recordedAt, event.action, event.actorId, event.actorType, event.actorDisplay, event.onBehalfOf, event.artifactId, event.version, event.digest,
        event.environment, event.uri, event.outcome, event.outcomeCode, event.sourceSystem, event.interface, event.sourceIp, event.eventId, event.leafHash,
        notes.stars.map((star) => `${star.by.name} (${star.at})`).join("; "),
        notes.tags.map((tag) => `${tag.tag} (${tag.by.name}, ${tag.at})`).join("; "),
        notes.comments.map((comment) => `${comment.by.name} at ${comment.at}: ${comment.body}`).join("\n"),
      ];
    }),
  );
}

function toNdjson(events: TInvestigationEventRow[], annotations: Map<string, TAnnotations>, investigation: { id: string; label: string }): string {
  return events
    .map((event) => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(event.canonical);
      } catch {
        // An altered entry whose bytes are not JSON: `canonical` still carries them.
      }
      return JSON.stringify({
        investigationId: investigation.id,
        investigation: investigation.label,
        seq: event.seq,
        leafHash: event.leafHash,
        canonical: event.canonical,
        event: parsed,
        annotations: annotations.get(event.seq) ?? { stars: [], tags: [], comments: [] },
      });
    })
    .map((line) => `${line}\n`)
    .join("");
}
