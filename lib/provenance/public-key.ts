import "server-only";
import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";

/** The curves model signing uses, and the hash each signs with (model-transparency's get_ec_key_hash). */
const curveHashes: Record<string, "sha256" | "sha384" | "sha512"> = {
  prime256v1: "sha256",
  secp384r1: "sha384",
  secp521r1: "sha512",
};
const curveNames: Record<string, string> = { prime256v1: "P-256", secp384r1: "P-384", secp521r1: "P-521" };

export type TPublicKey = {
  key: KeyObject;
  /** The PEM as Custody re-encodes it (SubjectPublicKeyInfo). */
  pem: string;
  /** SHA-256 of the DER SubjectPublicKeyInfo, lowercase hex: the key's fingerprint in policies and the ledger. */
  fingerprint: string;
  /** SHA-256 of the PEM text: model-signing v1.1's `verificationMaterial.publicKey.hint`. */
  hint: string;
  curve: string;
  hash: "sha256" | "sha384" | "sha512";
};

/** Reads an EC public key (PEM or DER SubjectPublicKeyInfo); anything else is refused with a reason. */
export function readPublicKey(input: string | Buffer): TPublicKey {
  let key: KeyObject;
  try {
    key =
      typeof input === "string"
        ? createPublicKey({ key: extractPem(input), format: "pem" })
        : createPublicKey({ key: input, format: "der", type: "spki" });
  } catch {
    throw new AppError("INVALID_INPUT", "The public key is not a PEM (or DER) SubjectPublicKeyInfo.");
  }
  const namedCurve = key.asymmetricKeyType === "ec" ? key.asymmetricKeyDetails?.namedCurve : undefined;
  const hash = namedCurve ? curveHashes[namedCurve] : undefined;
  if (!namedCurve || !hash)
    throw new AppError("INVALID_INPUT", "Only ECDSA keys on P-256, P-384 or P-521 are accepted (as model signing uses).");
  const der = key.export({ type: "spki", format: "der" });
  const pem = key.export({ type: "spki", format: "pem" }).toString();
  return {
    key,
    pem,
    fingerprint: createHash("sha256").update(der).digest("hex"),
    hint: createHash("sha256").update(pem).digest("hex"),
    curve: curveNames[namedCurve] ?? namedCurve,
    hash,
  };
}

/** certtool and openssl print text around the PEM block; only the block is the key. */
function extractPem(text: string): string {
  const match = /-----BEGIN PUBLIC KEY-----[A-Za-z0-9+/=\s]+-----END PUBLIC KEY-----/.exec(text);
  if (!match) throw new Error("no PEM block");
  return match[0];
}
