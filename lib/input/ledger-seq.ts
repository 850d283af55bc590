import { z } from "zod";

// A ledger position from outside (`?focus=1234`, `{"seqs": ["1234"]}`, cursors): seq is an int8
// in PostgreSQL, and a larger one answered 500 ("value out of range for type bigint"). Pure.

export const maxLedgerSeq = BigInt("9223372036854775807");

/** Whether `text` is a seq the database can hold: 0 to 2^63 − 1, digits only. */
export function isLedgerSeq(text: string): boolean {
  return /^\d{1,19}$/.test(text) && BigInt(text) <= maxLedgerSeq;
}

/** A ledger seq as decimal text, kept as text (JSON numbers cannot hold all of them). */
export const ZLedgerSeq = z
  .string({ error: "a ledger seq (a whole number)" })
  .refine(isLedgerSeq, "a ledger seq: a whole number from 0 to 9223372036854775807");

/** A tree size or index in a query string: digits only (no 1e3, no 0x10), at most 2^53 − 1. */
export const ZTreeNumber = (what: string) =>
  z
    .string({ error: `${what}: a whole number` })
    .regex(/^(0|[1-9][0-9]{0,15})$/, { message: `${what}: a whole number`, abort: true })
    .transform(Number)
    .refine(Number.isSafeInteger, `${what}: at most ${Number.MAX_SAFE_INTEGER}`);
