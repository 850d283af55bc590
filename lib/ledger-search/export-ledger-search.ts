import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { formatCsv } from "@/lib/investigations/format-csv";
import { toInvestigationEventRow, type TInvestigationEventRow } from "@/lib/investigations/investigation-event-row";
import { parseInput } from "@/lib/investigations/parse-input";
import { recordLedgerRead } from "@/lib/timeline/record-ledger-read";
import { ledgerSearchFilterValues, ZLedgerSearchFilters } from "./ledger-search-filters";
import { ledgerSearchWhere, selectLedgerEntries } from "./ledger-search-sql";
import { resolveSearchReason } from "./resolve-search-reason";
import type { TSearchReason } from "./search-reason";

/** The most rows one export holds, newest first: enough for a case file, small enough to build in memory. */
export const ledgerExportLimit = 10_000;

export const ledgerExportFormats = ["csv", "ndjson"] as const;
const ZFormat = z.object({ format: z.enum(ledgerExportFormats, { error: "format: csv or ndjson" }) });

export type TLedgerSearchExport = {
  filename: string;
  contentType: string;
  body: string;
  /** SHA-256 of the body (hex), as the ledger entry recording the export holds it. */
  sha256: string;
  ledgerSeq: string;
  count: number;
  /** More entries matched than one export holds: these are the newest. */
  truncated: boolean;
};

/**
 * The search's current view (its filters, from the newest entry) as CSV or NDJSON, at most
 * 10,000 rows. NDJSON lines carry each entry's canonical JSON exactly as hashed, its seq and leaf
 * hash, so each can be checked against the ledger. Refused without a reason, like a search; the
 * export is a ledger read recorded with that reason, the filters, the count and the file's
 * SHA-256, written before the file is handed over.
 */
export async function exportLedgerSearch({ principal, format: rawFormat, filters: rawFilters, reason, now = new Date() }: {
  principal: TPrincipal;
  format: unknown;
  filters: unknown;
  reason: TSearchReason;
  now?: Date;
}): Promise<TLedgerSearchExport> {
  assertCapability(principal, "ledger.read");
  const { context } = await resolveSearchReason({ principal, reason });
  const { format } = parseInput(ZFormat, { format: rawFormat }, "Nothing was exported");
  const filters = parseInput(ZLedgerSearchFilters, rawFilters, "Nothing was exported");
  const { where, window } = await ledgerSearchWhere({ orgId: principal.orgId, filters, now });
  const rows = await selectLedgerEntries({ where, cursor: null, limit: ledgerExportLimit + 1 });
  const truncated = rows.length > ledgerExportLimit;
  const events = rows.slice(0, ledgerExportLimit).map(toInvestigationEventRow);
  const body = format === "csv" ? toCsv(events) : toNdjson(events);
  const sha256 = createHash("sha256").update(body, "utf8").digest("hex");
  const { seq } = await recordLedgerRead({
    principal,
    view: "ledger.search.export",
    query: { ...ledgerSearchFilterValues(filters), window: window.window, from: window.from, to: window.to, format },
    context,
    result: { count: events.length, truncated, sha256 },
  });
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return {
    filename: `ledger-search-${stamp}.${format}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    body,
    sha256,
    ledgerSeq: seq,
    count: events.length,
    truncated,
  };
}

const csvHeader = [
  "seq", "occurredAt", "recordedAt", "action", "actorId", "actorType", "actorDisplay", "onBehalfOf", "artifactId", "version", "digest", "environment", "uri",
  "outcome", "outcomeCode", "sourceSystem", "interface", "sourceIp", "submittedBy", "eventId", "leafHash",
] as const;

function toCsv(events: TInvestigationEventRow[]): string {
  return formatCsv(
    csvHeader,
    events.map((event) => [
      event.seq, event.occurredAt, event.recordedAt, event.action, event.actorId, event.actorType, event.actorDisplay, event.onBehalfOf, event.artifactId, event.version, event.digest,
      event.environment, event.uri, event.outcome, event.outcomeCode, event.sourceSystem, event.interface, event.sourceIp, event.submittedBy, event.eventId, event.leafHash,
    ]),
  );
}

function toNdjson(events: TInvestigationEventRow[]): string {
  return events
    .map((event) => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(event.canonical);
      } catch {
        // An altered entry whose bytes are not JSON: `canonical` still carries them.
      }
      return `${JSON.stringify({ seq: event.seq, leafHash: event.leafHash, canonical: event.canonical, event: parsed })}\n`;
    })
    .join("");
}
