import "server-only";
import { fileStamp } from "@/lib/exports/export-file-name";
import { recordExport } from "@/lib/exports/record-export";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { exportPageRows } from "@/lib/exports/export-limits";
import { openExportSpool } from "@/lib/exports/open-export-spool";
import { Prisma } from "@/lib/generated/prisma/client";
import { csvLine } from "@/lib/investigations/format-csv";
import { eventCsvHeader, eventCsvValues } from "@/lib/investigations/event-csv-columns";
import { toInvestigationEventRow, type TInvestigationEventRow } from "@/lib/investigations/investigation-event-row";
import { parseInput } from "@/lib/input/parse-input";
import type { TKeysetCursor } from "@/lib/timeline/keyset-cursor";
import { recordLedgerRead } from "@/lib/timeline/record-ledger-read";
import { ledgerSearchFilterValues, ZLedgerSearchFilters } from "./ledger-search-filters";
import { ledgerSearchWhere, selectLedgerEntries } from "./ledger-search-sql";
import { resolveSearchReason } from "./resolve-search-reason";
import type { TSearchReason } from "./search-reason";
import type { TRecordedExport } from "@/lib/exports/download-response";

/** The most rows one export holds, newest first. */
export const ledgerExportLimit = 10_000;

export const ledgerExportFormats = ["csv", "ndjson"] as const;
const ZFormat = z.object({ format: z.enum(ledgerExportFormats, { error: "format: csv or ndjson" }) });

export type TLedgerSearchExport = TRecordedExport & {
  /** More entries matched than one export holds: these are the newest. */
  truncated: boolean;
  /** Which bound stopped it: 10,000 rows, or the byte limit (256 MiB). */
  truncatedBy: "rows" | "bytes" | null;
};

/**
 * The search's current view (its filters, from the newest entry) as CSV or NDJSON: at most
 * 10,000 rows and 256 MiB, whole rows only, as of the ledger's size when the export began. It is
 * read a page at a time into a temporary file while hashed, so memory stays small whatever the
 * rows hold; past either bound it stops and says `truncated` (the newest rows are those kept). NDJSON
 * lines carry each entry's canonical JSON exactly as hashed, its seq and leaf hash, so each can
 * be checked against the ledger. Refused without a reason, like a search, and RATE_LIMITED while
 * the person has two exports in flight; the export is a ledger read recorded with that reason,
 * the filters, the count and the file's SHA-256, written before the file is handed over.
 */
export async function exportLedgerSearch({
  principal,
  format: rawFormat,
  filters: rawFilters,
  reason,
  now = new Date(),
  byteLimit,
}: {
  principal: TPrincipal;
  format: unknown;
  filters: unknown;
  reason: TSearchReason;
  now?: Date;
  /** Tests only: a smaller byte limit than the one every export has. */
  byteLimit?: number;
}): Promise<TLedgerSearchExport> {
  assertCapability(principal, "ledger.read");
  const { context } = await resolveSearchReason({ principal, reason });
  const { format } = parseInput(ZFormat, { format: rawFormat }, "Nothing was exported");
  const filters = parseInput(ZLedgerSearchFilters, rawFilters, "Nothing was exported");
  const { where, window } = await ledgerSearchWhere({ orgId: principal.orgId, filters, now });
  const spool = await openExportSpool({ personId: principal.userId, byteLimit });
  try {
    // The ledger only grows: bounding seq makes every page read the same ledger.
    const [size] = await db().$queryRaw<
      { last: bigint | null }[]
    >`SELECT max(seq) AS last FROM "LedgerEntry" WHERE "orgId" = ${principal.orgId}`;
    const bounded = Prisma.sql`${where} AND e.seq <= ${size?.last ?? -1}`;
    let truncatedBy: TLedgerSearchExport["truncatedBy"] = null;
    let count = 0;
    if (format === "csv") await spool.write(csvLine(csvHeader));
    let cursor: TKeysetCursor | null = null;
    pages: for (;;) {
      const rows = await selectLedgerEntries({ where: bounded, cursor, limit: exportPageRows });
      for (const row of rows) {
        if (count === ledgerExportLimit) truncatedBy = "rows";
        else if (
          !(await spool.write(format === "csv" ? toCsvLine(toInvestigationEventRow(row)) : toNdjsonLine(toInvestigationEventRow(row))))
        )
          truncatedBy = "bytes";
        if (truncatedBy) break pages;
        count += 1;
      }
      const last = rows.at(-1);
      if (rows.length < exportPageRows || !last) break;
      cursor = { occurredAt: last.occurredAt, seq: last.seq };
    }
    const file = await spool.finish();
    const truncated = truncatedBy !== null;
    const { seq } = await recordExport(file, () =>
      recordLedgerRead({
        principal,
        view: "ledger.search.export",
        query: { ...ledgerSearchFilterValues(filters), window: window.window, from: window.from, to: window.to, format },
        context,
        result: { count, truncated, ...(truncatedBy ? { truncatedBy } : {}), bytes: file.bytes, sha256: file.sha256 },
      }),
    );
    const stamp = fileStamp(now);
    return {
      filename: `ledger-search-${stamp}.${format}`,
      contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      body: file.body,
      sha256: file.sha256,
      bytes: file.bytes,
      ledgerSeq: seq,
      count,
      truncated,
      truncatedBy,
    };
  } catch (error) {
    await spool.discard();
    throw error;
  }
}

const csvHeader = [...eventCsvHeader, "submittedBy", "eventId", "leafHash"];

function toCsvLine(event: TInvestigationEventRow): string {
  return csvLine([...eventCsvValues(event), event.submittedBy, event.eventId, event.leafHash]);
}

function toNdjsonLine(event: TInvestigationEventRow): string {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(event.canonical);
  } catch {
    // An altered entry whose bytes are not JSON: `canonical` still carries them.
  }
  return `${JSON.stringify({ seq: event.seq, leafHash: event.leafHash, canonical: event.canonical, event: parsed })}\n`;
}
