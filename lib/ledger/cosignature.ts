// Witness cosignatures (C2SP tlog-cosignature, cosignature/v1): a witness that has checked a
// checkpoint is consistent with every earlier one it saw signs
//   "cosignature/v1\ntime <seconds>\n" + <the checkpoint's note text>
// and adds a line "— <witness name> base64(key ID[4] || timestamp[8, big-endian] || Ed25519 signature[64])"
// to the note. Its verifier key is a signed-note key of signature type 0x04.
import { sign as ed25519Sign, verify as ed25519Verify, createPrivateKey, type KeyObject } from "node:crypto";
import { NoteError, noteKeyId, parseNote, parseTypedVerifierKey } from "./signed-note";

export const COSIGNATURE_V1_TYPE = 0x04;

export type TCosignatureVerifier = { name: string; keyId: number; publicKey: Buffer; keyObject: KeyObject };

export type TVerifiedCosignature = { name: string; keyId: number; timestamp: number; line: string };

export function parseCosignatureVerifierKey(vkey: string): TCosignatureVerifier {
  return parseTypedVerifierKey(vkey.trim(), COSIGNATURE_V1_TYPE);
}

/** The bytes a witness signs for a checkpoint note text (ending in a newline) at `timestamp` seconds. */
export function cosignedMessage(checkpointText: string, timestamp: number): Buffer {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError(`invalid cosignature timestamp ${timestamp}`);
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`, "utf8");
}

/**
 * Reads a cosigned checkpoint (the note with the log's and the witnesses' signature lines) and
 * verifies every line made by one of `witnesses` over `checkpointText`. Lines by other keys are
 * ignored (the log's own signature among them); a known witness's line that does not verify
 * throws, as does a note whose text is not this checkpoint's.
 */
export function verifyCosignatures(
  note: string,
  checkpointText: string,
  witnesses: readonly TCosignatureVerifier[],
): TVerifiedCosignature[] {
  const parsed = parseNote(note);
  if (parsed.text !== checkpointText) throw new NoteError("malformed", "the note's text is not this checkpoint's");
  const verified: TVerifiedCosignature[] = [];
  for (const signature of parsed.signatures) {
    const witness = witnesses.find((candidate) => candidate.name === signature.name && candidate.keyId === signature.keyId);
    if (!witness) continue;
    if (signature.signature.length !== 8 + 64) {
      throw new NoteError("invalid-signature", `cosignature by ${witness.name} is ${signature.signature.length + 4} bytes, want 76`);
    }
    const timestamp = Number(signature.signature.readBigUInt64BE(0));
    if (!Number.isSafeInteger(timestamp)) throw new NoteError("invalid-signature", `cosignature by ${witness.name} has an impossible time`);
    const ok = ed25519Verify(null, cosignedMessage(checkpointText, timestamp), witness.keyObject, signature.signature.subarray(8));
    if (!ok) throw new NoteError("invalid-signature", `cosignature by ${witness.name} does not verify`);
    if (!verified.some((known) => known.name === witness.name && known.keyId === witness.keyId)) {
      verified.push({ name: witness.name, keyId: witness.keyId, timestamp, line: `\u2014 ${signature.name} ${signature.base64}` });
    }
  }
  return verified;
}

/** A witness's side, for tests and for running a witness of one's own: the signature line over `checkpointText`. */
export function cosign(checkpointText: string, { name, seed }: { name: string; seed: Uint8Array }, timestamp: number): string {
  const { privateKey, publicKey } = witnessKey(seed);
  const keyId = noteKeyId(name, publicKey, COSIGNATURE_V1_TYPE);
  const head = Buffer.alloc(12);
  head.writeUInt32BE(keyId, 0);
  head.writeBigUInt64BE(BigInt(timestamp), 4);
  const signature = ed25519Sign(null, cosignedMessage(checkpointText, timestamp), privateKey);
  return `\u2014 ${name} ${Buffer.concat([head, signature]).toString("base64")}`;
}

/** The verifier key of a cosigning witness key. */
export function cosignatureVerifierKey(name: string, seed: Uint8Array): string {
  const { publicKey } = witnessKey(seed);
  const keyId = noteKeyId(name, publicKey, COSIGNATURE_V1_TYPE);
  return `${name}+${keyId.toString(16).padStart(8, "0")}+${Buffer.concat([Uint8Array.of(COSIGNATURE_V1_TYPE), publicKey]).toString("base64")}`;
}

// RFC 8410 PKCS#8 wrapper for a raw 32-byte Ed25519 seed.
function witnessKey(seed: Uint8Array): { privateKey: KeyObject; publicKey: Buffer } {
  const der = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]);
  const privateKey = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  return { privateKey, publicKey: Buffer.from(privateKey.export({ format: "jwk" }).x!, "base64url") };
}
