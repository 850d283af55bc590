import "server-only";
import { bundleFromJSON, type Bundle } from "@sigstore/bundle";
import { toSignedEntity } from "@sigstore/verify";
import { z } from "zod";
import { ZDsseEnvelope } from "./dsse";
import { describeIssues } from "./read-json-document";
import { sigstoreVerifier } from "./sigstore-trust";
import { VerificationFailure, type TSigner } from "./verification-result";

export const sigstoreBundleMediaTypes = [
  "application/vnd.dev.sigstore.bundle.v0.3+json",
  "application/vnd.dev.sigstore.bundle+json;version=0.3",
  "application/vnd.dev.sigstore.bundle+json;version=0.2",
];

// The parts of a Sigstore bundle Custody reads itself; @sigstore/bundle checks the rest.
export const ZBundleShape = z.object({
  mediaType: z
    .string()
    .refine((type) => sigstoreBundleMediaTypes.includes(type), { message: "not a Sigstore bundle v0.2/v0.3 media type" }),
  verificationMaterial: z.object({
    certificate: z.object({ rawBytes: z.string() }).optional(),
    x509CertificateChain: z.object({ certificates: z.array(z.object({ rawBytes: z.string() })).min(1) }).optional(),
    publicKey: z.object({ hint: z.string().max(200).nullable().optional(), rawBytes: z.string().max(10_000).optional() }).optional(),
    tlogEntries: z.array(z.unknown()).optional(),
  }),
  dsseEnvelope: ZDsseEnvelope,
});
export type TBundleShape = z.infer<typeof ZBundleShape>;

export function readBundleShape(document: unknown): TBundleShape {
  const parsed = ZBundleShape.safeParse(document);
  if (!parsed.success)
    throw new VerificationFailure("unsupported", `Not a Sigstore bundle with a DSSE envelope: ${describeIssues(parsed.error.issues)}.`);
  return parsed.data;
}

/**
 * Verifies a certificate-signed bundle offline: the certificate chains to Fulcio, the SCT and the
 * Rekor entry (inclusion proof or promise) check out against the shipped trusted root, the
 * certificate was valid when the log (or a timestamp authority) saw the signature, and the DSSE
 * signature is the certificate key's. Returns the identity the certificate names.
 */
export function verifySigstoreBundle(document: unknown): TSigner {
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(document);
  } catch (error) {
    throw new VerificationFailure(
      "unsupported",
      `The Sigstore bundle is malformed: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  try {
    const signer = sigstoreVerifier().verify(toSignedEntity(bundle));
    return { identity: signer.identity?.subjectAlternativeName, issuer: signer.identity?.extensions?.issuer };
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    const message = error instanceof Error ? error.message : String(error);
    const signatureProblem = /SIGNATURE|DSSE/i.test(code) && !/TLOG|TIMESTAMP|CERTIFICATE|SCT|CHAIN/i.test(code);
    throw new VerificationFailure(
      signatureProblem ? "signature_invalid" : "certificate_invalid",
      `Sigstore verification failed (${code || "error"}): ${message}.`,
    );
  }
}
