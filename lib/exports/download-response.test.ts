import { describe, expect, it } from "vitest";
import { downloadResponse, type TRecordedExport } from "./download-response";

const file = (extra: Partial<TRecordedExport> = {}): TRecordedExport => ({
  body: new Blob(["seq,action\n7,object.get\n"]).stream(),
  sha256: "ab".repeat(32),
  bytes: 24,
  filename: "ledger-search-2026-12-03.csv",
  contentType: "text/csv; charset=utf-8",
  ledgerSeq: "4242",
  count: 1,
  ...extra,
});

describe("downloadResponse", () => {
  it("streams the file as an attachment that names its ledger entry, its hash and its row count", async () => {
    const response = downloadResponse(file());
    expect(Object.fromEntries(response.headers)).toEqual({
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="ledger-search-2026-12-03.csv"',
      "x-content-type-options": "nosniff",
      "x-custody-export-sha256": "ab".repeat(32),
      "x-custody-ledger-seq": "4242",
      "x-custody-export-count": "1",
    });
    expect(await response.text()).toBe("seq,action\n7,object.get\n");
  });

  it("says whether a search's export was cut short, when the export can be", () => {
    expect(downloadResponse(file({ truncated: true })).headers.get("x-custody-export-truncated")).toBe("true");
    expect(downloadResponse(file({ truncated: false })).headers.get("x-custody-export-truncated")).toBe("false");
  });
});
