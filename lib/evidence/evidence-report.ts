// The content of an evidence bundle, independent of how it is packaged. A report builder (one per
// kind) fills it from the database as of one signed checkpoint; the bundler writes it as
// report.json, renders report.pdf and the CSVs from it, and cites `citedSeqs` with their proofs.
// The verifier recomputes every figure from the cited entries, so each figure says what it counts.

export const evidenceKinds = ["access_review", "incident_report", "chain_of_custody", "control_health"] as const;
export type TEvidenceKind = (typeof evidenceKinds)[number];

export type TEvidenceCell = string | number | boolean | null;

export type TEvidenceTable = {
  /** File-safe name: the CSV is `tables/<name>.csv`. */
  name: string;
  title: string;
  columns: { key: string; label: string }[];
  rows: Record<string, TEvidenceCell>[];
};

/** A number stated in the report, and the rule that recomputes it: from the cited entries, or (state no entry records) from a table's rows. */
export type TEvidenceFigure = TEntryFigure | TRowFigure;

export type TEntryFigure = {
  key: string;
  label: string;
  value: number;
  /** value = the number of cited entries whose action is one of `actions` (and outcome one of `outcomes`, when given). */
  countOf: { actions: string[]; outcomes?: string[] };
  rowsOf?: never;
};

/**
 * A figure about state (a grant still held, a test's status), which no ledger entry records: value
 * = the number of rows of the report's table `table` whose cells equal every cell of `where`.
 * The verifier recounts them in report.json; the CSV of the table is the same rows.
 */
export type TRowFigure = {
  key: string;
  label: string;
  value: number;
  rowsOf: { table: string; where: Record<string, TEvidenceCell> };
  countOf?: never;
};

export type TEvidenceSection = {
  title: string;
  /** Plain text paragraphs (no markup); `[[seq:N]]` references already resolved to words. */
  paragraphs: string[];
  /** Names of tables (from `tables`) shown in this section, in order. */
  tables: string[];
  /** A line chart drawn in the PDF above the tables: column `y` of table `table` against column `x` (0 to `max`). */
  chart?: { table: string; x: string; y: string; label: string; max: number };
};

export type TEvidenceReport = {
  /** Format version of report.json. */
  formatVersion: 1;
  kind: TEvidenceKind;
  title: string;
  /** What the report covers, in words and by id (campaign ids, investigation id, artifact id and digest). */
  scope: { label: string; ids: Record<string, string | string[]> };
  /** The period the report speaks for (ISO 8601; null for an open end). */
  period: { from: string | null; to: string | null };
  /** The signed checkpoint it stands on: only entries with seq < size are cited. */
  effective: { checkpointSize: string; rootHash: string; checkpointCreatedAt: string };
  generatedAt: string;
  generatedBy: { id: string; name: string };
  summary: string[];
  sections: TEvidenceSection[];
  tables: TEvidenceTable[];
  figures: TEvidenceFigure[];
  /** Ledger seqs (decimal strings, ascending) of every entry the report cites. */
  citedSeqs: string[];
};
