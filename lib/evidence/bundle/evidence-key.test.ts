import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getEvidencePublicKey } from "@/lib/evidence/generate/get-evidence-public-key";
import { evidenceKeyFromPem, evidenceKeyId, preAuthEncoding } from "@/lib/evidence/verify/dsse";
import { verifyEd25519 } from "@/lib/evidence/verify/open-checkpoint";
import { evidenceSignerFromPem, generateEvidenceKeyPem, loadOrCreateEvidenceKey } from "./evidence-key";

const dir = mkdtempSync(path.join(tmpdir(), "custody-evidence-key-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the evidence key", () => {
  it("is generated once into the data directory (0600) and reused", () => {
    const first = loadOrCreateEvidenceKey(dir);
    expect(statSync(path.join(dir, "evidence-signing.key")).mode & 0o777).toBe(0o600);
    expect(loadOrCreateEvidenceKey(dir).keyId).toBe(first.keyId);
    expect(readFileSync(path.join(dir, "evidence-signing.key"), "utf8")).toContain("BEGIN PRIVATE KEY");
  });

  it("comes from CUSTODY_EVIDENCE_SIGNING_KEY when set (\\n-escaped PEM too), and signs what the browser verifier accepts", () => {
    const pem = generateEvidenceKeyPem();
    const signer = loadOrCreateEvidenceKey(dir, pem.replace(/\n/g, "\\n"));
    expect(signer.keyId).toBe(evidenceSignerFromPem(pem).keyId);
    const message = preAuthEncoding("application/vnd.in-toto+json", new TextEncoder().encode("{}"));
    expect(verifyEd25519(signer.sign(message), message, evidenceKeyFromPem(signer.publicKeyPem))).toBe(true);
    expect(evidenceKeyId(evidenceKeyFromPem(signer.publicKeyPem))).toBe(signer.keyId);
  });

  it("refuses a key that is not Ed25519 PEM, without echoing it", () => {
    expect(() => evidenceSignerFromPem("-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n")).toThrow(
      /^the evidence signing key is not a PEM private key$/,
    );
  });

  it("is published as PEM with its DSSE keyid; the endpoint says so when none is configured", () => {
    const signer = evidenceSignerFromPem(generateEvidenceKeyPem());
    expect(getEvidencePublicKey(signer.publicKeyPem)).toMatchObject({
      publicKey: signer.publicKeyPem,
      keyId: signer.keyId,
      algorithm: "Ed25519",
    });
    expect(() => getEvidencePublicKey("")).toThrow(/No evidence key/);
    expect(() => getEvidencePublicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")).toThrow(/not an Ed25519 public key/);
  });
});
