import "server-only";
import { verify } from "node:crypto";
import { z } from "zod";
import { decodeBase64Strict } from "@/lib/ledger/base64";
import type { TPublicKey } from "./public-key";
import { VerificationFailure } from "./verification-result";

export const IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

// Base64 in DSSE may be standard or URL-safe (the spec allows either on input); both are checked strictly.
const ZBase64 = z
  .string()
  .min(1)
  .max(8 * 1024 * 1024);

export const ZDsseEnvelope = z.object({
  payload: ZBase64,
  payloadType: z.string().min(1).max(200),
  signatures: z.array(z.object({ sig: ZBase64, keyid: z.string().max(500).optional() })).max(16),
});
export type TDsseEnvelope = z.infer<typeof ZDsseEnvelope>;

/** DSSE v1 pre-authentication encoding: "DSSEv1" SP len(type) SP type SP len(body) SP body, lengths in bytes. */
export function preAuthenticationEncoding(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, "utf8");
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

export function decodeDsseBase64(text: string, what: string): Buffer {
  const standard = decodeBase64Strict(text) ?? decodeBase64Strict(text.replace(/-/g, "+").replace(/_/g, "/"));
  if (!standard) throw new VerificationFailure("unreadable", `The envelope's ${what} is not base64.`);
  return standard;
}

/**
 * True when one of the envelope's signatures is `key`'s ECDSA signature over the PAE, hashed as
 * the key's curve requires (SHA-384 for P-384: a verifier that defaults to SHA-256 would refuse
 * every P-384 model signature, and one that accepted either hash would accept a confused signer).
 */
export function envelopeSignedBy(envelope: TDsseEnvelope, key: TPublicKey): boolean {
  const message = preAuthenticationEncoding(envelope.payloadType, decodeDsseBase64(envelope.payload, "payload"));
  return envelope.signatures.some((signature) => {
    const bytes = decodeDsseBase64(signature.sig, "signature");
    try {
      return verify(key.hash, message, { key: key.key, dsaEncoding: "der" }, bytes);
    } catch {
      return false;
    }
  });
}
