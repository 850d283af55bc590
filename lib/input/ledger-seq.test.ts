import { describe, expect, it } from "vitest";
import { isLedgerSeq, ZLedgerSeq, ZTreeNumber } from "./ledger-seq";

describe("ledger seqs from outside", () => {
  it("takes 0 to the largest int8", () => {
    for (const text of ["0", "1234", "9007199254740993", "9223372036854775807"]) expect(ZLedgerSeq.parse(text)).toBe(text);
  });

  it("refuses what PostgreSQL would answer with a 500, and what is no seq", () => {
    for (const text of [
      "9223372036854775808",
      "9999999999999999999",
      "99999999999999999999",
      "-1",
      "1.5",
      "1e3",
      " 1",
      "",
      "0x10",
      "1\u0000",
    ]) {
      expect(isLedgerSeq(text), text).toBe(false);
      expect(ZLedgerSeq.safeParse(text).error?.issues[0]?.message).toMatch(/a ledger seq/);
    }
  });

  it("reads tree numbers as safe integers only", () => {
    const size = ZTreeNumber("size");
    expect(size.parse("12")).toBe(12);
    expect(size.safeParse("9007199254740993").success).toBe(false);
    expect(size.safeParse("1e3").success).toBe(false);
  });
});

describe("seqs sent to investigations", () => {
  it("refuses a seq beyond int8 with a 400-shaped error, not a database overflow", async () => {
    const { ZSeq } = await import("@/lib/investigations/investigation-input");
    expect(ZSeq.parse(" 1234 ")).toBe("1234");
    expect(ZSeq.safeParse("9223372036854775808").success).toBe(false);
    expect(ZSeq.safeParse("99999999999999999999").success).toBe(false);
  });
});
