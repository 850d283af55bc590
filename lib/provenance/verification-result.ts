// What a verification concludes, shared by the domain, the API and the badge (no server-only:
// the browser shows these words too).

/** Why a signature or attestation failed: stable codes, recorded in the ledger and shown on the badge. */
export const verificationFailureCodes = [
  "unreadable",
  "unsupported",
  "unsigned",
  "signature_invalid",
  "certificate_invalid",
  "key_unknown",
  "manifest_invalid",
  "digest_mismatch",
  "signer_not_allowed",
] as const;
export type TVerificationFailureCode = (typeof verificationFailureCodes)[number];

export const verificationFailureLabels: Record<TVerificationFailureCode, string> = {
  unreadable: "unreadable document",
  unsupported: "unsupported format",
  unsigned: "not signed",
  signature_invalid: "signature does not verify",
  certificate_invalid: "certificate or log entry invalid",
  key_unknown: "unknown key",
  manifest_invalid: "manifest does not add up",
  digest_mismatch: "signed digest is not this version's",
  signer_not_allowed: "signer not allowed by policy",
};

export type TProvenanceKind = "signature" | "attestation";
export type TProvenanceFormat = "model-signing-v1.0" | "model-signing-v1.1" | "slsa-provenance-v1" | "in-toto-v1";
export type TSignatureMethod = "sigstore" | "key";

export type TSigner = { identity?: string; issuer?: string; fingerprint?: string };

export type TManifestFile = { name: string; digest: string };

export type TLineageDependency = { uri?: string; name?: string; digest?: Record<string, string>; kind: TDependencyKind };
export type TDependencyKind = "dataset" | "base_model" | "source" | "other";

export type TVerification = {
  verdict: "verified" | "failed";
  reasonCode?: TVerificationFailureCode;
  reason?: string;
  format: TProvenanceFormat | null;
  method: TSignatureMethod | null;
  signer: TSigner;
  subjectDigest?: string;
  files?: TManifestFile[];
  predicateType?: string;
  builderId?: string;
  buildType?: string;
  dependencies?: TLineageDependency[];
};

/** "stefanb@us.ibm.com (https://…)" or "key sha256:c1e4…": how a signer is named in one line. */
export function describeSigner(signer: TSigner): string | null {
  if (signer.identity) return signer.issuer ? `${signer.identity} via ${signer.issuer}` : signer.identity;
  if (signer.fingerprint) return `key sha256:${signer.fingerprint.slice(0, 16)}…`;
  return null;
}

/** Thrown inside a verification; caught at its top and turned into a failed TVerification. */
export class VerificationFailure extends Error {
  constructor(
    readonly code: TVerificationFailureCode,
    message: string,
  ) {
    super(message);
    this.name = "VerificationFailure";
  }
}
