import { describe, expect, it } from "vitest";
import { isLedgerSeq, ZLedgerSeq } from "./ledger-seq";

describe("ledger seqs from outside", () => {
  it("takes 0 to the largest int8", () => {
    for (const text of ["0", "1234", "9007199254740993", "9223372036854775807"]) expect(ZLedgerSeq.parse(text)).toBe(text);
  });

  it("refuses what PostgreSQL would answer with a 500, and what is no seq", () => {
    for (const text of ["9223372036854775808", "9999999999999999999", "99999999999999999999", "-1", "1.5", "1e3", " 1", "", "0x10", "1\u0000"]) {
      expect(isLedgerSeq(text), text).toBe(false);
      expect(ZLedgerSeq.safeParse(text).error?.issues[0]?.message).toMatch(/a ledger seq/);
    }
  });
});
