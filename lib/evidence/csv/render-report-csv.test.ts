import { describe, expect, it } from "vitest";
import { renderReportCsv, renderTableCsv } from "./render-report-csv";

const table = {
  name: "t",
  title: "T",
  columns: [
    { key: "a", label: "A" },
    { key: "b", label: "B" },
  ],
  rows: [
    { a: "=1+1", b: -3 },
    { a: "+cmd", b: "@SUM(A1)" },
    { a: "-2", b: "\tTab" },
    { a: 'say "hi", then\nleave', b: null },
    { a: "plain", b: true },
  ],
};

describe("report tables as CSV", () => {
  it("is RFC 4180 with CRLF, quotes doubled, and no cell a spreadsheet would run", () => {
    expect(renderTableCsv(table)).toBe(
      ["a,b", "'=1+1,-3", "'+cmd,'@SUM(A1)", "'-2,'\tTab", '"say ""hi"", then\nleave",', "plain,true", ""].join("\r\n"),
    );
  });

  it("names each file after its table, as UTF-8", () => {
    const [file] = renderReportCsv({ tables: [{ ...table, rows: [{ a: "é ✓", b: 1 }] }] } as never);
    expect(file!.name).toBe("tables/t.csv");
    expect(new TextDecoder().decode(file!.bytes)).toBe("a,b\r\né ✓,1\r\n");
  });
});
