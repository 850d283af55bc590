import { describe, expect, it } from "vitest";
import { z } from "zod";
import { blankToUndefined, optionalField, ZText } from "./text";
import { findUnsafeText, unsafeTextReason } from "./unsafe-text";

describe("ZText", () => {
  it("keeps any real text", () => {
    expect(ZText.parse("é 😂 \u2028 \t")).toBe("é 😂 \u2028 \t");
    expect(ZText.trim().max(5).parse("  abc ")).toBe("abc");
  });

  it.each([
    ["U+0000", "a\u0000b", /U\+0000/],
    ["a lone high surrogate", "a\ud800", /lone UTF-16 surrogate/],
    ["a lone low surrogate", "\udc00b", /lone UTF-16 surrogate/],
    ["a reversed pair", "\ude02\ud83d", /lone UTF-16 surrogate/],
  ])("refuses %s with one clear message", (_name, text, message) => {
    const issues = ZText.trim().max(500).safeParse(text).error?.issues ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(message);
  });

  it("treats blank as not given", () => {
    expect(blankToUndefined("  ")).toBeUndefined();
    expect(blankToUndefined(" a ")).toBe(" a ");
    expect(z.object({ q: optionalField(ZText) }).parse({ q: " " })).toEqual({});
  });
});

describe("findUnsafeText", () => {
  it("names the path of the first string or key the ledger cannot hold", () => {
    expect(unsafeTextReason("fine")).toBeNull();
    expect(findUnsafeText({ details: { query: { q: "ok", list: ["a", "b\u0000"] } } })).toEqual({
      path: "details.query.list.1",
      message: expect.stringMatching(/U\+0000/),
    });
    expect(findUnsafeText({ details: { "k\ud800": 1 } })).toEqual({
      path: "details.k\ud800",
      message: expect.stringMatching(/^its name .*surrogate/),
    });
    expect(findUnsafeText({ a: [1, true, null, { b: "ok" }] })).toBeNull();
    expect(findUnsafeText("\u0000")).toEqual({ path: "(value)", message: expect.stringMatching(/U\+0000/) });
  });
});
