import { describe, expect, it } from "vitest";
import { ZLedgerSeq, ZTreeNumber } from "./ledger-seq";

describe("ledger seq input", () => {
  it.each(["0", "42", "9223372036854775807"])("accepts %s", (value) => {
    expect(ZLedgerSeq.safeParse(value).success).toBe(true);
  });

  it.each(["9223372036854775808", "99999999999999999999", "-1", "01", "1e3", "0x10", " 1", "1.0", "", "١٢"])("refuses %j", (value) => {
    expect(ZLedgerSeq.safeParse(value).success).toBe(false);
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
