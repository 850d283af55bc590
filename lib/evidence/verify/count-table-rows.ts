import type { TEvidenceReport, TRowFigure } from "@/lib/evidence/evidence-report";

/**
 * A row figure's rule applied to report.json: the rows of its table whose cells equal every cell
 * of `where` (strictly: 3 is not "3"). Null when the table is missing or malformed, so a verifier
 * says so rather than counting nothing.
 */
export function countTableRows(report: Pick<TEvidenceReport, "tables">, rule: TRowFigure["rowsOf"]): number | null {
  if (!Array.isArray(report.tables) || typeof rule?.table !== "string" || typeof rule.where !== "object" || rule.where === null)
    return null;
  const table = report.tables.find((candidate) => candidate?.name === rule.table);
  if (!table || !Array.isArray(table.rows)) return null;
  const conditions = Object.entries(rule.where);
  return table.rows.filter(
    (row) => typeof row === "object" && row !== null && conditions.every(([key, value]) => Object.hasOwn(row, key) && row[key] === value),
  ).length;
}

/** The rule in words, as the PDF and the verifier print it. */
export function describeRowRule(rule: TRowFigure["rowsOf"]): string {
  const conditions = Object.entries(rule.where).map(([key, value]) => `${key} = ${JSON.stringify(value)}`);
  return `rows of table ${rule.table}${conditions.length ? ` where ${conditions.join(" and ")}` : ""}`;
}
