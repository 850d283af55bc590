import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatJsonPath, parseStrictJson, StrictJsonError } from "./parse-strict-json";

function refusal(text: string, options?: { maxDepth?: number }): StrictJsonError {
  try {
    parseStrictJson(text, options);
  } catch (error) {
    if (error instanceof StrictJsonError) return error;
    throw error;
  }
  throw new Error(`parsed: ${text.slice(0, 80)}`);
}

describe("what JSON.parse reads, the strict parser reads the same", () => {
  it.each([
    ["null", null],
    ["true", true],
    [" \t\r\n false \n", false],
    ["0", 0],
    ["-1", -1],
    ["123456789012345", 123456789012345],
    ["9007199254740991", 9007199254740991],
    ["-9007199254740991", -9007199254740991],
    ["0.1", 0.1],
    ["-0.5", -0.5],
    ["1.0", 1],
    ["1e2", 100],
    ["1E+2", 100],
    ["25e-1", 2.5],
    ["1.5e300", 1.5e300],
    ["6.022e23", 6.022e23],
    ["5e-324", 5e-324],
    ["1.7976931348623157e308", Number.MAX_VALUE],
    ["0.30000000000000004", 0.30000000000000004],
    ["0e99999", 0],
    ['""', ""],
    ['"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t"', 'a"b\\c/d\b\f\n\r\t'],
    ['"\\u00e9\\u00E9é"', "ééé"],
    ['"\\ud83d\\ude02 😂"', "😂 😂"],
    ['"\\u2028\\u2029"', "\u2028\u2029"],
    ["[]", []],
    ["{}", {}],
    ['[1,[2,[3,{"a":[]}]]]', [1, [2, [3, { a: [] }]]]],
    ['{"a":1,"b":{"c":"d"},"e":[true,null]}', { a: 1, b: { c: "d" }, e: [true, null] }],
    ['{"constructor":1,"toString":2,"hasOwnProperty":3}', { constructor: 1, toString: 2, hasOwnProperty: 3 }],
    ['{"1":"a","":"empty"}', { 1: "a", "": "empty" }],
  ])("%s", (text, expected) => {
    expect(parseStrictJson(text)).toEqual(expected);
    expect(parseStrictJson(text)).toEqual(JSON.parse(text));
  });

  it("keeps -0 as JSON.parse does (canonicalization then writes 0, the same number)", () => {
    expect(Object.is(parseStrictJson("-0"), -0)).toBe(true);
    expect(Object.is(parseStrictJson("-0.0"), -0)).toBe(true);
  });

  it("gives keys like constructor and toString as ordinary own properties", () => {
    const value = parseStrictJson('{"toString":"x"}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["toString"]);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe("real producers' JSON (test/fixtures/SOURCES.md)", () => {
  it.each([
    "cloudtrail-s3-management-events-ListBuckets-PutBucketAcl-GetBucketVersioning.json",
    "cloudtrail-sagemaker-CreateModel.json",
    "slsa-provenance-example.json",
  ])("%s reads exactly as JSON.parse reads it", (name) => {
    const text = readFileSync(new URL(`../../test/fixtures/payloads/${name}`, import.meta.url), "utf8");
    expect(parseStrictJson(text)).toStrictEqual(JSON.parse(text));
  });
});

describe("refuses text that is not JSON, with the position", () => {
  it.each([
    ["", /unexpected end of the text \(expected a value\) at \$ \(line 1, column 1\)/],
    ["{not json", /unexpected 'n' \(expected a property name in double quotes\)/],
    ["[1,]", /unexpected '\]' \(expected a value\) at \$\[1\]/],
    ['{"a":1,}', /expected a property name/],
    ['{"a" 1}', /expected ':'/],
    ["[1 2]", /expected ',' or '\]'/],
    ["01", /no leading zeros/],
    ["-", /a digit must follow '-'/],
    ["1.", /a digit must follow '\.'/],
    ["1e", /a digit must follow the exponent/],
    [".5", /unexpected '\.'/],
    ["+1", /unexpected '\+'/],
    ["NaN", /unexpected 'N'/],
    ["Infinity", /unexpected 'I'/],
    ["'a'", /unexpected '''/],
    ['"abc', /unterminated string/],
    ['"a\\', /unterminated string/],
    ['"\\x"', /invalid escape \\x/],
    ['"\\u12"', /invalid \\u escape/],
    ['"\\u12G4"', /invalid \\u escape/],
    ['"tab\there"', /unescaped control character U\+0009/],
    ['"line\nbreak"', /unescaped control character U\+000A/],
    ["\ufeff{}", /unexpected a byte order mark \(U\+FEFF\)/],
    ["{} {}", /unexpected '\{' \(expected the end of the text\)/],
    ["[1] x", /expected the end of the text/],
    ["truex", /expected the end of the text/],
    ["\u00a0null", /unexpected U\+00A0/],
    ["[1]\u000b", /unexpected U\+000B/],
  ])("%j", (text, message) => {
    const error = refusal(text);
    expect(error.kind).toBe("syntax");
    expect(error.message).toMatch(message);
  });

  it("names the line and column of a multi-line text", () => {
    const error = refusal('{\n  "a": 1,\n  "b": tru\n}');
    expect(error.message).toMatch(/at \$\.b \(line 3, column 8\)/);
    expect(error.position).toBe(19);
  });
});

describe("refuses JSON the ledger cannot hold exactly, naming the path", () => {
  it.each([
    ["a duplicate key", '[{},{},{},{"details":{"a":1,"a":2}}]', "$[3].details.a", /duplicate key "a"/],
    ["a duplicate key with another spelling", '{"a":1,"\\u0061":2}', "$.a", /duplicate key "a"/],
    ["a duplicate key in a nested object", '{"x":[{"k":1,"k":1}]}', "$.x[0].k", /duplicate key "k"/],
    ["a __proto__ key", '{"details":{"__proto__":{"polluted":true}}}', "$.details.__proto__", /"__proto__" is not accepted/],
    ["an escaped __proto__ key", '{"\\u005f_proto__":1}', "$.__proto__", /"__proto__" is not accepted/],
    ["an integer above 2^53 − 1", '{"n":9007199254740993}', "$.n", /integer 9007199254740993 is outside ±\(2\^53−1\)/],
    ["2^53 itself", '{"n":9007199254740992}', "$.n", /outside ±\(2\^53−1\)/],
    ["an integer below −(2^53 − 1)", "[-9007199254740992]", "$[0]", /outside/],
    ["a 400-digit integer", `[${"9".repeat(400)}]`, "$[0]", /outside/],
    ["1e400 (Infinity)", '{"x":1e400}', "$.x", /too large for a double \(it would become Infinity\)/],
    ["-1e400", '{"x":-1e400}', "$.x", /Infinity/],
    ["1e-400 (rounded to 0)", '{"x":1e-400}', "$.x", /cannot be held exactly \(it would become 0\)/],
    ["a fraction with more digits than a double keeps", '{"x":0.1000000000000000000001}', "$.x", /it would become 0\.1\)/],
    ["an integer written with a fraction, above 2^53", '{"x":9007199254740993.0}', "$.x", /it would become 9007199254740992/],
    ["a subnormal that rounds", "[4e-324]", "$[0]", /it would become 5e-324/],
    ["U+0000 escaped in a value", '{"details":{"note":"a\\u0000b"}}', "$.details.note", /U\+0000/],
    ["U+0000 in a key", '{"k\\u0000":1}', "$", /U\+0000/],
    ["a lone high surrogate escape", '{"s":"\\ud800"}', "$.s", /lone UTF-16 surrogate \\uD800/],
    ["a lone low surrogate escape", '{"s":"\\udc00x"}', "$.s", /lone UTF-16 surrogate \\uDC00/],
    ["a high surrogate escape followed by a non-surrogate", '{"s":"\\ud800\\u0041"}', "$.s", /lone UTF-16 surrogate/],
    ["a raw lone surrogate", '{"s":"a\ud800"}', "$.s", /lone UTF-16 surrogate U\+D800/],
    ["a raw reversed pair", '{"s":"\udc00\ud800"}', "$.s", /lone UTF-16 surrogate U\+DC00/],
    ["a lone surrogate in a key", '{"\\udfff":1}', "$", /lone UTF-16 surrogate/],
  ])("%s", (_name, text, path, message) => {
    const error = refusal(text);
    expect(error.kind).toBe("refused");
    expect(error.message).toMatch(message);
    expect(error.path).toBe(path);
    // JSON.parse would have taken every one of these, changed or not.
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it("refuses a raw U+0000 as U+0000, not as a mere control character", () => {
    const error = refusal('{"note":"a\u0000b"}');
    expect([error.kind, error.path, error.reason]).toEqual(["refused", "$.note", "U+0000 (NUL) is not accepted in text"]);
  });

  it("refuses nesting deeper than the bound, iteratively, at any size up to the 5 MiB cap", () => {
    expect(parseStrictJson("[".repeat(64) + "]".repeat(64))).toBeDefined();
    expect(refusal("[".repeat(65) + "]".repeat(65)).message).toMatch(/nested deeper than 64 levels at \$(\[0\]){64} \(line 1, column 65\)/);
    for (const text of ["[".repeat(100_000), "[".repeat(5 * 1024 * 1024), '{"a":'.repeat(1_000_000), '[{"a":'.repeat(500_000)]) {
      expect(refusal(text).message).toMatch(/nested deeper than 64 levels/);
    }
    expect(refusal('{"a":{"b":[{"c":1}]}}', { maxDepth: 3 }).path).toBe("$.a.b[0]");
  });
});

describe("JSON paths", () => {
  it("quote keys that are not identifiers", () => {
    expect(formatJsonPath([3, "details", "a b", "x", 0, ""])).toBe('$[3].details["a b"].x[0][""]');
  });
});

describe("a whole batch", () => {
  // Its speed beside JSON.parse is a benchmark, not a timed test: bench/strict-json.ts.
  it("reads 5,000 events exactly as JSON.parse does", () => {
    const batch = Array.from({ length: 5000 }, (_, n) => ({
      schemaVersion: 1,
      eventId: randomUUID(),
      occurredAt: new Date(Date.UTC(2026, 5, 1) + n * 1000).toISOString(),
      source: { system: "mlflow", component: "registry", version: "3.1" },
      interface: "registry",
      action: "model_version.download",
      actor: { id: "svc-train", type: "service", display: "training pipeline" },
      target: { artifactId: "art_fraud-scorer", version: "4", digest: "ab".repeat(32), environment: "prod" },
      outcome: { status: "success" },
      network: { sourceIp: "10.0.0.7", userAgent: "mlflow-python/3.1" },
      details: {
        bytes: 123456789 + n,
        ratio: 0.9375 * n,
        tags: ["nightly", "é\n"],
        run: { loss: -1.5e-7 * n, resumed: null, ok: n % 2 === 0 },
      },
    }));
    const text = JSON.stringify(batch);
    expect(parseStrictJson(text)).toStrictEqual(JSON.parse(text));
  });
});
