import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import {
  formatSignerKey,
  formatVerifierKey,
  generateNoteKey,
  NoteError,
  noteKeyId,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  type NoteVerifier,
} from "./signed-note";

type Example = {
  name: string;
  vkey?: string;
  vkeys?: string[];
  test_signer_key?: string;
  text?: string;
  note: string;
  origin?: string;
  size?: number;
  root_hash_b64?: string;
  cosigned_message_example?: string;
};
type Examples = {
  examples: Example[];
  bad_vkeys: { vkey: string; why: string }[];
  malformed_notes_for_PeterNeumann_key: string[];
};

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), "utf8");
const data = JSON.parse(fixture("signed-note-examples.json")) as Examples;
const example = (name: string): Example => {
  const found = data.examples.find((e) => e.name === name);
  if (!found) throw new Error(`fixture example ${name} missing`);
  return found;
};

const c2sp = example("c2sp-signed-note-example");
const peter = example("x-mod-note-peterneumann");
const twoSigners = example("x-mod-note-two-signers");
const sumdb = example("sum.golang.org-checkpoint");
const sofa = example("c2sp-tlog-checkpoint-format-example");
const cosigned = example("c2sp-tlog-cosignature-example");
const quasimodo = example("c2sp-signed-note-intro-example");
const [peterVkey, enochVkey] = twoSigners.vkeys as [string, string];

function noteError(fn: () => unknown): NoteError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(NoteError);
    return error as NoteError;
  }
  throw new Error("expected a NoteError, nothing was thrown");
}

describe("fixture files", () => {
  it("has the examples this suite was written against", () => {
    expect(data.examples.map((e) => e.name)).toEqual([
      "c2sp-signed-note-example",
      "x-mod-note-peterneumann",
      "x-mod-note-two-signers",
      "sum.golang.org-checkpoint",
      "c2sp-tlog-checkpoint-format-example",
      "c2sp-tlog-cosignature-example",
      "c2sp-signed-note-intro-example",
    ]);
    expect(data.bad_vkeys).toHaveLength(2);
    expect(data.malformed_notes_for_PeterNeumann_key).toHaveLength(6);
  });

  it("the text file holds the same notes, byte for byte", () => {
    const blocks = [...fixture("signed-note-example.txt").matchAll(/-----BEGIN NOTE-----\n([\s\S]*?)\n-----END NOTE-----/g)].map(
      (m) => `${m[1]}\n`,
    );
    expect(blocks).toEqual([c2sp.note, sumdb.note, twoSigners.note, sofa.note, cosigned.note]);
    expect(blocks.every((b) => b.includes("\n\n\u2014 "))).toBe(true);
  });
});

