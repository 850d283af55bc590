import { submitterLabel, type TLedgerRecord } from "./ledger-record";

// The LedgerEntry columns derived from an entry's hashed record, declared once: append writes
// what `deriveEntryColumns` gives, and verify reads every column listed here (binary COPY) and
// compares it with the same derivation of the stored bytes. A column added here is verified
// with no change to verify.

// Derived, unhashed copies for filtering: a text column cannot hold U+0000, so it becomes U+FFFD
// (as the migration's backfill, custody_ledger_actor_text, derives them from the hashed bytes).
function indexedText(value: unknown): string | null {
  return typeof value === "string" ? value.replaceAll("\u0000", "\uFFFD") : null;
}

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
  { name: "actorDisplay", type: "text", derive: (record) => indexedText(record.actor.display) },
  { name: "actorOnBehalfOf", type: "text", derive: (record) => indexedText(record.actor.onBehalfOf) },
  { name: "artifactId", type: "text", derive: (record) => record.target?.artifactId ?? null },
  { name: "digest", type: "text", derive: (record) => record.target?.digest ?? null },
  { name: "environment", type: "text", derive: (record) => record.target?.environment ?? null },
  { name: "outcome", type: "text", derive: (record) => record.outcome.status },
  { name: "submittedBy", type: "text", derive: (record) => submitterLabel(record.submittedBy) },
  {
    name: "tokenId",
    type: "text",
    derive: (record) => (record.submittedBy.type === "service_account" ? record.submittedBy.tokenId : null),
  },
  // Where it came from, for the network-origin detector (it would otherwise parse every record).
  { name: "sourceIp", type: "text", derive: (record) => indexedText(record.network?.sourceIp) },
  { name: "userAgent", type: "text", derive: (record) => indexedText(record.network?.userAgent) },
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

// Entries of a batch share their recordedAt: parsing and formatting it once saves a tenth of verify's work.
const timestamps = new Map<string, string>();

/** A timestamp as its timestamp(3) column holds it: UTC wall time to the millisecond, ISO 8601. */
export function storedTimestamp(value: string): string {
  // Already in that form (what ingest writes for recordedAt, and most senders for occurredAt): itself.
  if (isStoredForm(value)) return value;
  let stored = timestamps.get(value);
  if (stored === undefined) {
    stored = new Date(value).toISOString();
    if (timestamps.size >= 1024) timestamps.clear();
    timestamps.set(value, stored);
  }
  return stored;
}

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Milliseconds since 1970 of a timestamp in its stored form (years 100 to 9999), else null: to compare without formatting. */
export function storedFormMs(value: string): number | null {
  if (!isStoredForm(value)) return null;
  const year = digitsAt(value, 0, 4);
  // Date.UTC reads years below 100 as 19xx.
  if (year < 100) return null;
  return Date.UTC(
    year,
    digitsAt(value, 5, 7) - 1,
    digitsAt(value, 8, 10),
    digitsAt(value, 11, 13),
    digitsAt(value, 14, 16),
    digitsAt(value, 17, 19),
    digitsAt(value, 20, 23),
  );
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ` naming a real instant: exactly what `toISOString` gives back for it. */
function isStoredForm(value: string): boolean {
  if (
    value.length !== 24 ||
    value[4] !== "-" ||
    value[7] !== "-" ||
    value[10] !== "T" ||
    value[13] !== ":" ||
    value[16] !== ":" ||
    value[19] !== "." ||
    value[23] !== "Z"
  )
    return false;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 7);
  const day = digitsAt(value, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > daysInMonth[month - 1]! + (month === 2 && leap ? 1 : 0)) return false;
  const hour = digitsAt(value, 11, 13);
  const minute = digitsAt(value, 14, 16);
  const second = digitsAt(value, 17, 19);
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && digitsAt(value, 20, 23) >= 0;
}

// Not a closure inside isStoredForm: it runs twice an entry, and tsx wraps every closure it makes.
function digitsAt(value: string, from: number, to: number): number {
  let result = 0;
  for (let i = from; i < to; i += 1) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    result = result * 10 + digit;
  }
  return result;
}
