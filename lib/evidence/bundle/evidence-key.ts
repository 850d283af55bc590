// The evidence signing key (Ed25519) signs bundle manifests. Like the ledger key it is held by the
// launcher only: from CUSTODY_EVIDENCE_SIGNING_KEY (PKCS#8 PEM) or generated once into the data
// directory (mode 0600). The web server is given the public half (CUSTODY_EVIDENCE_PUBLIC_KEY).
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { evidenceKeyId, evidenceKeyToPem } from "@/lib/evidence/verify/dsse";

export type TEvidenceSigner = { publicKey: Uint8Array; keyId: string; publicKeyPem: string; sign: (message: Uint8Array) => Uint8Array };

const SPKI_PREFIX_LENGTH = 12;

/** A signer for a PKCS#8 PEM Ed25519 private key; throws (without echoing the secret) for anything else. */
export function evidenceSignerFromPem(pem: string): TEvidenceSigner {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: "pem" });
  } catch {
    throw new Error("the evidence signing key is not a PEM private key");
  }
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("the evidence signing key must be Ed25519");
  const publicKey = new Uint8Array(createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(SPKI_PREFIX_LENGTH));
  return {
    publicKey,
    keyId: evidenceKeyId(publicKey),
    publicKeyPem: evidenceKeyToPem(publicKey),
    sign: (message) => new Uint8Array(sign(null, message, privateKey)),
  };
}

export function generateEvidenceKeyPem(): string {
  const { privateKey } = generateKeyPairSync("ed25519");
  return privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}

/** The configured key (`configured`: CUSTODY_EVIDENCE_SIGNING_KEY, read by the launcher's config) or the one in the data directory. */
export function loadOrCreateEvidenceKey(dataDir: string, configured?: string): TEvidenceSigner {
  if (configured) return evidenceSignerFromPem(configured.replace(/\\n/g, "\n"));
  const file = path.join(dataDir, "evidence-signing.key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, generateEvidenceKeyPem(), { mode: 0o600 });
  }
  return evidenceSignerFromPem(readFileSync(file, "utf8"));
}