describe("verifier keys", () => {
  it.each([
    [c2sp.vkey!, "example.com/foo", 0x530d903a],
    [peterVkey, "PeterNeumann", 0xc74f20a3],
    [enochVkey, "EnochRoot", 0xaf0cfe78],
    [sumdb.vkey!, "sum.golang.org", 0x033de0ae],
  ])("parses %s", (vkey, name, keyId) => {
    const verifier = parseVerifierKey(vkey);
    expect(verifier.name).toBe(name);
    expect(verifier.keyId).toBe(keyId);
    expect(verifier.publicKey).toHaveLength(32);
    expect(noteKeyId(name, verifier.publicKey)).toBe(keyId);
    expect(formatVerifierKey(name, verifier.publicKey)).toBe(vkey);
  });

  it("computes the key ID as SHA-256(name || 0x0A || 0x01 || key)[:4]", () => {
    const { publicKey } = parseVerifierKey(peterVkey);
    expect(noteKeyId("PeterNeumann", publicKey).toString(16)).toBe("c74f20a3");
    // Another signature type over the same key gives another ID (domain separation).
    expect(noteKeyId("PeterNeumann", publicKey, 0x04)).not.toBe(0xc74f20a3);
  });

  it("rejects the x/mod bad vkeys", () => {
    const [wrongLength, unknownAlgorithm] = data.bad_vkeys as [Examples["bad_vkeys"][0], Examples["bad_vkeys"][0]];
    // "…10TWBADKEY==" has non-zero bits under its padding, so strict base64 refuses it
    // before the length check that Go's lenient decoder reaches (see the next test).
    const e1 = noteError(() => parseVerifierKey(wrongLength.vkey));
    expect(e1.code).toBe("invalid-key");
    expect(e1.message).toBe("malformed verifier key: want <name>+<8 hex digits>+<base64 key>");
    const e2 = noteError(() => parseVerifierKey(unknownAlgorithm.vkey));
    expect(e2.code).toBe("invalid-key");
    expect(e2.message).toBe("verifier key PeterNeumann: unsupported signature type 0x65");
  });

  it("rejects a wrong-length Ed25519 key even with a matching key ID", () => {
    const key = Buffer.concat([parseVerifierKey(peterVkey).publicKey, Buffer.from([0])]);
    const keyId = noteKeyId("PeterNeumann", key).toString(16).padStart(8, "0");
    const vkey = `PeterNeumann+${keyId}+${Buffer.concat([Buffer.from([1]), key]).toString("base64")}`;
    const error = noteError(() => parseVerifierKey(vkey));
    expect(error.code).toBe("invalid-key");
    expect(error.message).toBe("verifier key PeterNeumann: Ed25519 public key must be 32 bytes, got 33");
  });

  it.each([
    ["a wrong key ID", peterVkey.replace("c74f20a3", "c74f20a4"), /key ID c74f20a4 does not match/],
    ["a short key ID", peterVkey.replace("c74f20a3", "c74f20a"), /key ID must be 8 hex digits/],
    ["unpadded base64", peterVkey.replace(/=*$/, "").slice(0, -1), /malformed verifier key/],
    ["a missing part", "PeterNeumann+c74f20a3", /malformed verifier key/],
    ["a space in the name", peterVkey.replace("PeterNeumann", "Peter Neumann"), /malformed verifier key/],
    ["an empty name", peterVkey.replace("PeterNeumann", ""), /malformed verifier key/],
  ])("rejects a vkey with %s", (_, vkey, message) => {
    const error = noteError(() => parseVerifierKey(vkey));
    expect(error.code).toBe("invalid-key");
    expect(error.message).toMatch(message);
  });
});

describe("signer keys", () => {
  it("derives the published vkey from the x/mod test signer key", () => {
    const signer = parseSignerKey(peter.test_signer_key!);
    expect(signer.name).toBe("PeterNeumann");
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(signer.publicKey.equals(parseVerifierKey(peter.vkey!).publicKey)).toBe(true);
    expect(formatVerifierKey(signer.name, signer.publicKey)).toBe(peter.vkey);
  });

  it("re-signing reproduces the published note exactly (x/mod TestSign)", () => {
    const signer = parseSignerKey(peter.test_signer_key!);
    expect(signNote(peter.text!, signer)).toBe(peter.note);
    expect(signNote(peter.text!, [signer])).toBe(peter.note);
  });

  it("formats the signer key from its seed", () => {
    const seed = Buffer.from(peter.test_signer_key!.split("+").slice(4).join("+"), "base64").subarray(1);
    expect(formatSignerKey("PeterNeumann", seed)).toBe(peter.test_signer_key);
  });

  it.each([
    ["no PRIVATE+KEY prefix", peter.test_signer_key!.replace("PRIVATE+KEY+", ""), /must start with PRIVATE\+KEY\+/],
    ["a wrong key ID", peter.test_signer_key!.replace("c74f20a3", "00000000"), /key ID 00000000 does not match/],
    ["a short seed", "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXH", /seed must be 32 bytes/],
  ])("rejects a signer key with %s, without echoing it", (_, skey, message) => {
    const error = noteError(() => parseSignerKey(skey));
    expect(error.code).toBe("invalid-key");
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("AYEKFALV");
  });

  it("generates keys that sign and verify", () => {
    const { signerKey, verifierKey } = generateNoteKey("custody.example/ledger");
    // 33 bytes (type byte + 32) is exactly 44 base64 characters, no padding.
    expect(signerKey).toMatch(/^PRIVATE\+KEY\+custody\.example\/ledger\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$/);
    expect(verifierKey).toMatch(/^custody\.example\/ledger\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$/);
    const signer = parseSignerKey(signerKey);
    const verifier = parseVerifierKey(verifierKey);
    expect(signer.keyId).toBe(verifier.keyId);
    expect(verifierKey.split("+")[1]).toBe(signerKey.split("+")[3]);
    const note = signNote("hello\n", signer);
    expect(openNote(note, [verifier]).text).toBe("hello\n");
    expect(generateNoteKey("custody.example/ledger").verifierKey).not.toBe(verifierKey);
  });

  it("refuses invalid key names", () => {
    expect(noteError(() => generateNoteKey("has space")).code).toBe("invalid-key");
    expect(noteError(() => generateNoteKey("a+b")).code).toBe("invalid-key");
    expect(noteError(() => generateNoteKey("")).code).toBe("invalid-key");
    expect(noteError(() => generateNoteKey("nbsp\u00a0name")).code).toBe("invalid-key");
  });
});

