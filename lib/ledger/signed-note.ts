// Signed notes (c2sp.org/signed-note, golang.org/x/mod/sumdb/note): text followed by a blank
// line and "— <key name> base64(key ID || signature)" lines. Checkpoints travel as notes, so
// this is what lets anyone check that a tree head really came from the ledger's key.
// Only Ed25519 (signature type 0x01) keys are supported; other signatures are carried as
// unverified, as the spec requires.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as ed25519Sign,
  verify as ed25519Verify,
  type KeyObject,
} from "node:crypto";

import { decodeBase64Strict } from "./base64";

/** Why a key or note was refused, so callers can tell tampering from bad input. */
export type NoteErrorCode =
  | "invalid-key" // a vkey / signer key string that does not parse or whose key ID is wrong
  | "malformed" // the note text breaks the signed-note syntax
  | "invalid-signature" // a signature from a known key does not verify (tampering)
  | "unverified" // no signature from a known key (the text must not be trusted)
  | "ambiguous-key"; // two verifiers share a key name and key ID

export class NoteError extends Error {
  readonly code: NoteErrorCode;
  constructor(code: NoteErrorCode, message: string) {
    super(message);
    this.name = "NoteError";
    this.code = code;
  }
}

/** Checks signatures for one key (name + 32-bit key ID). */
export type NoteVerifier = {
  name: string;
  keyId: number;
  verify: (message: Uint8Array, signature: Uint8Array) => boolean;
};

/** Produces signatures for one key. */
export type NoteSigner = {
  name: string;
  keyId: number;
  sign: (message: Uint8Array) => Buffer;
};

/** One signature line; `signature` excludes the 4-byte key ID prefix, `base64` includes it. */
export type NoteSignature = { name: string; keyId: number; signature: Buffer; base64: string };

/** A note split into text and signatures, nothing verified. */
export type ParsedNote = { text: string; signatures: NoteSignature[] };

/** A note with at least one signature verified by a known key. */
export type OpenedNote = { text: string; verifiedSignatures: NoteSignature[]; unverifiedSignatures: NoteSignature[] };

/** A fresh key in both text encodings; keep `signerKey` secret, publish `verifierKey`. */
export type NoteKeyPair = { signerKey: string; verifierKey: string };

export const ED25519_SIGNATURE_TYPE = 0x01;

const SIGNATURE_PREFIX = "\u2014 "; // em dash, space
const SIGNER_KEY_PREFIX = "PRIVATE+KEY+";
// The spec says accept at least 16; Go's implementation stops at 100.
const MAX_SIGNATURES = 100;
// DER wrappers that turn raw 32-byte Ed25519 keys into KeyObjects (RFC 8410).
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
// ASCII control characters other than newline are forbidden anywhere in a note.
const CONTROL_CHARACTER = /[\u0000-\u0009\u000b-\u001f]/;

/** Key ID = first 4 bytes (big-endian) of SHA-256(name || 0x0A || signature type || public key). */
export function noteKeyId(name: string, publicKey: Uint8Array, signatureType: number = ED25519_SIGNATURE_TYPE): number {
  return createHash("sha256").update(`${name}\n`, "utf8").update(Uint8Array.of(signatureType)).update(publicKey).digest().readUInt32BE(0);
}

/** Key names must be non-empty and contain no Unicode space, "+", or control character. */
export function isValidKeyName(name: string): boolean {
  return name !== "" && name.isWellFormed() && !/[\p{White_Space}+]/u.test(name) && !CONTROL_CHARACTER.test(name);
}

/** Parses a verifier key "<name>+<hex key ID>+<base64(0x01 || Ed25519 public key)>". */
export function parseVerifierKey(vkey: string): NoteVerifier & { publicKey: Buffer } {
  const { name, keyId, publicKey, keyObject } = parseTypedVerifierKey(vkey, ED25519_SIGNATURE_TYPE);
  return {
    name,
    keyId,
    publicKey,
    verify: (message, signature) => signature.length === 64 && ed25519Verify(null, message, keyObject, signature),
  };
}

/** Parses "<name>+<key ID>+base64(<type> || Ed25519 public key)" for one signature type (0x01 notes, 0x04 cosignatures). */
export function parseTypedVerifierKey(
  vkey: string,
  signatureType: number,
): { name: string; keyId: number; publicKey: Buffer; keyObject: KeyObject } {
  const [name, keyIdHex, keyData] = splitKey(vkey, "verifier key");
  const keyId = parseKeyId(keyIdHex, "verifier key");
  const key = decodeBase64Strict(keyData);
  if (!isValidKeyName(name) || key === undefined || key.length === 0) {
    throw new NoteError("invalid-key", "malformed verifier key: want <name>+<8 hex digits>+<base64 key>");
  }
  // The key ID covers the type byte, so it is checked over the encoded key as a whole.
  if (noteKeyId(name, key.subarray(1), key[0]) !== keyId) {
    throw new NoteError("invalid-key", `verifier key ${name}: key ID ${keyIdHex} does not match the key`);
  }
  if (key[0] !== signatureType) {
    throw new NoteError("invalid-key", `verifier key ${name}: unsupported signature type 0x${hex2(key[0]!)}`);
  }
  if (key.length !== 33) {
    throw new NoteError("invalid-key", `verifier key ${name}: Ed25519 public key must be 32 bytes, got ${key.length - 1}`);
  }
  const publicKey = key.subarray(1);
  return { name, keyId, publicKey, keyObject: publicKeyObject(publicKey, name) };
}

