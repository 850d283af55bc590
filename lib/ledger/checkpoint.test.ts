import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { formatCheckpoint, parseCheckpoint } from "./checkpoint";
import { hashLeaf, rootFromLeafHashes } from "./merkle";
import { generateNoteKey, openNote, parseNote, parseSignerKey, parseVerifierKey, signNote } from "./signed-note";

type Example = { name: string; vkey?: string; note: string; origin?: string; size?: number; root_hash_b64?: string };
const data = JSON.parse(readFileSync(new URL("../../test/fixtures/signed-note-examples.json", import.meta.url), "utf8")) as {
  examples: Example[];
};
const example = (name: string): Example => data.examples.find((e) => e.name === name)!;

const sumdb = example("sum.golang.org-checkpoint");
const sofa = example("c2sp-tlog-checkpoint-format-example");
const cosigned = example("c2sp-tlog-cosignature-example");

describe("published checkpoints", () => {
  it("parses the verified sum.golang.org checkpoint", () => {
    const { text } = openNote(sumdb.note, [parseVerifierKey(sumdb.vkey!)]);
    const checkpoint = parseCheckpoint(text);
    expect(checkpoint.origin).toBe("go.sum database tree");
    expect(checkpoint.size).toBe(6476701);
    expect(checkpoint.rootHash.toString("base64")).toBe("mb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=");
    expect(checkpoint.rootHash.toString("hex")).toBe("99bf102d022cd19d323f90acb6aea0ba3f3ba1759e0bd80433ca158a49a6f569");
    expect(checkpoint.extensions).toEqual([]);
    expect(formatCheckpoint(checkpoint)).toBe(text);
  });

  it.each([
    ["C2SP tlog-checkpoint example", sofa],
    ["C2SP tlog-cosignature example", cosigned],
  ])("parses the %s (no key published, syntax only)", (_, ex) => {
    const { text } = parseNote(ex.note);
    const checkpoint = parseCheckpoint(text);
    expect(checkpoint.origin).toBe("example.com/behind-the-sofa");
    expect(checkpoint.size).toBe(20852163);
    expect(checkpoint.rootHash.toString("base64")).toBe("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
    expect(checkpoint.extensions).toEqual([]);
    expect(formatCheckpoint(checkpoint)).toBe(text);
  });

  it("agrees with the fixture's origin, size and root fields", () => {
    for (const ex of [sumdb, sofa]) {
      const checkpoint = parseCheckpoint(parseNote(ex.note).text);
      expect([checkpoint.origin, checkpoint.size, checkpoint.rootHash.toString("base64")]).toEqual([ex.origin, ex.size, ex.root_hash_b64]);
    }
  });
});

describe("formatting", () => {
  const root = rootFromLeafHashes([hashLeaf(Buffer.from("a")), hashLeaf(Buffer.from("b"))]);

  it("writes origin, size and base64 root, one per line", () => {
    expect(formatCheckpoint({ origin: "custody.example/log", size: 2, rootHash: root })).toBe(
      `custody.example/log\n2\n${root.toString("base64")}\n`,
    );
  });

  it("round-trips extension lines and the empty tree", () => {
    const text = formatCheckpoint({ origin: "o", size: 0, rootHash: root, extensions: ["ext one", "ext-two"] });
    expect(text).toBe(`o\n0\n${root.toString("base64")}\next one\next-two\n`);
    expect(parseCheckpoint(text)).toEqual({ origin: "o", size: 0, rootHash: root, extensions: ["ext one", "ext-two"] });
  });

  it.each([
    ["an empty origin", { origin: "", size: 1, rootHash: root }, "invalid checkpoint: origin is empty"],
    ["a newline in the origin", { origin: "a\nb", size: 1, rootHash: root }, /origin contains a newline/],
    ["a negative size", { origin: "o", size: -1, rootHash: root }, "invalid checkpoint: size -1 is not a non-negative integer"],
    ["a fractional size", { origin: "o", size: 1.5, rootHash: root }, /size 1.5 is not a non-negative integer/],
    ["an unsafe size", { origin: "o", size: 2 ** 53, rootHash: root }, /is not a non-negative integer/],
    ["a short root", { origin: "o", size: 1, rootHash: root.subarray(1) }, "invalid checkpoint: root hash must be 32 bytes"],
    ["an empty extension", { origin: "o", size: 1, rootHash: root, extensions: [""] }, /extension line 1 is empty/],
  ])("refuses %s", (_, input, message) => {
    expect(() => formatCheckpoint(input)).toThrow(message);
  });

  it("signs and opens a ledger checkpoint end to end", () => {
    const key = generateNoteKey("custody.example/log");
    const body = formatCheckpoint({ origin: "custody.example/log", size: 2, rootHash: root });
    const note = signNote(body, parseSignerKey(key.signerKey));
    const checkpoint = parseCheckpoint(openNote(note, [parseVerifierKey(key.verifierKey)]).text);
    expect(checkpoint.size).toBe(2);
    expect(checkpoint.rootHash.equals(root)).toBe(true);
  });
});

describe("parsing errors", () => {
  const root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
  it.each([
    ["no final newline", `o\n1\n${root}`, "invalid checkpoint: text must end with a newline"],
    ["two lines", "o\n1\n", "invalid checkpoint: want at least three lines: origin, size, root hash"],
    ["an empty origin", `\n1\n${root}\n`, "invalid checkpoint: origin is empty"],
    ["a leading zero", `o\n01\n${root}\n`, 'invalid checkpoint: size line "01" is not a decimal tree size'],
    ["a sign", `o\n+1\n${root}\n`, /size line "\+1" is not a decimal/],
    ["a negative size", `o\n-1\n${root}\n`, /size line "-1" is not a decimal/],
    ["an exponent", `o\n1e3\n${root}\n`, /size line "1e3" is not a decimal/],
    ["a space", `o\n 1\n${root}\n`, /size line " 1" is not a decimal/],
    ["an empty size", `o\n\n${root}\n`, /size line "" is not a decimal/],
    ["a size beyond 2^53 - 1", `o\n9007199254740992\n${root}\n`, /larger than this ledger supports/],
    ["unpadded base64", `o\n1\n${root.slice(0, -1)}\n`, "invalid checkpoint: root hash line is not standard padded base64"],
    ["base64url", `o\n1\n${root.replace("/", "_")}\n`, /not standard padded base64/],
    ["a 31-byte root", `o\n1\n${Buffer.alloc(31).toString("base64")}\n`, "invalid checkpoint: root hash is 31 bytes, want 32"],
    ["an empty extension line", `o\n1\n${root}\n\next\n`, /extension line 1 is empty/],
    ["a control character", `o\u0007\n1\n${root}\n`, /origin contains a newline or control character/],
    ["the whole signed note", sofa.note, /pass the note text from openNote/],
  ])("rejects %s", (_, text, message) => {
    expect(() => parseCheckpoint(text)).toThrow(message);
  });

  it("accepts the largest safe size", () => {
    expect(parseCheckpoint(`o\n9007199254740991\n${root}\n`).size).toBe(Number.MAX_SAFE_INTEGER);
  });
});