describe("opening notes", () => {
  it.each([
    ["C2SP example", c2sp, c2sp.vkey!, "This is an example message.\n"],
    ["x/mod PeterNeumann", peter, peter.vkey!, peter.text!],
    ["sum.golang.org checkpoint", sumdb, sumdb.vkey!, "go.sum database tree\n6476701\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n"],
  ])("%s verifies", (_, ex, vkey, text) => {
    const verifier = parseVerifierKey(vkey);
    const opened = openNote(ex.note, [verifier]);
    expect(opened.text).toBe(text);
    expect(opened.verifiedSignatures.map((s) => [s.name, s.keyId])).toEqual([[verifier.name, verifier.keyId]]);
    expect(opened.verifiedSignatures[0]!.signature).toHaveLength(64);
    expect(opened.unverifiedSignatures).toEqual([]);
    // Same result from the raw UTF-8 bytes.
    expect(openNote(Buffer.from(ex.note, "utf8"), [verifier]).text).toBe(text);
  });

  it("two signers: one known key gives one verified and one unverified signature", () => {
    const opened = openNote(twoSigners.note, [parseVerifierKey(peterVkey)]);
    expect(opened.text).toBe(peter.text);
    expect(opened.verifiedSignatures.map((s) => s.name)).toEqual(["PeterNeumann"]);
    expect(opened.unverifiedSignatures.map((s) => [s.name, s.keyId])).toEqual([["EnochRoot", 0xaf0cfe78]]);
  });

  it("two signers: both keys verify both signatures", () => {
    const opened = openNote(twoSigners.note, [parseVerifierKey(enochVkey), parseVerifierKey(peterVkey)]);
    expect(opened.verifiedSignatures.map((s) => s.name)).toEqual(["PeterNeumann", "EnochRoot"]);
    expect(opened.unverifiedSignatures).toEqual([]);
  });

  it("a note signed only by other keys is unverified", () => {
    const error = noteError(() => openNote(peter.note, [parseVerifierKey(enochVkey)]));
    expect(error.code).toBe("unverified");
    expect(error.message).toBe("note has no signature from a known key (signed by: PeterNeumann+c74f20a3)");
    expect(noteError(() => openNote(c2sp.note, [])).code).toBe("unverified");
  });

  it("ignores a signature whose key ID matches a known key but whose name does not", () => {
    // The C2SP checkpoint example's signature carries the same key ID as sum.golang.org's key.
    const sig = parseNote(sofa.note).signatures[0]!;
    expect(sig.keyId).toBe(parseVerifierKey(sumdb.vkey!).keyId);
    const error = noteError(() => openNote(sofa.note, [parseVerifierKey(sumdb.vkey!)]));
    expect(error.code).toBe("unverified");
    expect(error.message).toContain("example.com/behind-the-sofa+033de0ae");
  });

  it("ignores a signature whose name matches a known key but whose key ID does not", () => {
    const other = generateNoteKey("PeterNeumann");
    expect(noteError(() => openNote(peter.note, [parseVerifierKey(other.verifierKey)])).code).toBe("unverified");
  });

  it("rejects a note whose text was altered", () => {
    const tampered = peter.note.replace("cryptography", "Cryptography");
    const error = noteError(() => openNote(tampered, [parseVerifierKey(peterVkey)]));
    expect(error.code).toBe("invalid-signature");
    expect(error.message).toBe("signature by PeterNeumann+c74f20a3 does not verify");
  });

  it("rejects a note whose signature was altered", () => {
    const tampered = c2sp.note.replace("Uw2QOkn8", "Uw2QOkn9");
    expect(noteError(() => openNote(tampered, [parseVerifierKey(c2sp.vkey!)])).code).toBe("invalid-signature");
  });

  it("rejects a known-key signature that fails even when another known key verifies", () => {
    const enochSig = twoSigners.note.split("\n").find((l) => l.includes("EnochRoot"))!;
    const forged = `${peter.note}${enochSig.replace("rwz+eBzm", "rwz+eBzn")}\n`;
    const verifiers = [parseVerifierKey(peterVkey), parseVerifierKey(enochVkey)];
    expect(noteError(() => openNote(forged, verifiers)).code).toBe("invalid-signature");
  });

  it("rejects a verifier that claims a key it does not hold", () => {
    const impostor: NoteVerifier = { ...parseVerifierKey(enochVkey), name: "PeterNeumann", keyId: 0xc74f20a3 };
    expect(noteError(() => openNote(peter.note, [impostor])).code).toBe("invalid-signature");
  });

  it("refuses two verifiers for the same key name and ID", () => {
    const v = parseVerifierKey(peterVkey);
    expect(noteError(() => openNote(peter.note, [v, { ...v }])).code).toBe("ambiguous-key");
  });

  it("keeps one copy of repeated signature lines", () => {
    const sigLine = peter.note.slice(peter.note.lastIndexOf("\n\n") + 2);
    const unknown = `\u2014 someone.example ${Buffer.concat([Buffer.from("00000001", "hex"), Buffer.alloc(64)]).toString("base64")}\n`;
    const repeated = `${peter.note}${sigLine}${unknown}${unknown}`;
    const opened = openNote(repeated, [parseVerifierKey(peterVkey)]);
    expect(opened.verifiedSignatures).toHaveLength(1);
    expect(opened.unverifiedSignatures.map((s) => [s.name, s.keyId])).toEqual([["someone.example", 1]]);
  });

  it("preserves a leading byte order mark as part of the signed text", () => {
    const key = generateNoteKey("bom.example");
    const note = signNote("\ufeffbody\n", parseSignerKey(key.signerKey));
    const opened = openNote(Buffer.from(note, "utf8"), [parseVerifierKey(key.verifierKey)]);
    expect(opened.text).toBe("\ufeffbody\n");
  });

  it("signs with several keys at once, in order", () => {
    const a = generateNoteKey("a.example");
    const b = generateNoteKey("b.example");
    const note = signNote("multi\n", [parseSignerKey(a.signerKey), parseSignerKey(b.signerKey)]);
    expect(parseNote(note).signatures.map((s) => s.name)).toEqual(["a.example", "b.example"]);
    const opened = openNote(note, [parseVerifierKey(b.verifierKey), parseVerifierKey(a.verifierKey)]);
    expect(opened.verifiedSignatures).toHaveLength(2);
  });

  it("signs text containing blank lines and opens it again", () => {
    const key = generateNoteKey("blank.example");
    const text = "first\n\nthird\n\n";
    const note = signNote(text, parseSignerKey(key.signerKey));
    expect(openNote(note, [parseVerifierKey(key.verifierKey)]).text).toBe(text);
  });
});

