import { z } from "zod";

const maxInt8 = 2n ** 63n - 1n;

/** A ledger entry's seq as text (what the API sends): a whole number that fits PostgreSQL's int8. */
export const ZLedgerSeq = z
  .string({ error: "a ledger seq: a whole number" })
  .regex(/^(0|[1-9][0-9]{0,18})$/, { message: "a ledger seq: a whole number", abort: true })
  .refine((value) => BigInt(value) <= maxInt8, "a ledger seq: at most 9223372036854775807");

/** A tree size or index in a query string: digits only (no 1e3, no 0x10), at most 2^53 − 1. */
export const ZTreeNumber = (what: string) =>
  z
    .string({ error: `${what}: a whole number` })
    .regex(/^(0|[1-9][0-9]{0,15})$/, { message: `${what}: a whole number`, abort: true })
    .transform(Number)
    .refine(Number.isSafeInteger, `${what}: at most ${Number.MAX_SAFE_INTEGER}`);
