import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createDsseEnvelope, createModelSignature } from "./create-model-signature";
import { IN_TOTO_PAYLOAD_TYPE, preAuthenticationEncoding } from "./dsse";
import { manifestRootDigest } from "./manifest-root-digest";
import { readPublicKey } from "./public-key";
import type { TSignerPolicy } from "./signer-policy-rules";
import { verifyModelSignature } from "./verify-model-signature";

const fixtures = path.join(__dirname, "../../test/fixtures/provenance");
const read = (name: string) => readFileSync(path.join(fixtures, name), "utf8");
const keySigned = read("model-signing-v1.1.0-elliptic-key.model.sig.json");
const sigstoreSigned = read("model-signing-v1.1.0-sigstore.model.sig.json");
const fixtureKey = readPublicKey(read("model-signing-v1.1.0-elliptic-key.signing-key-pub.pem"));
const described = JSON.parse(read("model-signing-fixtures.json")) as {
  fixtures: { dir: string; subject: { digest: { sha256: string } }; files: Record<string, { content_utf8: string; sha256: string }> }[];
};
const keyRoot = described.fixtures[0]!.subject.digest.sha256;
const sigstoreRoot = described.fixtures[1]!.subject.digest.sha256;
const ibm = { identity: "stefanb@us.ibm.com", issuer: "https://sigstore.verify.ibm.com/oauth2" };
const policy = (over: Partial<TSignerPolicy> = {}): TSignerPolicy => ({ identities: [ibm], keys: [fixtureKey], ...over });
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

// Tampering reaches anywhere in a parsed document; its shape is the point of each test.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TLoose = Record<string, any>;

function rewriteBundle(text: string, change: (bundle: TLoose) => void): string {
  const bundle = JSON.parse(text);
  change(bundle);
  return JSON.stringify(bundle);
}
function rewritePayload(text: string, change: (statement: TLoose) => void): string {
  return rewriteBundle(text, (bundle) => {
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, "base64").toString());
    change(statement);
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString("base64");
  });
}

describe("the model-transparency fixtures", () => {
  it("the root digest is SHA-256 over the file digests in name order, as the fixture's files give it", () => {
    for (const fixture of described.fixtures) {
      const files = ["signme-1", "signme-2"].map((name) => {
        const file = fixture.files[name]!;
        expect(sha256(file.content_utf8)).toBe(file.sha256);
        return { name, digest: file.sha256 };
      });
      expect(manifestRootDigest([...files].reverse())).toBe(fixture.subject.digest.sha256);
    }
  });

  it("the elliptic-key (P-384, SHA-384) signature verifies with its public key, named by fingerprint", () => {
    const result = verifyModelSignature({ text: keySigned, expectedDigest: keyRoot, policy: policy() });
    expect(result).toMatchObject({ verdict: "verified", format: "model-signing-v1.1", method: "key", subjectDigest: keyRoot });
    expect(result.signer).toEqual({ fingerprint: "c1e49d63327f85c7e2971aefd30b5a0d1c6b9b5e1a892e7f5fba995adace816d" });
    expect(result.files).toEqual([
      { name: "signme-1", digest: "bc9a717db6064a32cbe9eae6fc40651dd6d36ef1757183f590eff2b1765d7ebc" },
      { name: "signme-2", digest: "32dcb1f8e1ae52d5963e56a6ba06ab58b424c15ed2a6b70d2feca1d089370028" },
    ]);
  });

  it("the Sigstore signature verifies offline, after its certificate expired, and names identity and issuer", () => {
    const result = verifyModelSignature({ text: sigstoreSigned, expectedDigest: sigstoreRoot, policy: policy() });
    expect(result).toMatchObject({ verdict: "verified", method: "sigstore", signer: ibm, subjectDigest: sigstoreRoot });
    expect(result.files).toHaveLength(2);
  });
});

