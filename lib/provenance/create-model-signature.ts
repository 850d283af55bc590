import "server-only";
import { createPublicKey, sign, type KeyObject } from "node:crypto";
import { IN_TOTO_PAYLOAD_TYPE, preAuthenticationEncoding } from "./dsse";
import { manifestRootDigest, MODEL_SIGNING_PREDICATE } from "./manifest-root-digest";
import { readPublicKey } from "./public-key";
import type { TManifestFile } from "./verification-result";

/**
 * Signs a manifest as model-signing v1.1 does with an EC key (`model_signing sign key`): an in-toto
 * statement whose subject is the root digest, in a DSSE envelope, in a Sigstore bundle v0.3 that
 * names the key by the SHA-256 of its PEM. The demo seed and the tests sign with it; verification
 * never trusts it, it reads the result like any other bundle.
 */
export function createModelSignature({ name, files, privateKey }: { name: string; files: TManifestFile[]; privateKey: KeyObject }): string {
  const statement = {
    _type: "https://in-toto.io/Statement/v1",
    subject: [{ name, digest: { sha256: manifestRootDigest(files) } }],
    predicateType: MODEL_SIGNING_PREDICATE,
    predicate: {
      resources: files.map((file) => ({ algorithm: "sha256", name: file.name, digest: file.digest })),
      serialization: { allow_symlinks: false, method: "files", hash_type: "sha256", ignore_paths: [".git", "model.sig"] },
    },
  };
  const publicKey = readPublicKey(publicPem(privateKey));
  return JSON.stringify({
    mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json",
    verificationMaterial: { publicKey: { hint: publicKey.hint }, tlogEntries: [] },
    dsseEnvelope: createDsseEnvelope(Buffer.from(JSON.stringify(statement, null, 2)), privateKey),
  });
}

/** A DSSE envelope over an in-toto payload, signed with the key's own curve hash. */
export function createDsseEnvelope(payload: Buffer, privateKey: KeyObject, hash?: "sha256" | "sha384" | "sha512") {
  const digest = hash ?? readPublicKey(publicPem(privateKey)).hash;
  const signature = sign(digest, preAuthenticationEncoding(IN_TOTO_PAYLOAD_TYPE, payload), { key: privateKey, dsaEncoding: "der" });
  return {
    payload: payload.toString("base64"),
    payloadType: IN_TOTO_PAYLOAD_TYPE,
    signatures: [{ sig: signature.toString("base64"), keyid: "" }],
  };
}

function publicPem(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();
}
