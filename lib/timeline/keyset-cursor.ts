// Keyset paging over the timeline's order (occurredAt desc, seq desc): the cursor is the last
// row's position, so a page never shifts when events are appended meanwhile (OFFSET would), and
// each page costs one index range scan however deep the reader has scrolled.

import { maxLedgerSeq as maxSeq } from "@/lib/input/ledger-seq";

export type TKeysetCursor = { occurredAt: Date; seq: bigint };

const CURSOR = /^(\d{1,15})_(\d{1,19})$/;
// What the database can hold: seq is an int8, times end with year 9999 (beyond, PostgreSQL refuses them: a 500).
const maxMs = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** "<epoch ms>_<seq>": URL-safe, and opaque enough that nobody edits it by hand. */
export function encodeCursor(cursor: TKeysetCursor): string {
  const ms = cursor.occurredAt.getTime();
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError("cursor time must be on or after 1970-01-01");
  if (cursor.seq < BigInt(0)) throw new RangeError("cursor seq must not be negative");
  return `${ms}_${cursor.seq.toString()}`;
}

/** The cursor back, or null when `text` is not one this module wrote. */
export function decodeCursor(text: string): TKeysetCursor | null {
  const match = CURSOR.exec(text);
  if (!match) return null;
  const ms = Number(match[1]);
  const seq = BigInt(match[2]!);
  if (!Number.isSafeInteger(ms) || !isCursorPosition({ occurredAt: new Date(ms), seq })) return null;
  return { occurredAt: new Date(ms), seq };
}

/** Whether a position decoded from a client can be sent to PostgreSQL: 1970 to 9999, seq an int8 ≥ 0. */
export function isCursorPosition({ occurredAt, seq }: TKeysetCursor): boolean {
  const ms = occurredAt.getTime();
  return Number.isFinite(ms) && ms >= 0 && ms <= maxMs && seq >= BigInt(0) && seq <= maxSeq;
}
