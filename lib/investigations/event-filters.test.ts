import { describe, expect, it } from "vitest";
import { toProblem } from "@/lib/errors/problem";
import { parseEventFilters, strictEventFilters, ZEventFilters } from "./event-filters";

// An investigation's events, search and export read these from the URL; year 0000 and NUL used
// to reach PostgreSQL and answer 500.
const hostile: [string, string, RegExp][] = [
  ["from", "0000-01-01T00:00:00Z", /not before 1970-01-01T00:00:00Z/],
  ["to", "0000-12-31T23:00:00-01:00", /not before 1970/],
  ["to", "9999-12-31T23:59:59-23:59", /not after 9999-12-31T23:59:59Z/],
  ["from", "2025-02-29T00:00:00Z", /RFC 3339/],
  ["q", "203.0.113.77\u0000", /U\+0000/],
  ["actor", "\ud83d", /lone UTF-16 surrogate/],
  ["action", "deploy\u0000", /U\+0000/],
  ["tag", "a\u0000", /a tag/],
];

describe("investigation event filters from a hostile URL", () => {
  // The schema itself: URLSearchParams would already turn a lone surrogate into U+FFFD; saved views and forms would not.
  it.each(hostile)("%s=%j is a 400 naming the field", (field, value, message) => {
    let problem;
    try {
      ZEventFilters.parse({ [field]: value });
    } catch (error) {
      problem = toProblem(error);
    }
    expect(problem).toMatchObject({ status: 400, errors: [{ field, message: expect.stringMatching(message) }] });
  });

  it.each(hostile)("%s=%j is dropped from a page's filters, and said", (field, value) => {
    const { filters, ignored } = parseEventFilters({ [field]: value, outcome: "denied" });
    expect(filters).toEqual({ outcome: "denied" });
    expect(ignored.map((issue) => issue.field)).toEqual([field]);
  });

  it("answers from=0000-… in a route's URL with a 400", () => {
    expect(() => strictEventFilters(new URLSearchParams("from=0000-01-01T00:00:00Z"))).toThrow(/not before 1970/);
  });

  it("normalises instants to UTC text", () => {
    expect(strictEventFilters(new URLSearchParams({ from: "2026-11-28T10:30:00+01:00" }))).toEqual({ from: "2026-11-28T09:30:00.000Z" });
  });
});
