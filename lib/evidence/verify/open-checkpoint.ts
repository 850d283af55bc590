// Opens a C2SP signed-note checkpoint with one verifier key, in Node or the browser. Strict like
// lib/ledger/signed-note.ts and checkpoint.ts (which need node:crypto): one accepted spelling.
import { ed25519 } from "@noble/curves/ed25519.js";
import { bytesEqual, fromBase64, sha256Bytes, toHex, utf8 } from "./bytes";

export type TVerifierKey = { name: string; keyId: number; publicKey: Uint8Array; text: string };
export type TOpenedCheckpoint = { origin: string; size: number; rootHash: Uint8Array; text: string };

const CONTROL = /[\u0000-\u0009\u000b-\u001f]/;
const validName = (name: string) => name !== "" && name.isWellFormed() && !/[\p{White_Space}+]/u.test(name) && !CONTROL.test(name);

function keyId(name: string, typedKey: Uint8Array): number {
  const digest = sha256Bytes(utf8(`${name}\n`), typedKey);
  return ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
}

/** "<name>+<8 hex key ID>+base64(0x01 || Ed25519 public key)"; throws with the reason. */
export function parseVerifierKeyText(text: string): TVerifierKey {
  const trimmed = text.trim();
  const first = trimmed.indexOf("+");
  const second = first < 0 ? -1 : trimmed.indexOf("+", first + 1);
  if (second < 0) throw new Error("not a verifier key (want <name>+<key ID>+<key>)");
  const name = trimmed.slice(0, first);
  const idHex = trimmed.slice(first + 1, second);
  const key = fromBase64(trimmed.slice(second + 1));
  if (!validName(name) || !/^[0-9a-f]{8}$/i.test(idHex) || !key) throw new Error("not a verifier key (want <name>+<key ID>+<key>)");
  if (key[0] !== 0x01 || key.length !== 33) throw new Error("not an Ed25519 verifier key");
  const id = Number.parseInt(idHex, 16);
  if (keyId(name, key) !== id) throw new Error("the verifier key's ID does not match its key");
  return { name, keyId: id, publicKey: key.subarray(1), text: trimmed };
}

/** Verifies the note's signature by `key` and parses the checkpoint; throws naming what is wrong. */
export function openCheckpoint(note: string, key: TVerifierKey): TOpenedCheckpoint {
  if (!note.isWellFormed() || CONTROL.test(note)) throw new Error("the note contains a control character or invalid Unicode");
  const split = note.lastIndexOf("\n\n");
  if (split < 0) throw new Error("the note has no blank line before its signatures");
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block === "" || !block.endsWith("\n")) throw new Error("the note's signature block is malformed");
  let signed = false;
  for (const line of block.slice(0, -1).split("\n")) {
    if (!line.startsWith("\u2014 ")) throw new Error("a signature line does not start with an em dash");
    const [name, base64, extra] = line.slice(2).split(" ");
    const bytes = base64 === undefined ? undefined : fromBase64(base64);
    if (!name || !bytes || bytes.length < 5 || extra !== undefined) throw new Error("a signature line is malformed");
    const id = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    if (name !== key.name || id !== key.keyId) continue;
    const signature = bytes.subarray(4);
    if (signature.length !== 64 || !verifyEd25519(signature, utf8(text), key.publicKey))
      throw new Error(`the signature by ${key.name} does not verify (the checkpoint was altered)`);
    signed = true;
  }
  if (!signed) throw new Error(`the note is not signed by ${key.name}+${key.keyId.toString(16).padStart(8, "0")}`);
  return { ...parseCheckpointText(text), text };
}

function parseCheckpointText(text: string): Omit<TOpenedCheckpoint, "text"> {
  const lines = text.slice(0, -1).split("\n");
  const [origin, sizeLine, rootLine] = lines;
  if (!origin || !sizeLine || !rootLine) throw new Error("the checkpoint wants an origin, a size and a root hash");
  if (!/^(?:0|[1-9][0-9]*)$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine)))
    throw new Error("the checkpoint size is not a decimal tree size");
  const rootHash = fromBase64(rootLine);
  if (!rootHash || rootHash.length !== 32) throw new Error("the checkpoint root is not a base64 SHA-256 hash");
  if (lines.slice(3).some((line) => line === "")) throw new Error("the checkpoint has an empty extension line");
  return { origin, size: Number(sizeLine), rootHash };
}

export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    // zip215: false is RFC 8032's strict verification, what node:crypto and OpenSSL do.
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

export const sameKey = (a: TVerifierKey, b: TVerifierKey) => a.name === b.name && bytesEqual(a.publicKey, b.publicKey);
export const keyLabel = (key: TVerifierKey) =>
  `${key.name}+${toHex(Uint8Array.of(key.keyId >>> 24, key.keyId >>> 16, key.keyId >>> 8, key.keyId))}`;
