import "server-only";
import { evidencePublicKey } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { evidenceKeyFromPem, evidenceKeyId } from "@/lib/evidence/verify/dsse";

/** The evidence key's public half the launcher gave this server: what auditors pin to trust bundles. */
export function getEvidencePublicKey(pem = evidencePublicKey()): { publicKey: string; keyId: string; algorithm: string; format: string } {
  if (!pem) throw new AppError("NOT_FOUND", "No evidence key is configured on this server.");
  const normalized = pem.replace(/\\n/g, "\n");
  let raw: Uint8Array;
  try {
    raw = evidenceKeyFromPem(normalized);
  } catch {
    throw new AppError("INTERNAL", "CUSTODY_EVIDENCE_PUBLIC_KEY is not an Ed25519 public key in PEM.");
  }
  return {
    publicKey: normalized.trim() + "\n",
    keyId: evidenceKeyId(raw),
    algorithm: "Ed25519",
    format: "PEM SubjectPublicKeyInfo; keyId = hex SHA-256 of the 32 raw key bytes (the DSSE signature's keyid)",
  };
}
