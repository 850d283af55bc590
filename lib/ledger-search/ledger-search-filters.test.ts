import { describe, expect, it } from "vitest";
import { toProblem } from "@/lib/errors/problem";
import { parseLedgerSearchFilters, strictLedgerSearchFilters, ZLedgerSearchFilters } from "./ledger-search-filters";
import { ZSearchReason } from "./search-reason";

// Ledger search reads these from the URL and records them in the ledger with the reader's reason.
const hostile: [string, string, RegExp][] = [
  ["from", "0000-01-01T00:00:00Z", /not before 1970-01-01T00:00:00Z/],
  ["to", "10000-01-01T00:00:00Z", /RFC 3339/],
  ["to", "9999-12-31T23:59:59-00:01", /not after 9999-12-31T23:59:59Z/],
  ["from", "2026-04-31T00:00:00Z", /RFC 3339/],
  ["actor", "svc\u0000", /U\+0000/],
  ["artifact", "art_\udc00", /lone UTF-16 surrogate/],
  ["source", "mlflow\u0000", /U\+0000/],
  ["environment", "\u0000prod", /U\+0000/],
  ["q", "\ud800", /lone UTF-16 surrogate/],
  ["digest", "abcdef\u0000", /sha256 digest/],
];

describe("ledger search filters from a hostile URL", () => {
  // The schema itself: URLSearchParams would already turn a lone surrogate into U+FFFD.
  it.each(hostile)("%s=%j is a 400 naming the field", (field, value, message) => {
    let problem;
    try {
      ZLedgerSearchFilters.parse({ [field]: value });
    } catch (error) {
      problem = toProblem(error);
    }
    expect(problem).toMatchObject({ status: 400, errors: [{ field, message: expect.stringMatching(message) }] });
  });

  it.each(hostile)("%s=%j is dropped from the page's filters, and said", (field, value) => {
    const { filters, ignored } = parseLedgerSearchFilters({ [field]: value, outcome: "denied" });
    expect(filters).toEqual({ outcome: "denied" });
    expect(ignored.map((issue) => issue.field)).toEqual([field]);
  });
});

describe("a route's URL", () => {
  it("answers from=0000-… and a NUL (%00) with a 400 naming the field", () => {
    expect(() => strictLedgerSearchFilters(new URLSearchParams("from=0000-01-01T00:00:00Z"))).toThrow(/not before 1970/);
    expect(() => strictLedgerSearchFilters(new URLSearchParams("actor=svc%00"))).toThrow(/U\+0000/);
  });
});

describe("the reason for a search", () => {
  it.each([
    ["justification", "looking into INC-42\u0000 for the CISO", /U\+0000/],
    ["justification", "looking into INC-42 \ud800 for the CISO", /lone UTF-16 surrogate/],
    ["investigationId", "inv_\u0000", /U\+0000/],
  ])("refuses %s with %j, naming it", (field, value, message) => {
    const parsed = ZSearchReason.safeParse({ [field]: value });
    expect(parsed.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([[field, expect.stringMatching(message)]]);
  });

  it("keeps a justification with any real text", () => {
    expect(ZSearchReason.parse({ justification: "  INC-42: who pulled 😂-model?  " })).toEqual({
      justification: "INC-42: who pulled 😂-model?",
    });
  });
});