describe("what fails, and the reason it gives", () => {
  it("a tampered file: the version's digest is no longer the signed root", () => {
    const tampered = manifestRootDigest([
      { name: "signme-1", digest: sha256("signme-1 but changed\n") },
      { name: "signme-2", digest: described.fixtures[0]!.files["signme-2"]!.sha256 },
    ]);
    const result = verifyModelSignature({ text: keySigned, expectedDigest: tampered, policy: policy() });
    expect(result).toMatchObject({ verdict: "failed", reasonCode: "digest_mismatch", signer: { fingerprint: fixtureKey.fingerprint } });
    expect(result.reason).toContain(tampered);
  });

  it("a tampered manifest (a file digest changed in the signed payload) breaks the signature", () => {
    const text = rewritePayload(keySigned, (statement) => {
      statement.predicate.resources[0].digest = sha256("other");
    });
    expect(verifyModelSignature({ text, expectedDigest: keyRoot, policy: policy() })).toMatchObject({ reasonCode: "signature_invalid" });
    const sigstore = rewritePayload(sigstoreSigned, (statement) => {
      statement.predicate.resources[1].digest = sha256("other");
    });
    expect(verifyModelSignature({ text: sigstore, expectedDigest: sigstoreRoot, policy: policy() }).verdict).toBe("failed");
  });

  it("a validly signed manifest whose subject is not the root of its files", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const key = readPublicKey(publicKey.export({ type: "spki", format: "pem" }).toString());
    const text = rewritePayload(
      createModelSignature({ name: "m", files: [{ name: "a", digest: sha256("a") }], privateKey }),
      (statement) => {
        statement.predicate.resources.push({ algorithm: "sha256", name: "b", digest: sha256("b") });
      },
    );
    const resigned = rewriteBundle(text, (bundle) => {
      bundle.dsseEnvelope = createDsseEnvelope(Buffer.from(bundle.dsseEnvelope.payload, "base64"), privateKey);
    });
    const result = verifyModelSignature({ text: resigned, expectedDigest: sha256("x"), policy: policy({ keys: [key] }) });
    expect(result).toMatchObject({ verdict: "failed", reasonCode: "manifest_invalid" });
    expect(result.reason).toMatch(/not the root of the 2 file digests/);
  });

  it("a tampered signature", () => {
    const flip = (text: string) =>
      rewriteBundle(text, (bundle) => {
        const sig = Buffer.from(bundle.dsseEnvelope.signatures[0].sig, "base64");
        sig[sig.length - 3] = sig[sig.length - 3]! ^ 0x01;
        bundle.dsseEnvelope.signatures[0].sig = sig.toString("base64");
      });
    expect(verifyModelSignature({ text: flip(keySigned), expectedDigest: keyRoot, policy: policy() })).toMatchObject({
      reasonCode: "signature_invalid",
    });
    const sigstore = verifyModelSignature({ text: flip(sigstoreSigned), expectedDigest: sigstoreRoot, policy: policy() });
    expect(sigstore.verdict).toBe("failed");
    expect(sigstore.reason).toMatch(/Sigstore verification failed/);
  });

  it("a wrong key: another key under the fixture's hint does not verify; an unknown hint is named", () => {
    const other = readPublicKey(
      generateKeyPairSync("ec", { namedCurve: "P-384" }).publicKey.export({ type: "spki", format: "pem" }).toString(),
    );
    expect(verifyModelSignature({ text: keySigned, expectedDigest: keyRoot, policy: policy({ keys: [other] }) })).toMatchObject({
      reasonCode: "key_unknown",
    });
    const rehinted = rewriteBundle(keySigned, (bundle) => {
      bundle.verificationMaterial.publicKey.hint = other.hint;
    });
    expect(verifyModelSignature({ text: rehinted, expectedDigest: keyRoot, policy: policy({ keys: [other] }) })).toMatchObject({
      reasonCode: "signature_invalid",
      signer: { fingerprint: other.fingerprint },
    });
  });

  it("a wrong identity or a wrong issuer is not allowed, though the signature is valid", () => {
    for (const identities of [[{ ...ibm, identity: "someone@us.ibm.com" }], [{ ...ibm, issuer: "https://accounts.google.com" }], []]) {
      const result = verifyModelSignature({ text: sigstoreSigned, expectedDigest: sigstoreRoot, policy: policy({ identities }) });
      expect(result).toMatchObject({ verdict: "failed", reasonCode: "signer_not_allowed", signer: ibm });
      expect(result.reason).toContain("stefanb@us.ibm.com");
    }
  });

  it("a key sent with the signature verifies it, but the policy still decides", () => {
    const result = verifyModelSignature({ text: keySigned, expectedDigest: keyRoot, policy: policy({ keys: [] }), publicKey: fixtureKey });
    expect(result).toMatchObject({ verdict: "failed", reasonCode: "signer_not_allowed", signer: { fingerprint: fixtureKey.fingerprint } });
  });

  it("P-384 signed over SHA-256 is refused (a verifier must hash with SHA-384)", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-384" });
    const key = readPublicKey(publicKey.export({ type: "spki", format: "pem" }).toString());
    const files = [{ name: "weights", digest: sha256("w") }];
    const good = createModelSignature({ name: "m", files, privateKey });
    expect(verifyModelSignature({ text: good, expectedDigest: manifestRootDigest(files), policy: policy({ keys: [key] }) }).verdict).toBe(
      "verified",
    );
    const confused = rewriteBundle(good, (bundle) => {
      const pae = preAuthenticationEncoding(IN_TOTO_PAYLOAD_TYPE, Buffer.from(bundle.dsseEnvelope.payload, "base64"));
      bundle.dsseEnvelope.signatures[0].sig = sign("sha256", pae, { key: privateKey, dsaEncoding: "der" }).toString("base64");
    });
    const result = verifyModelSignature({ text: confused, expectedDigest: manifestRootDigest(files), policy: policy({ keys: [key] }) });
    expect(result).toMatchObject({ verdict: "failed", reasonCode: "signature_invalid" });
    expect(result.reason).toContain("P-384 / SHA384");
  });

  it("P-256 (SHA-256) key signatures verify, v1.0 bundles without a hint too", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const key = readPublicKey(publicKey.export({ type: "spki", format: "pem" }).toString());
    const files = [
      { name: "b.bin", digest: sha256("b") },
      { name: "a.json", digest: sha256("a") },
    ];
    const signed = createModelSignature({ name: "m", files, privateKey });
    expect(
      verifyModelSignature({ text: signed, expectedDigest: manifestRootDigest(files), policy: policy({ keys: [fixtureKey, key] }) }),
    ).toMatchObject({
      verdict: "verified",
      signer: { fingerprint: key.fingerprint },
    });
    const v10 = rewriteBundle(signed, (bundle) => {
      bundle.verificationMaterial = { publicKey: { rawBytes: publicKey.export({ type: "spki", format: "der" }).toString("base64") } };
    });
    const stripped = rewritePayload(v10, (statement) => {
      delete statement.predicate.serialization.ignore_paths;
    });
    const resigned = rewriteBundle(stripped, (bundle) => {
      bundle.dsseEnvelope = createDsseEnvelope(Buffer.from(bundle.dsseEnvelope.payload, "base64"), privateKey);
    });
    expect(
      verifyModelSignature({ text: resigned, expectedDigest: manifestRootDigest(files), policy: policy({ keys: [key] }) }),
    ).toMatchObject({
      verdict: "verified",
      format: "model-signing-v1.0",
    });
  });

  it("truncated, garbage, duplicate keys, deep nesting, NUL: unreadable, with where", () => {
    const cases: [string, RegExp][] = [
      [keySigned.slice(0, keySigned.length / 2), /not valid JSON/],
      ["\u0000garbage", /not valid JSON/],
      [keySigned.replace('"mediaType":', '"mediaType":"x","mediaType":'), /duplicate|twice/i],
      ["[".repeat(100) + "]".repeat(100), /not valid JSON/],
    ];
    for (const [text, reason] of cases) {
      const result = verifyModelSignature({ text, expectedDigest: keyRoot, policy: policy() });
      expect(result).toMatchObject({ verdict: "failed", reasonCode: "unreadable" });
      expect(result.reason).toMatch(reason);
    }
    expect(verifyModelSignature({ text: "{}", expectedDigest: keyRoot, policy: policy() })).toMatchObject({ reasonCode: "unsupported" });
    const otherType = rewriteBundle(keySigned, (bundle) => {
      bundle.dsseEnvelope.payloadType = "text/plain";
    });
    expect(verifyModelSignature({ text: otherType, expectedDigest: keyRoot, policy: policy() })).toMatchObject({
      reasonCode: "unsupported",
    });
  });
});