describe("notes without published keys (syntax only)", () => {
  it("splits the C2SP intro note at the last blank line", () => {
    const parsed = parseNote(quasimodo.note);
    expect(parsed.text).toBe("Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned \u00e8 subito sera.\n");
    expect(parsed.signatures.map((s) => [s.name, s.keyId, s.signature.length])).toEqual([["quasimodo.example/salvatore", 0x367ba04b, 64]]);
  });

  it("reads the witness cosignature as key ID, timestamp and Ed25519 signature", () => {
    const parsed = parseNote(cosigned.note);
    expect(parsed.text).toBe(sofa.note.slice(0, sofa.note.lastIndexOf("\n\n") + 1));
    const [log, witness] = parsed.signatures as [(typeof parsed.signatures)[0], (typeof parsed.signatures)[0]];
    expect([log.name, log.keyId, log.signature.length]).toEqual(["example.com/behind-the-sofa", 0x033de0ae, 64]);
    expect([witness.name, witness.keyId, witness.signature.length]).toEqual(["witness.example.com/w1", 0x8d66cf3f, 72]);
    // tlog-cosignature: the 8 bytes after the key ID are the timestamp of the signed message.
    expect(witness.signature.readBigUInt64BE(0)).toBe(1679315147n);
    expect(cosigned.cosigned_message_example).toContain("time 1679315147\n");
  });
});

