import "server-only";
import { envelopeSignedBy, ZDsseEnvelope, type TDsseEnvelope } from "./dsse";
import { readStatement, subjectSha256s } from "./in-toto-statement";
import type { TPublicKey } from "./public-key";
import { describeIssues, readJsonDocument } from "./read-json-document";
import { readBundleShape, verifySigstoreBundle } from "./sigstore-bundle";
import { readSlsaLineage, SLSA_PROVENANCE_V1 } from "./slsa-lineage";
import type { TSignerPolicy } from "./signer-policy-rules";
import { VerificationFailure, type TVerification } from "./verification-result";
import { assertSignerAllowed, failed } from "./verify-model-signature";

export type TVerifyAttestationInput = { text: string; expectedDigest: string; policy: TSignerPolicy; publicKey?: TPublicKey };

/**
 * Verifies a SLSA provenance v1 (or any in-toto) attestation for a version: a DSSE envelope signed
 * by a key (the policy's, or one sent with it, which the policy must still allow), or a Sigstore
 * bundle; its statement must name the version's digest as a subject.
 */
export function verifyAttestation(input: TVerifyAttestationInput): TVerification {
  const result: TVerification = { verdict: "failed", format: null, method: null, signer: {} };
  try {
    const document = readJsonDocument(input.text, "attestation");
    const isBundle = typeof document === "object" && document !== null && "mediaType" in document;
    let envelope: TDsseEnvelope;
    if (isBundle) {
      const bundle = readBundleShape(document);
      envelope = bundle.dsseEnvelope;
      if (bundle.verificationMaterial.certificate ?? bundle.verificationMaterial.x509CertificateChain) {
        result.method = "sigstore";
        result.signer = verifySigstoreBundle(document);
      }
    } else {
      const parsed = ZDsseEnvelope.safeParse(document);
      if (!parsed.success)
        throw new VerificationFailure("unsupported", `Not a DSSE envelope or a Sigstore bundle: ${describeIssues(parsed.error.issues)}.`);
      envelope = parsed.data;
    }
    const statement = readStatement(envelope);
    result.predicateType = statement.predicateType;
    result.format = statement.predicateType === SLSA_PROVENANCE_V1 ? "slsa-provenance-v1" : "in-toto-v1";
    if (result.format === "slsa-provenance-v1") Object.assign(result, readSlsaLineage(statement));
    if (result.method !== "sigstore") {
      result.method = "key";
      if (envelope.signatures.length === 0) throw new VerificationFailure("unsigned", "The envelope holds no signature.");
      const candidates = [...input.policy.keys, ...(input.publicKey ? [input.publicKey] : [])];
      const key = candidates.find((candidate) => envelopeSignedBy(envelope, candidate));
      if (!key)
        throw new VerificationFailure(
          "key_unknown",
          candidates.length === 0
            ? "No key to verify with: the project's signer policy holds none, and none was sent with the attestation."
            : `No signature in the envelope verifies with ${candidates.length === 1 ? "the key" : `any of the ${candidates.length} keys`} of the policy${input.publicKey ? " or the one sent" : ""}: it was signed by another key, or altered after signing.`,
        );
      result.signer = { fingerprint: key.fingerprint };
    }
    const subjects = subjectSha256s(statement);
    result.subjectDigest = subjects[0];
    if (!subjects.includes(input.expectedDigest))
      throw new VerificationFailure(
        "digest_mismatch",
        `The attestation's subjects (${subjects.length > 0 ? subjects.join(", ") : "no sha256"}) do not include this version's digest ${input.expectedDigest}.`,
      );
    assertSignerAllowed(input.policy, result.signer);
    result.verdict = "verified";
    return result;
  } catch (error) {
    return failed(result, error);
  }
}
