import "server-only";
import { TrustedRoot } from "@sigstore/protobuf-specs";
import { toTrustMaterial, Verifier } from "@sigstore/verify";
import seeds from "@sigstore/tuf/seeds.json";

// The Sigstore public-good trusted root (Fulcio CAs, Rekor and CT log keys, timestamp
// authorities) as @sigstore/tuf ships it, embedded in its seeds: verification never goes to the
// network, so it works in an air-gapped deployment and gives the same answer tomorrow.
const SIGSTORE_TUF_MIRROR = "https://tuf-repo-cdn.sigstore.dev";

let verifier: Verifier | undefined;

/** A Verifier over the shipped trusted root: one transparency-log entry and one CT SCT required, as cosign does. */
export function sigstoreVerifier(): Verifier {
  if (verifier) return verifier;
  const encoded = (seeds as Record<string, { targets: Record<string, string> }>)[SIGSTORE_TUF_MIRROR]?.targets["trusted_root.json"];
  if (!encoded) throw new Error("@sigstore/tuf ships no trusted_root.json for the public-good instance");
  const root = TrustedRoot.fromJSON(JSON.parse(Buffer.from(encoded, "base64").toString("utf8")));
  verifier = new Verifier(toTrustMaterial(root), { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 });
  return verifier;
}
