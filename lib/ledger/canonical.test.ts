import { readFileSync } from "node:fs";

import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";

import { canonicalBytes } from "./canonical";

type JcsVectors = {
  vectors: { name: string; input: string; expected: string; expected_hex: string }[];
  es6_number_samples: { items: { ieee754_hex: string; expected: string }[] };
};

const jcs = JSON.parse(readFileSync(new URL("../../test/fixtures/jcs-vectors.json", import.meta.url), "utf8")) as JcsVectors;

describe("RFC 8785 vectors (cyberphone/json-canonicalization)", () => {
  it("has all six vectors", () => {
    expect(jcs.vectors.map((v) => v.name)).toEqual(["arrays", "french", "structures", "unicode", "values", "weird"]);
  });

  it.each(jcs.vectors)("$name canonicalizes to the published bytes", ({ input, expected, expected_hex }) => {
    const bytes = canonicalBytes(JSON.parse(input));
    expect(bytes.toString("hex")).toBe(expected_hex);
    expect(bytes.toString("utf8")).toBe(expected);
  });

  it.each(jcs.es6_number_samples.items)("number with IEEE 754 bits $ieee754_hex serializes as $expected", (sample) => {
    const bits = Buffer.from(sample.ieee754_hex.padStart(16, "0"), "hex");
    expect(canonicalBytes(bits.readDoubleBE(0)).toString("utf8")).toBe(sample.expected);
  });
});

describe("values that are not plain JSON", () => {
  it.each([
    ["undefined", undefined, /at \$: undefined is not JSON/],
    ["NaN", Number.NaN, /at \$: NaN is not a JSON number/],
    ["Infinity", Number.POSITIVE_INFINITY, /at \$: Infinity is not a JSON number/],
    ["-Infinity", Number.NEGATIVE_INFINITY, /at \$: -Infinity is not a JSON number/],
    ["an undefined member", { a: 1, b: undefined }, /at \$\["b"\]: undefined is not JSON/],
    ["an undefined array item", [1, undefined], /at \$\[1\]: undefined is not JSON/],
    ["a sparse array", [1, , 3], /at \$\[1\]: sparse array hole/],
    ["a nested NaN", { x: [{ y: Number.NaN }] }, /at \$\["x"\]\[0\]\["y"\]: NaN/],
    ["a bigint", { n: 1n }, /bigint is not JSON/],
    ["a function", { f: () => 1 }, /function is not JSON/],
    ["a symbol", Symbol("s"), /symbol is not JSON/],
    ["a Date", { at: new Date(0) }, /Date is not a plain JSON object/],
    ["a Map", new Map(), /Map is not a plain JSON object/],
    ["a Buffer", Buffer.from("x"), /Buffer is not a plain JSON object/],
    ["a lone surrogate", "\ud800", /lone UTF-16 surrogate/],
    ["a lone surrogate key", { "\udc00": 1 }, /property name contains a lone UTF-16 surrogate/],
    ["U+0000 in a string", { details: { note: "a\u0000b" } }, /at \$\["details"\]\["note"\]: string contains U\+0000/],
    ["U+0000 in a key", { "k\u0000": 1 }, /property name contains U\+0000/],
  ])("rejects %s", (_, value, message) => {
    expect(() => canonicalBytes(value)).toThrow(message);
  });

  it("rejects circular structures", () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalBytes(loop)).toThrow(/at \$\["self"\]: circular reference/);
  });

  it("accepts shared (non-circular) references and null-prototype objects", () => {
    const shared = { z: 1 };
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: shared, a: shared });
    expect(canonicalBytes(bare).toString()).toBe('{"a":{"z":1},"b":{"z":1}}');
  });

  it("sorts keys by UTF-16 code units and normalizes -0", () => {
    expect(canonicalBytes({ "\ufb33": 1, "\u{1f602}": 2, b: -0, a: [null, true, "\u00e9"] }).toString()).toBe(
      '{"a":[null,true,"\u00e9"],"b":0,"\u{1f602}":2,"\ufb33":1}',
    );
  });
});

describe("agrees with the canonicalize package (a second RFC 8785 implementation)", () => {
  // A seeded generator of awkward JSON: unicode keys that sort differently by code point and by
  // code unit, escapes, exponents, negative zero, deep nesting.
  function* values(seed: number): Generator<unknown> {
    let state = seed;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const strings = ["", "a", "é", "\u{1f602}", "\ufb33", '\u0001\n\t"\\', "\u2028\u2029", "Z", "aa", "\u007f"];
    const numbers = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789012345680000, 5e-324, Number.MAX_VALUE, 2 ** 53, -1.5e300];
    const make = (depth: number): unknown => {
      const pick = random();
      if (depth > 3 || pick < 0.3) return [null, true, false][Math.floor(random() * 3)];
      if (pick < 0.5) return strings[Math.floor(random() * strings.length)];
      if (pick < 0.7) return numbers[Math.floor(random() * numbers.length)];
      if (pick < 0.85) return Array.from({ length: Math.floor(random() * 4) }, () => make(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 5) }, () => [
          strings[Math.floor(random() * strings.length)]! + strings[Math.floor(random() * strings.length)]!,
          make(depth + 1),
        ]),
      );
    };
    for (;;) yield make(0);
  }

  it("on 2,000 generated values", () => {
    const generator = values(42);
    for (let i = 0; i < 2000; i++) {
      const value = generator.next().value;
      expect(canonicalBytes(value).toString("utf8")).toBe(canonicalize(value));
    }
  });
});
