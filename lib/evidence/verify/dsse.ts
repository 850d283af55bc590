// DSSE (github.com/secure-systems-lab/dsse, v1.0) envelopes over the bundle manifest, and the
// evidence key's public encodings. Node and browser alike.
import { bytesEqual, concatBytes, fromBase64, sha256Bytes, toBase64, toHex, utf8 } from "./bytes";

export const inTotoPayloadType = "application/vnd.in-toto+json";

export type TDsseEnvelope = { payloadType: string; payload: string; signatures: { keyid: string; sig: string }[] };

/** Pre-authentication encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body. */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = utf8(payloadType);
  return concatBytes(utf8(`DSSEv1 ${type.length} `), type, utf8(` ${payload.length} `), payload);
}

// RFC 8410 SubjectPublicKeyInfo prefix of a raw 32-byte Ed25519 public key.
const SPKI_PREFIX = Uint8Array.of(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00);

/** The DSSE keyid of an evidence key: lowercase hex SHA-256 of its raw 32 public-key bytes. */
export function evidenceKeyId(publicKey: Uint8Array): string {
  return toHex(sha256Bytes(publicKey));
}

export function evidenceKeyToPem(publicKey: Uint8Array): string {
  const body = toBase64(concatBytes(SPKI_PREFIX, publicKey));
  return `-----BEGIN PUBLIC KEY-----\n${body.match(/.{1,64}/g)!.join("\n")}\n-----END PUBLIC KEY-----\n`;
}

/** The raw Ed25519 key of a PEM "PUBLIC KEY" (SPKI); throws when it is anything else. */
export function evidenceKeyFromPem(pem: string): Uint8Array {
  const match = /^-----BEGIN PUBLIC KEY-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n?-----END PUBLIC KEY-----\s*$/.exec(pem.trim());
  const der = match ? fromBase64(match[1]!.replace(/\r?\n/g, "")) : undefined;
  if (!der || der.length !== 44 || !bytesEqual(der.subarray(0, 12), SPKI_PREFIX))
    throw new Error("not an Ed25519 public key in PEM (SPKI)");
  return der.subarray(12);
}

/** Parses an envelope's shape; throws naming what is missing. */
export function parseDsseEnvelope(value: unknown): TDsseEnvelope {
  const envelope = value as Partial<TDsseEnvelope> | null;
  if (!envelope || typeof envelope !== "object" || Array.isArray(envelope)) throw new Error("the manifest is not a DSSE envelope");
  if (typeof envelope.payloadType !== "string" || typeof envelope.payload !== "string")
    throw new Error("the envelope lacks payloadType or payload");
  if (!Array.isArray(envelope.signatures) || envelope.signatures.length === 0) throw new Error("the envelope has no signatures");
  for (const signature of envelope.signatures) {
    if (!signature || typeof signature.keyid !== "string" || typeof signature.sig !== "string")
      throw new Error("an envelope signature is malformed");
  }
  return envelope as TDsseEnvelope;
}
