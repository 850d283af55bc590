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
