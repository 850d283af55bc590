import { describe, expect, it } from "vitest";
import { toProblem } from "@/lib/errors/problem";
import { parseTimelineFilters, ZTimelineFilters } from "./timeline-filters";

// Values a URL can carry that reached PostgreSQL and answered 500 (year 0000, NUL), or that no
// calendar has: each is a 400 naming the field for the JSON routes, and dropped (and said) on a page.
const hostile: [string, string, RegExp][] = [
  ["from", "0000-01-01T00:00:00Z", /not before 1970-01-01T00:00:00Z/],
  ["from", "1969-12-31T23:59:59Z", /not before 1970/],
  ["to", "9999-12-31T23:59:59-01:00", /not after 9999-12-31T23:59:59Z/],
  ["to", "+275760-09-13T00:00:00Z", /RFC 3339/],
  ["from", "2026-02-30T00:00:00Z", /RFC 3339/],
  ["from", "2026-11-28T09:30:00", /RFC 3339/],
  ["actor", "alice\u0000", /U\+0000/],
  ["q", "hot\ud800fix", /lone UTF-16 surrogate/],
  ["source", "\u0000", /U\+0000/],
  ["environment", "prod\udfff", /lone UTF-16 surrogate/],
  ["version", "99999999999999999999", /a version number/],
  ["action", "model\u0000", /dotted lower-case action/],
];

describe("timeline filters from a hostile URL", () => {
  it.each(hostile)("%s=%j is a 400 naming the field", (field, value, message) => {
    let problem;
    try {
      ZTimelineFilters.parse({ [field]: value });
    } catch (error) {
      problem = toProblem(error);
    }
    expect(problem).toMatchObject({ status: 400, errors: [{ field, message: expect.stringMatching(message) }] });
  });

  it.each(hostile)("%s=%j is dropped from a page's filters, and said", (field, value) => {
    const { filters, ignored } = parseTimelineFilters({ [field]: value, outcome: "denied" });
    expect(filters).toEqual({ outcome: "denied" });
    expect(ignored.map((issue) => issue.field)).toEqual([field]);
  });

  it("still reads the widest range a query can ask for", () => {
    const { filters } = parseTimelineFilters({ from: "1970-01-01T00:00:00Z", to: "9999-12-31T23:59:59Z", actor: "  é😂 " });
    expect(filters).toEqual({ from: new Date(0), to: new Date("9999-12-31T23:59:59Z"), actor: "é😂" });
  });
});
