import "server-only";
import { decodeBase64Strict } from "@/lib/ledger/base64";
import { isAppError } from "@/lib/errors/app-error";
import { envelopeSignedBy } from "./dsse";
import { readStatement } from "./in-toto-statement";
import { readModelManifest } from "./manifest-root-digest";
import { readPublicKey, type TPublicKey } from "./public-key";
import { readJsonDocument } from "./read-json-document";
import { readBundleShape, verifySigstoreBundle, type TBundleShape } from "./sigstore-bundle";
import { describePolicy, signerAllowed, type TSignerPolicy } from "./signer-policy-rules";
import { VerificationFailure, type TProvenanceFormat, type TSigner, type TVerification } from "./verification-result";

export type TVerifyModelSignatureInput = {
  /** The model.sig file as sent. */
  text: string;
  /** The version's digest (lowercase hex): the manifest's root must equal it. */
  expectedDigest: string;
  policy: TSignerPolicy;
  /** A public key sent with the signature (key-signed bundles carry only its hash): verifies it, but the policy still decides. */
  publicKey?: TPublicKey;
};

/**
 * Verifies an OpenSSF model-signing bundle (sigstore/model-transparency v1.0 or v1.1) against a
 * version: the signature (Sigstore offline, or ECDSA with the curve's own hash), the manifest's
 * root digest, the version's digest, and the project's signer policy — in that order, so a
 * failure names the first thing wrong and still says who signed when that much is known.
 */
export function verifyModelSignature(input: TVerifyModelSignatureInput): TVerification {
  const result: TVerification = { verdict: "failed", format: null, method: null, signer: {} };
  try {
    const document = readJsonDocument(input.text, "signature");
    const bundle = readBundleShape(document);
    const statement = readStatement(bundle.dsseEnvelope);
    const manifestFormat: TProvenanceFormat = hasIgnorePaths(statement.predicate) ? "model-signing-v1.1" : "model-signing-v1.0";
    result.format = manifestFormat;
    const certified = bundle.verificationMaterial.certificate ?? bundle.verificationMaterial.x509CertificateChain;
    if (certified) {
      result.method = "sigstore";
      result.signer = verifySigstoreBundle(document);
    } else if (bundle.verificationMaterial.publicKey) {
      result.method = "key";
      const key = findKey(bundle, input);
      result.signer = { fingerprint: key.fingerprint };
      if (bundle.dsseEnvelope.signatures.length === 0) throw new VerificationFailure("unsigned", "The envelope holds no signature.");
      if (!envelopeSignedBy(bundle.dsseEnvelope, key))
        throw new VerificationFailure(
          "signature_invalid",
          `The envelope's signature is not an ECDSA ${key.curve} / ${key.hash.toUpperCase()} signature by key sha256:${key.fingerprint} over the DSSE PAE.`,
        );
    } else {
      throw new VerificationFailure("unsupported", "The bundle has neither a certificate nor a public key in its verification material.");
    }
    const manifest = readModelManifest(statement);
    result.subjectDigest = manifest.rootDigest;
    result.files = manifest.files;
    if (manifest.rootDigest !== input.expectedDigest)
      throw new VerificationFailure(
        "digest_mismatch",
        `The signed root digest ${manifest.rootDigest} is not this version's digest ${input.expectedDigest}.`,
      );
    assertSignerAllowed(input.policy, result.signer);
    result.verdict = "verified";
    return result;
  } catch (error) {
    return failed(result, error);
  }
}

export function assertSignerAllowed(policy: TSignerPolicy, signer: TSigner): void {
  if (signerAllowed(policy, signer)) return;
  const who = signer.fingerprint
    ? `key sha256:${signer.fingerprint}`
    : `${signer.identity ?? "(no identity)"} (issuer ${signer.issuer ?? "none"})`;
  throw new VerificationFailure(
    "signer_not_allowed",
    `The signature is valid, but ${who} is not an allowed signer: ${describePolicy(policy)}.`,
  );
}

export function failed(result: TVerification, error: unknown): TVerification {
  if (error instanceof VerificationFailure) return { ...result, verdict: "failed", reasonCode: error.code, reason: error.message };
  if (isAppError(error) && error.code === "INVALID_INPUT")
    return { ...result, verdict: "failed", reasonCode: "unreadable", reason: error.message };
  throw error;
}

function hasIgnorePaths(predicate: Record<string, unknown> | undefined): boolean {
  const serialization = predicate?.serialization;
  return typeof serialization === "object" && serialization !== null && "ignore_paths" in serialization;
}

/**
 * v1.1 names its key by hint (SHA-256 of the PEM), v1.0 carried the key itself (rawBytes) or
 * nothing: the key must then be one the policy holds, or the one sent with the signature.
 */
function findKey(bundle: TBundleShape, input: TVerifyModelSignatureInput): TPublicKey {
  const material = bundle.verificationMaterial.publicKey!;
  const candidates = [...input.policy.keys, ...(input.publicKey ? [input.publicKey] : [])];
  if (material.rawBytes) {
    const der = decodeBase64Strict(material.rawBytes);
    if (!der) throw new VerificationFailure("unreadable", "verificationMaterial.publicKey.rawBytes is not base64.");
    const embedded = readPublicKey(der);
    return candidates.find((key) => key.fingerprint === embedded.fingerprint) ?? embedded;
  }
  if (material.hint) {
    const hint = material.hint.toLowerCase();
    const found = candidates.find((key) => key.hint === hint || key.fingerprint === hint);
    if (!found)
      throw new VerificationFailure(
        "key_unknown",
        `Signed with a key Custody does not hold (hint ${hint}): add it to the project's signer policy, or attach the signature with its public key.`,
      );
    return found;
  }
  const signing = candidates.find((key) => envelopeSignedBy(bundle.dsseEnvelope, key));
  if (!signing)
    throw new VerificationFailure(
      "key_unknown",
      "The bundle does not name its key, and no key of the policy (or sent with it) verifies the signature.",
    );
  return signing;
}