/** Parses a signer key "PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || Ed25519 seed)>". */
export function parseSignerKey(skey: string): NoteSigner & { publicKey: Buffer } {
  // Messages never echo the input: it is a secret.
  if (!skey.startsWith(SIGNER_KEY_PREFIX)) {
    throw new NoteError("invalid-key", `malformed signer key: must start with ${SIGNER_KEY_PREFIX}`);
  }
  const [name, keyIdHex, keyData] = splitKey(skey.slice(SIGNER_KEY_PREFIX.length), "signer key");
  const keyId = parseKeyId(keyIdHex, "signer key");
  const key = decodeBase64Strict(keyData);
  if (!isValidKeyName(name) || key === undefined || key.length === 0) {
    throw new NoteError("invalid-key", "malformed signer key: want PRIVATE+KEY+<name>+<8 hex digits>+<base64 key>");
  }
  if (key[0] !== ED25519_SIGNATURE_TYPE) {
    throw new NoteError("invalid-key", `signer key ${name}: unsupported signature type 0x${hex2(key[0]!)}`);
  }
  if (key.length !== 33) {
    throw new NoteError("invalid-key", `signer key ${name}: Ed25519 seed must be 32 bytes, got ${key.length - 1}`);
  }
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, key.subarray(1)]),
    format: "der",
    type: "pkcs8",
  });
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  if (noteKeyId(name, publicKey) !== keyId) {
    throw new NoteError("invalid-key", `signer key ${name}: key ID ${keyIdHex} does not match the key`);
  }
  return { name, keyId, publicKey, sign: (message) => ed25519Sign(null, message, privateKey) };
}

/** Verifier key text for an Ed25519 public key. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  assertKeyName(name);
  if (publicKey.length !== 32) throw new NoteError("invalid-key", "Ed25519 public key must be 32 bytes");
  return `${name}+${keyIdHex(noteKeyId(name, publicKey))}+${typedKey(publicKey)}`;
}

/** Signer key text for an Ed25519 seed (the 32-byte private key of RFC 8032). */
export function formatSignerKey(name: string, seed: Uint8Array): string {
  assertKeyName(name);
  if (seed.length !== 32) throw new NoteError("invalid-key", "Ed25519 seed must be 32 bytes");
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return `${SIGNER_KEY_PREFIX}${name}+${keyIdHex(noteKeyId(name, publicKey))}+${typedKey(seed)}`;
}

/** Generates a new Ed25519 note key named `name`. */
export function generateNoteKey(name: string): NoteKeyPair {
  assertKeyName(name);
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const seed = privateKey.export({ format: "der", type: "pkcs8" }).subarray(PKCS8_ED25519_PREFIX.length);
  return { signerKey: formatSignerKey(name, seed), verifierKey: formatVerifierKey(name, rawPublicKey(publicKey)) };
}

/** Signs `text` (which must end in a newline) and returns the signed note. */
export function signNote(text: string, signers: NoteSigner | readonly NoteSigner[]): string {
  const list: readonly NoteSigner[] = Array.isArray(signers) ? signers : [signers as NoteSigner];
  if (list.length === 0) throw new Error("signNote needs at least one signer");
  assertNoteText(text);
  const message = Buffer.from(text, "utf8");
  const lines = list.map((signer) => {
    assertKeyName(signer.name);
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32BE(signer.keyId);
    const signature = Buffer.concat([prefix, signer.sign(message)]);
    return `${SIGNATURE_PREFIX}${signer.name} ${signature.toString("base64")}\n`;
  });
  return `${text}\n${lines.join("")}`;
}

/**
 * Splits a note into text and signature lines, checking the syntax only. Nothing is
 * verified: use openNote before trusting the text.
 */
