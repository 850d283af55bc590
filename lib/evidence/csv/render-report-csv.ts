import { formatCsv } from "@/lib/investigations/format-csv";
import type { TEvidenceReport, TEvidenceTable } from "../evidence-report";

export type TCsvFile = { name: string; bytes: Uint8Array; mimeType: "text/csv; charset=utf-8" };

/**
 * One table as RFC 4180 CSV (CRLF, quoted where needed), the header being the column keys as in
 * report.json; a text cell a spreadsheet would run as a formula (= + - @, tab, CR) starts with an
 * apostrophe (lib/investigations/format-csv, as every Custody export).
 */
export function renderTableCsv(table: TEvidenceTable): string {
  const keys = table.columns.map((column) => column.key);
  return formatCsv(
    keys,
    table.rows.map((row) => keys.map((key) => row[key] ?? null)),
  );
}

/** Every table of the report as `tables/<name>.csv`. */
export function renderReportCsv(report: TEvidenceReport): TCsvFile[] {
  const encoder = new TextEncoder();
  return report.tables.map((table) => ({
    name: `tables/${table.name}.csv`,
    bytes: encoder.encode(renderTableCsv(table)),
    mimeType: "text/csv; charset=utf-8",
  }));
}
