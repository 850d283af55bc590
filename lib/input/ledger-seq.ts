import { z } from "zod";

// A ledger position from outside (`?focus=1234`, `{"seqs": ["1234"]}`, cursors): seq is an int8
// in PostgreSQL, and a larger one answered 500 ("value out of range for type bigint"). Pure.

export const maxLedgerSeq = BigInt("9223372036854775807");

/** Whether `text` is a seq the database can hold: 0 to 2^63 − 1, digits only. */
export function isLedgerSeq(text: string): boolean {
  return /^\d{1,19}$/.test(text) && BigInt(text) <= maxLedgerSeq;
}

/** A ledger seq as decimal text, kept as text (JSON numbers cannot hold all of them). */
export const ZLedgerSeq = z.string({ error: "a ledger seq (a whole number)" }).refine(isLedgerSeq, "a ledger seq: a whole number from 0 to 9223372036854775807");
