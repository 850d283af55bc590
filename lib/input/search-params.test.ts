import { describe, expect, it } from "vitest";
import { blankToUndefined } from "./blank-to-undefined";
import { firstValue, firstValues } from "./search-params";

describe("search params", () => {
  it("takes the first value of a repeated key, from a page's searchParams or a URL", () => {
    expect(firstValue(["open", "closed"])).toBe("open");
    expect(firstValue(undefined)).toBeUndefined();
    expect(firstValues({ status: ["open", "closed"], q: "x", none: undefined })).toEqual({ status: "open", q: "x", none: undefined });
    expect(firstValues(new URLSearchParams("status=open&status=closed&q="))).toEqual({ status: "open", q: "" });
  });

  it("treats blank text as not given, and leaves everything else alone", () => {
    expect(blankToUndefined("  ")).toBeUndefined();
    expect(blankToUndefined("")).toBeUndefined();
    expect(blankToUndefined(" a ")).toBe(" a ");
    expect(blankToUndefined(null)).toBeNull();
    expect(blankToUndefined(0)).toBe(0);
  });
});