describe("malformed notes (x/mod TestOpen badMsgs)", () => {
  const [noBlank, noSignatures, noFinalNewline, control, badName, extraLine] = data.malformed_notes_for_PeterNeumann_key as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  it.each([
    ["text only", noBlank, "malformed note: no blank line between text and signatures"],
    ["blank line but no signatures", noSignatures, "malformed note: no signature lines after the blank line"],
    ["no final newline", noFinalNewline, "malformed note: must end with a newline after the last signature line"],
    ["a control character", control, "malformed note: contains control character U+0001"],
    ["a key name with a space", badName, "malformed note: must end with a newline after the last signature line"],
    ["a line after the signatures", extraLine, "malformed note: signature line 2 does not start with an em dash and a space"],
  ])("rejects %s", (_, note, message) => {
    const error = noteError(() => openNote(note, [parseVerifierKey(peterVkey)]));
    expect(error.code).toBe("malformed");
    expect(error.message).toBe(message);
  });

  it("rejects the Go case omitted from the JSON: a 0xFF byte (invalid UTF-8)", () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from(peter.note, "utf8")]);
    const error = noteError(() => openNote(bytes, [parseVerifierKey(peterVkey)]));
    expect(error.code).toBe("malformed");
    expect(error.message).toBe("malformed note: not valid UTF-8");
  });

  const sig = peter.note.slice(peter.note.lastIndexOf("\n\n") + 2).trimEnd();
  const b64 = sig.split(" ")[2]!;
  it.each([
    ["a key name with a space (newline-terminated)", `\u2014 Bad Name ${b64}\n`, /line 1 is not standard padded base64/],
    ["a hyphen instead of an em dash", `- PeterNeumann ${b64}\n`, /line 1 does not start with an em dash/],
    ["no space after the dash", `\u2014PeterNeumann ${b64}\n`, /line 1 does not start with an em dash/],
    ["no signature", "\u2014 PeterNeumann\n", /line 1 has no space/],
    ["an empty signature", "\u2014 PeterNeumann \n", /line 1 is too short/],
    ["a name with +", `\u2014 Peter+Neumann ${b64}\n`, /line 1 has an invalid key name/],
    ["an empty name", `\u2014  ${b64}\n`, /line 1 has an invalid key name/],
    ["unpadded base64", `\u2014 PeterNeumann ${b64.replace(/=+$/, "")}\n`, /not standard padded base64/],
    ["a 4-byte signature", "\u2014 PeterNeumann x08gow==\n", /too short for a key ID and a signature/],
    ["a tab", `\u2014 PeterNeumann\t${b64}\n`, /control character U\+0009/],
    ["a carriage return", `\u2014 PeterNeumann ${b64}\r\n`, /control character U\+000d/],
  ])("rejects a signature block with %s", (_, block, message) => {
    const error = noteError(() => parseNote(`${peter.text}\n${block}`));
    expect(error.code).toBe("malformed");
    expect(error.message).toMatch(message);
  });

  it("accepts 100 signatures and rejects 101", () => {
    const line = `\u2014 someone.example ${Buffer.alloc(68, 7).toString("base64")}\n`;
    expect(parseNote(`x\n\n${line.repeat(100)}`).signatures).toHaveLength(100);
    expect(noteError(() => parseNote(`x\n\n${line.repeat(101)}`)).message).toBe("malformed note: more than 100 signatures");
  });

  it("rejects lone surrogates in string input", () => {
    expect(noteError(() => parseNote(`\ud800${peter.note}`)).message).toBe("malformed note: not valid Unicode (lone surrogate)");
  });

  it("refuses to sign text that could not be opened", () => {
    const signer = parseSignerKey(peter.test_signer_key!);
    expect(noteError(() => signNote("no newline", signer)).message).toBe("note text must end with a newline");
    expect(noteError(() => signNote("", signer)).message).toBe("note text must end with a newline");
    expect(noteError(() => signNote("tab\there\n", signer)).message).toBe("note text contains a control character");
    expect(() => signNote("x\n", [])).toThrow(/at least one signer/);
  });
});
