// CSV as RFC 4180 says (CRLF, quotes doubled, fields with commas, quotes or line breaks quoted),
// and safe to open in a spreadsheet: a text cell that would start a formula (= + - @, tab, CR)
// is prefixed with an apostrophe, as OWASP advises against CSV injection.

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** One row (or the header) as formatCsv writes it, CRLF included: for files written row by row. */
export function csvLine(row: readonly (string | number | boolean | null | undefined)[]): string {
  return `${row.map(csvCell).join(",")}\r\n`;
}
