import { submitterLabel, type TLedgerRecord } from "./ledger-record";

// The LedgerEntry columns derived from an entry's hashed record, declared once: append writes
// what `deriveEntryColumns` gives, and verify reads every column listed here (binary COPY) and
// compares it with the same derivation of the stored bytes. A column added here is verified
// with no change to verify.

/** How a column travels in binary COPY, and so how verify decodes it back to the derived value. */
export type TEntryColumnType = "uuid" | "int4" | "timestamp" | "text";

export type TEntryColumnValue = string | number | null;

type TEntryColumn = { name: string; type: TEntryColumnType; derive: (record: TLedgerRecord) => TEntryColumnValue };

export const entryColumns = [
  // The uuid column stores lower case: an entry whose bytes hold an upper-case id is still itself.
  { name: "eventId", type: "uuid", derive: (record) => record.eventId.toLowerCase() },
  { name: "schemaVersion", type: "int4", derive: (record) => record.schemaVersion },
  { name: "occurredAt", type: "timestamp", derive: (record) => storedTimestamp(record.occurredAt) },
  { name: "recordedAt", type: "timestamp", derive: (record) => storedTimestamp(record.recordedAt) },
  { name: "sourceSystem", type: "text", derive: (record) => record.source.system },
  { name: "interface", type: "text", derive: (record) => record.interface },
  { name: "action", type: "text", derive: (record) => record.action },
  { name: "actorId", type: "text", derive: (record) => record.actor.id },
  { name: "actorType", type: "text", derive: (record) => record.actor.type },
  { name: "artifactId", type: "text", derive: (record) => record.target?.artifactId ?? null },
  { name: "digest", type: "text", derive: (record) => record.target?.digest ?? null },
  { name: "environment", type: "text", derive: (record) => record.target?.environment ?? null },
  { name: "outcome", type: "text", derive: (record) => record.outcome.status },
  { name: "submittedBy", type: "text", derive: (record) => submitterLabel(record.submittedBy) },
  { name: "tokenId", type: "text", derive: (record) => (record.submittedBy.type === "service_account" ? record.submittedBy.tokenId : null) },
] as const satisfies readonly TEntryColumn[];

type TDeclaredColumn = (typeof entryColumns)[number];

export type TEntryColumns = { [Column in TDeclaredColumn as Column["name"]]: ReturnType<Column["derive"]> };

export type TEntryColumnName = keyof TEntryColumns;

/** The indexed columns of the entry that hashes `record`, as append writes them. */
export function deriveEntryColumns(record: TLedgerRecord): TEntryColumns {
  const values = deriveEntryColumnValues(record);
  const columns: Record<string, TEntryColumnValue> = {};
  for (let i = 0; i < entryColumns.length; i += 1) columns[entryColumns[i]!.name] = values[i]!;
  return columns as TEntryColumns;
}

/** The same, as values in the order of `entryColumns` (what verify compares, millions at a time). */
export function deriveEntryColumnValues(record: TLedgerRecord): TEntryColumnValue[] {
  const values = new Array<TEntryColumnValue>(entryColumns.length);
  for (let i = 0; i < entryColumns.length; i += 1) values[i] = entryColumns[i]!.derive(record);
  return values;
}

// Entries of a batch share their recordedAt: parsing and formatting it once is a tenth of verify's work.
const timestamps = new Map<string, string>();

/** A timestamp as its timestamp(3) column holds it: UTC wall time to the millisecond, ISO 8601. */
export function storedTimestamp(value: string): string {
  let stored = timestamps.get(value);
  if (stored === undefined) {
    stored = new Date(value).toISOString();
    if (timestamps.size >= 1024) timestamps.clear();
    timestamps.set(value, stored);
  }
  return stored;
}
