import "server-only";
import type { TPublicKey } from "./public-key";
import type { TSigner } from "./verification-result";

/** A project's signer policy as verification uses it: allowed Sigstore identities and allowed keys. */
export type TSignerPolicy = {
  identities: { identity: string; issuer: string }[];
  keys: TPublicKey[];
};

/** Exact match on both the certificate's SAN and its OIDC issuer, or on the key's fingerprint: nothing looser. */
export function signerAllowed(policy: TSignerPolicy, signer: TSigner): boolean {
  if (signer.fingerprint) return policy.keys.some((key) => key.fingerprint === signer.fingerprint);
  if (signer.identity && signer.issuer)
    return policy.identities.some((allowed) => allowed.identity === signer.identity && allowed.issuer === signer.issuer);
  return false;
}

export function describePolicy(policy: TSignerPolicy): string {
  if (policy.identities.length === 0 && policy.keys.length === 0) return "the project's signer policy allows no signer yet";
  return `the project's signer policy allows ${policy.identities.length} ${policy.identities.length === 1 ? "identity" : "identities"} and ${policy.keys.length} ${policy.keys.length === 1 ? "key" : "keys"}`;
}