export function parseNote(note: string | Uint8Array): ParsedNote {
  const msg = typeof note === "string" ? note : decodeUtf8(note);
  if (!msg.isWellFormed()) malformed("not valid Unicode (lone surrogate)");
  const control = CONTROL_CHARACTER.exec(msg);
  if (control) malformed(`contains control character U+${control[0].charCodeAt(0).toString(16).padStart(4, "0")}`);

  // The text may contain blank lines; the last one separates it from the signatures.
  const split = msg.lastIndexOf("\n\n");
  if (split < 0) malformed("no blank line between text and signatures");
  const text = msg.slice(0, split + 1);
  const block = msg.slice(split + 2);
  if (block === "") malformed("no signature lines after the blank line");
  if (!block.endsWith("\n")) malformed("must end with a newline after the last signature line");

  const lines = block.slice(0, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) malformed(`more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line, i) => parseSignatureLine(line, i + 1));
  return { text, signatures };
}

/**
 * Parses a note and verifies its signatures against `verifiers`. Signatures by unknown keys
 * are returned as unverified. Throws NoteError if the note is malformed, if a known key's
 * signature fails ("invalid-signature"), or if no known key signed it ("unverified").
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = parseNote(note);
  const message = Buffer.from(text, "utf8");
  const verifiedSignatures: NoteSignature[] = [];
  const unverifiedSignatures: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const sig of signatures) {
    const matches = verifiers.filter((v) => v.name === sig.name && v.keyId === sig.keyId);
    const label = `${sig.name}+${keyIdHex(sig.keyId)}`;
    if (matches.length > 1) throw new NoteError("ambiguous-key", `more than one verifier for key ${label}`);
    const verifier = matches[0];
    // Repeated lines add nothing; keep the first (a repeat by a known key is still verified).
    const firstTime = !seen.has(`${label} ${sig.base64}`);
    seen.add(`${label} ${sig.base64}`);
    if (verifier === undefined) {
      if (firstTime) unverifiedSignatures.push(sig);
      continue;
    }
    if (!verifier.verify(message, sig.signature)) {
      throw new NoteError("invalid-signature", `signature by ${label} does not verify`);
    }
    if (!verifiedSignatures.some((v) => v.name === sig.name && v.keyId === sig.keyId)) verifiedSignatures.push(sig);
  }
  if (verifiedSignatures.length === 0) {
    const names = unverifiedSignatures.map((s) => `${s.name}+${keyIdHex(s.keyId)}`).join(", ");
    throw new NoteError("unverified", `note has no signature from a known key (signed by: ${names})`);
  }
  return { text, verifiedSignatures, unverifiedSignatures };
}

function parseSignatureLine(line: string, lineNumber: number): NoteSignature {
  if (!line.startsWith(SIGNATURE_PREFIX)) {
    malformed(`signature line ${lineNumber} does not start with an em dash and a space`);
  }
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(" ");
  if (space < 0) malformed(`signature line ${lineNumber} has no space between key name and signature`);
  const name = rest.slice(0, space);
  const base64 = rest.slice(space + 1);
  if (!isValidKeyName(name)) malformed(`signature line ${lineNumber} has an invalid key name`);
  const bytes = decodeBase64Strict(base64);
  if (bytes === undefined) malformed(`signature line ${lineNumber} is not standard padded base64`);
  if (bytes.length < 5) malformed(`signature line ${lineNumber} is too short for a key ID and a signature`);
  return { name, keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4), base64 };
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    // ignoreBOM keeps a leading U+FEFF in the text: it is part of the signed bytes.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return malformed("not valid UTF-8");
  }
}

function assertNoteText(text: string): void {
  if (!text.endsWith("\n")) throw new NoteError("malformed", "note text must end with a newline");
  if (!text.isWellFormed()) throw new NoteError("malformed", "note text is not valid Unicode (lone surrogate)");
  if (CONTROL_CHARACTER.test(text)) throw new NoteError("malformed", "note text contains a control character");
}

function assertKeyName(name: string): void {
  if (!isValidKeyName(name)) {
    throw new NoteError("invalid-key", `invalid key name ${JSON.stringify(name)}: must be non-empty, without spaces or "+"`);
  }
}

// Splits "<a>+<b>+<c…>" at the first two "+" only: base64 key data may itself contain "+".
function splitKey(text: string, what: string): [string, string, string] {
  const first = text.indexOf("+");
  const second = first < 0 ? -1 : text.indexOf("+", first + 1);
  if (second < 0) throw new NoteError("invalid-key", `malformed ${what}: want <name>+<key ID>+<key>`);
  return [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
}

function parseKeyId(hex: string, what: string): number {
  if (!/^[0-9a-fA-F]{8}$/.test(hex)) throw new NoteError("invalid-key", `malformed ${what}: key ID must be 8 hex digits`);
  return Number.parseInt(hex, 16);
}

function publicKeyObject(publicKey: Uint8Array, name: string): KeyObject {
  try {
    return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: "der", type: "spki" });
  } catch {
    throw new NoteError("invalid-key", `verifier key ${name}: not a usable Ed25519 public key`);
  }
}

function rawPublicKey(key: KeyObject): Buffer {
  return key.export({ format: "der", type: "spki" }).subarray(SPKI_ED25519_PREFIX.length);
}

function typedKey(key: Uint8Array): string {
  return Buffer.concat([Uint8Array.of(ED25519_SIGNATURE_TYPE), key]).toString("base64");
}

function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, "0");
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, "0");
}

function malformed(reason: string): never {
  throw new NoteError("malformed", `malformed note: ${reason}`);
}
