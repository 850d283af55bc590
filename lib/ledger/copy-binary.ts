import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";

// PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html):
// bytea columns arrive as the stored bytes, with no hex to encode on the server and decode
// here, which is what makes reading the whole ledger for verification cheap. node-postgres
// cannot do this for ordinary queries: it decodes every binary value as UTF-8 text.

const signature = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");

/** Runs `COPY (…) TO STDOUT (FORMAT binary)` and returns everything it sent. */
export async function copyOutBinary(client: Pick<pg.Client, "query">, select: string): Promise<Buffer> {
  const stream = client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT binary)`));
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The rows of a binary COPY, each an array of its fields' raw bytes (null for NULL). Fields are
 * views into `data`, not copies.
 */
export function parseCopyBinary(data: Buffer): (Buffer | null)[][] {
  if (data.length < 19 || !data.subarray(0, 11).equals(signature)) throw new Error("not PostgreSQL binary COPY data (bad signature)");
  let offset = 11 + 4; // signature, flags
  offset += 4 + data.readInt32BE(offset); // header extension
  const rows: (Buffer | null)[][] = [];
  for (;;) {
    const fields = data.readInt16BE(offset);
    offset += 2;
    if (fields === -1) return rows;
    const row: (Buffer | null)[] = new Array(fields);
    for (let i = 0; i < fields; i += 1) {
      const length = data.readInt32BE(offset);
      offset += 4;
      if (length === -1) {
        row[i] = null;
      } else {
        if (offset + length > data.length) throw new Error("binary COPY data ends inside a field");
        row[i] = data.subarray(offset, offset + length);
        offset += length;
      }
    }
    rows.push(row);
  }
}

/** An int8 field as a number (exact below 2^53). */
export function int8(field: Buffer | null): number {
  if (!field) throw new Error("unexpected NULL int8");
  // Two 32-bit halves instead of a BigInt: millions of these are read per verification.
  return field.readInt32BE(0) * 2 ** 32 + field.readUInt32BE(4);
}

/** A text field as a string, null for NULL. */
export function text(field: Buffer | null): string | null {
  return field ? field.toString("utf8") : null;
}

/**
 * The fields of a binary COPY of `fields` columns without an array per row, for reading millions:
 * field f of row r is data[start[r·fields + f] … + length[…]), length −1 for NULL.
 */
export function parseCopyFields(data: Buffer, fields: number): { rows: number; start: Int32Array; length: Int32Array } {
  if (data.length < 19 || !data.subarray(0, 11).equals(signature)) throw new Error("not PostgreSQL binary COPY data (bad signature)");
  let offset = 11 + 4;
  offset += 4 + data.readInt32BE(offset);
  let start = new Int32Array(1024 * fields);
  let length = new Int32Array(1024 * fields);
  let rows = 0;
  for (;;) {
    const count = data.readInt16BE(offset);
    offset += 2;
    if (count === -1) return { rows, start, length };
    if (count !== fields) throw new Error(`binary COPY row has ${count} fields, expected ${fields}`);
    if ((rows + 1) * fields > start.length) {
      const grownStart = new Int32Array(start.length * 2);
      grownStart.set(start);
      start = grownStart;
      const grownLength = new Int32Array(length.length * 2);
      grownLength.set(length);
      length = grownLength;
    }
    for (let i = rows * fields, end = i + fields; i < end; i += 1) {
      const size = data.readInt32BE(offset);
      offset += 4;
      start[i] = offset;
      length[i] = size;
      if (size > 0) {
        if (offset + size > data.length) throw new Error("binary COPY data ends inside a field");
        offset += size;
      }
    }
    rows += 1;
  }
}

/** A uuid field (16 bytes at `start`) in its text form (lower case, as `uuid::text` gives it). */
export function uuidAt(data: Buffer, start: number): string {
  const hex = data.toString("hex", start, start + 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An int8 field at `start` as a number (exact below 2^53). */
export function int8At(data: Buffer, start: number): number {
  return data.readInt32BE(start) * 2 ** 32 + data.readUInt32BE(start + 4);
}

const postgresEpochMs = Date.UTC(2000, 0, 1);

/**
 * A timestamp field at `start` (microseconds since 2000-01-01) as ISO 8601 UTC, to the millisecond
 * as `toISOString` writes it; sub-millisecond digits are kept so such a value never equals one.
 */
export function timestampAt(data: Buffer, start: number): string {
  const micros = int8At(data, start);
  const remainder = ((micros % 1000) + 1000) % 1000;
  const date = new Date(postgresEpochMs + (micros - remainder) / 1000);
  if (Number.isNaN(date.getTime())) return `timestamp out of range (${micros} µs)`;
  const iso = date.toISOString();
  return remainder === 0 ? iso : `${iso.slice(0, -1)}${String(remainder).padStart(3, "0")}Z`;
}
