import { describe, expect, it } from "vitest";
import { pdfCellText, pdfInstant, pdfText, seqRanges } from "./pdf-text";

describe("text on paper", () => {
  it("shows control characters and lone surrogates as U+FFFD, keeps pairs and line feeds", () => {
    expect(pdfText("a\u0000b\u0007c\u009bd")).toBe("a\ufffdb\ufffdc\ufffdd");
    expect(pdfText("lone \ud800 and \udfff, pair \ud83d\ude00")).toBe("lone \ufffd and \ufffd, pair \ud83d\ude00");
    expect(pdfText("one\r\ntwo\rthree\tfour")).toBe("one\ntwo\nthree    four");
    expect(pdfText(null)).toBe("");
  });

  it("cuts a cell at 1,500 characters and says where the rest is; writes instants, numbers and booleans for reading", () => {
    const cell = pdfCellText("x".repeat(2_000));
    expect(cell.startsWith("x".repeat(1_500) + "…")).toBe(true);
    expect(cell).toContain("500 more characters in report.json");
    expect(pdfCellText("2026-11-02T09:00:00.000Z")).toBe("2026-11-02 09:00:00Z");
    expect(pdfCellText("2026-11-02T09:00:00.250Z")).toBe("2026-11-02 09:00:00.250Z");
    expect(pdfCellText(1234567)).toBe("1,234,567");
    expect(pdfCellText(true)).toBe("yes");
    expect(pdfInstant(null)).toBe("open");
    expect(pdfInstant("2026-11-02T09:00:00.000Z")).toBe("2 Nov 2026, 09:00:00 UTC");
  });

  it("writes ascending seqs as ranges, beyond 2^53 too", () => {
    expect(seqRanges(["3", "4", "5", "7", "9", "10"])).toBe("3–5, 7, 9–10");
    expect(seqRanges(["9007199254740993", "9007199254740994"])).toBe("9007199254740993–9007199254740994");
    expect(seqRanges([])).toBe("");
  });
});
