import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cosign, cosignatureVerifierKey, cosignedMessage, parseCosignatureVerifierKey, verifyCosignatures } from "./cosignature";
import { generateNoteKey, parseNote, parseSignerKey, signNote } from "./signed-note";

const examples = JSON.parse(readFileSync(new URL("../../test/fixtures/signed-note-examples.json", import.meta.url), "utf8")) as {
  examples: { name: string; note: string; cosigned_message_example?: string }[];
};
const c2sp = examples.examples.find((example) => example.name === "c2sp-tlog-cosignature-example")!;

describe("witness cosignatures (C2SP tlog-cosignature)", () => {
  it("builds the signed message exactly as the spec's example", () => {
    const { text } = parseNote(c2sp.note);
    expect(cosignedMessage(text, 1679315147).toString("utf8")).toBe(c2sp.cosigned_message_example);
  });

  it("reads the spec's example line as key ID, then the big-endian time the message names", () => {
    const witnessLine = parseNote(c2sp.note).signatures.find((signature) => signature.name === "witness.example.com/w1")!;
    expect(witnessLine.signature.length).toBe(8 + 64);
    expect(Number(witnessLine.signature.readBigUInt64BE(0))).toBe(1679315147);
  });

  const log = generateNoteKey("custody.test/log");
  const text = "custody.test/log\n42\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  const note = signNote(text, parseSignerKey(log.signerKey));
  const seed = randomBytes(32);
  const witness = parseCosignatureVerifierKey(cosignatureVerifierKey("witness.test/w1", seed));

  it("verifies a witness's line over the checkpoint and ignores the log's own signature", () => {
    const line = cosign(text, { name: "witness.test/w1", seed }, 1_800_000_000);
    const verified = verifyCosignatures(`${note}${line}\n`, text, [witness]);
    expect(verified).toEqual([{ name: "witness.test/w1", keyId: witness.keyId, timestamp: 1_800_000_000, line }]);
  });

  it("refuses a line whose time was changed, a note of another checkpoint, and a bad signature", () => {
    const line = cosign(text, { name: "witness.test/w1", seed }, 1_800_000_000);
    const bytes = Buffer.from(line.split(" ")[2]!, "base64");
    bytes.writeBigUInt64BE(1_800_000_001n, 4);
    const retimed = `\u2014 witness.test/w1 ${bytes.toString("base64")}`;
    expect(() => verifyCosignatures(`${note}${retimed}\n`, text, [witness])).toThrow(/does not verify/);
    const other = "custody.test/log\n43\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    expect(() => verifyCosignatures(`${note}${line}\n`, other, [witness])).toThrow(/not this checkpoint/);
    const short = `\u2014 witness.test/w1 ${bytes.subarray(0, 40).toString("base64")}`;
    expect(() => verifyCosignatures(`${note}${short}\n`, text, [witness])).toThrow(/want 76/);
  });

  it("finds nothing from a witness it does not know", () => {
    const stranger = cosign(text, { name: "witness.test/w1", seed: randomBytes(32) }, 1_800_000_000);
    // Same name, another key: a different key ID, so the line is not this witness's.
    expect(verifyCosignatures(`${note}${stranger}\n`, text, [witness])).toEqual([]);
  });

  it("takes only cosignature keys (type 0x04), not note keys (0x01)", () => {
    expect(() => parseCosignatureVerifierKey(log.verifierKey)).toThrow(/unsupported signature type 0x01/);
    expect(() => parseCosignatureVerifierKey("witness+00000000+BA==")).toThrow();
  });
});
