import { describe, expect, it } from "vitest";
import { csvCell, formatCsv } from "./format-csv";

describe("formatCsv", () => {
  it("quotes fields with commas, quotes and line breaks, and ends rows with CRLF", () => {
    expect(
      formatCsv(
        ["a", "b"],
        [
          ["plain", 'say "hi", then\nleave'],
          [null, 42],
        ],
      ),
    ).toBe('a,b\r\nplain,"say ""hi"", then\nleave"\r\n,42\r\n');
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell("model_version.deploy")).toBe("model_version.deploy");
  });
});
