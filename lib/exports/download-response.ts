import "server-only";
import type { TFinishedExport } from "./open-export-spool";

/** An export as handed out: the spooled file, its name and type, and the ledger entry that recorded the download. */
export type TRecordedExport = TFinishedExport & {
  filename: string;
  contentType: string;
  /** The ledger entry recording the export; it holds `sha256`. */
  ledgerSeq: string;
  /** Rows (or items) in the file. */
  count: number;
  /** More matched than one export holds (searches only): these are the newest. */
  truncated?: boolean;
};

/**
 * The download: the file streamed as an attachment, never sniffed, with headers that tie it to the
 * ledger entry recording it (its SHA-256, that entry's seq, the row count, whether it was cut short).
 */
export function downloadResponse(file: TRecordedExport): Response {
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "x-content-type-options": "nosniff",
      "x-custody-export-sha256": file.sha256,
      "x-custody-ledger-seq": file.ledgerSeq,
      "x-custody-export-count": String(file.count),
      ...(file.truncated === undefined ? {} : { "x-custody-export-truncated": String(file.truncated) }),
    },
  });
}
