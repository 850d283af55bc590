// Text as the PDF can show it: the ledger may hold any Unicode (U+0000, lone surrogates, control
// characters, text the fonts have no glyph for). The PDF shows a visible stand-in; report.json,
// attached to the PDF and in the bundle, keeps the exact text.

const maxCellCharacters = 1_500;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Control characters (but tab and line feed) become U+FFFD, lone surrogates too; CRLF becomes LF. */
export function pdfText(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? value : String(value);
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, "    ")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "\ufffd")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** A table cell: at most 1,500 characters on paper, saying where the rest is. */
export function pdfCellText(value: unknown): string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return value.toLocaleString("en-GB");
  // Instants read as "2026-11-02 09:00:00Z" on paper (report.json and the CSV keep ISO 8601 as recorded).
  if (typeof value === "string" && isoInstant.test(value))
    return value.replace("T", " ").replace(/\.0+Z$|\.(\d+)Z$/, (_, fraction) => (fraction ? `.${fraction}Z` : "Z"));
  const text = pdfText(value);
  if (text.length <= maxCellCharacters) return text;
  return `${text.slice(0, maxCellCharacters)}… (${(text.length - maxCellCharacters).toLocaleString("en-GB")} more characters in report.json)`;
}

/** "12 Nov 2026, 09:00 UTC" from an ISO instant; anything else as it is. */
export function pdfInstant(iso: string | null): string {
  if (!iso) return "open";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return pdfText(iso);
  const day = date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  return `${day}, ${date.toISOString().slice(11, 19)} UTC`;
}

/** Ascending decimal seqs as ranges: "3–7, 12, 15–16". */
export function seqRanges(seqs: readonly string[]): string {
  const ranges: string[] = [];
  let start: bigint | null = null;
  let previous: bigint | null = null;
  const close = () => {
    if (start === null || previous === null) return;
    ranges.push(start === previous ? `${start}` : `${start}–${previous}`);
  };
  for (const seq of seqs) {
    const value = BigInt(seq);
    if (previous !== null && value === previous + 1n) {
      previous = value;
      continue;
    }
    close();
    start = value;
    previous = value;
  }
  close();
  return ranges.join(", ");
}
