import { describe, expect, it } from "vitest";
import { canonicalBytes } from "@/lib/ledger/canonical";
import { formatCheckpoint } from "@/lib/ledger/checkpoint";
import { hashLeaf, inclusionProof, rootFromLeafHashes } from "@/lib/ledger/merkle";
import { generateNoteKey, parseSignerKey, signNote } from "@/lib/ledger/signed-note";
import { verifyEventInBrowser, type TInclusionProofResponse } from "./verify-in-browser";

// A small ledger built with the server's own Merkle code (lib/ledger/merkle.ts) and signed-note
// code; the browser verifier, using only WebCrypto (node's globalThis.crypto.subtle here), must
// accept exactly what is genuine and refuse every alteration.

const origin = "custody.test/org_demo";
const keys = generateNoteKey(origin);
const signer = parseSignerKey(keys.signerKey);
const canonicals = Array.from({ length: 7 }, (_, i) =>
  canonicalBytes({
    schemaVersion: 1,
    eventId: `00000000-0000-4000-8000-00000000000${i}`,
    action: i === 3 ? "model_version.deploy" : "object.get",
    actor: { id: "sa_x", type: "token" },
    note: "Zürich ✓",
    n: i,
  }).toString("utf8"),
);
const leaves = canonicals.map((text) => hashLeaf(Buffer.from(text, "utf8")));
const size = leaves.length;
const root = rootFromLeafHashes(leaves);
const note = signNote(formatCheckpoint({ origin, size, rootHash: root }), signer);

function proofFor(seq: number, overrides: Partial<TInclusionProofResponse> = {}): TInclusionProofResponse {
  return {
    seq,
    size,
    leafHash: leaves[seq]!.toString("hex"),
    canonical: canonicals[seq]!,
    proof: inclusionProof(seq, size, leaves).map((hash) => hash.toString("hex")),
    rootHash: root.toString("hex"),
    checkpoint: note,
    ...overrides,
  };
}

const verify = (
  seq: number,
  options: {
    canonical?: string;
    leafHash?: string;
    proof?: Partial<TInclusionProofResponse>;
    publicKey?: string;
    subtle?: SubtleCrypto;
  } = {},
) =>
  verifyEventInBrowser({
    canonical: options.canonical ?? canonicals[seq]!,
    leafHash: options.leafHash ?? leaves[seq]!.toString("hex"),
    seq,
    proof: proofFor(seq, { ...(options.canonical ? { canonical: options.canonical } : {}), ...options.proof }),
    publicKey: options.publicKey ?? keys.verifierKey,
    subtle: options.subtle,
  });

describe("verifyEventInBrowser", () => {
  it.each(Array.from({ length: size }, (_, seq) => [seq]))(
    "verifies entry %i: leaf, inclusion proof and checkpoint signature",
    async (seq) => {
      await expect(verify(seq)).resolves.toEqual({
        ok: true,
        size,
        origin,
        keyName: origin,
        keyId: keys.verifierKey.split("+")[1],
        rootHash: root.toString("hex"),
        signatureChecked: true,
      });
    },
  );

  it("says NOT verified when the stored canonical bytes were altered", async () => {
    const tampered = canonicals[3]!.replace("model_version.deploy", "model_version.downld");
    const result = await verify(3, { canonical: tampered });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/do not hash to its stored leaf hash: the stored event was altered/);
  });

  it("says NOT verified when bytes and leaf hash were altered together: the proof no longer reaches the signed root", async () => {
    const tampered = canonicals[2]!.replace('"n":2', '"n":9');
    const leaf = hashLeaf(Buffer.from(tampered, "utf8")).toString("hex");
    const result = await verify(2, { canonical: tampered, leafHash: leaf, proof: { leafHash: leaf } });
    expect(!result.ok && result.reason).toMatch(/does not lead to the checkpoint's root hash/);
  });

  it("refuses a proof with a wrong hash, a wrong shape, or for another tree size", async () => {
    const proof = proofFor(5).proof;
    const wrong = [...proof];
    wrong[0] = "00".repeat(32);
    expect(await verify(5, { proof: { proof: wrong } })).toMatchObject({ ok: false, reason: expect.stringMatching(/root hash/) });
    expect(await verify(5, { proof: { proof: proof.slice(1) } })).toMatchObject({ ok: false });
    expect(await verify(5, { proof: { size: size - 1 } })).toMatchObject({ ok: false, reason: expect.stringMatching(/size/) });
    expect(await verify(5, { proof: { proof: ["zz"] } })).toMatchObject({ ok: false, reason: expect.stringMatching(/malformed/) });
  });

  it("refuses a checkpoint whose text was altered after signing, one signed by another key, and no checkpoint", async () => {
    const altered = note.replace(`${origin}\n`, `${origin}-evil\n`);
    expect(await verify(1, { proof: { checkpoint: altered } })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/does not verify/),
    });
    const other = generateNoteKey(origin);
    expect(await verify(1, { publicKey: other.verifierKey })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no signature by|does not verify/),
    });
    const forged = signNote(formatCheckpoint({ origin, size, rootHash: root }), parseSignerKey(other.signerKey));
    expect(await verify(1, { proof: { checkpoint: forged } })).toMatchObject({ ok: false });
    expect(await verify(1, { proof: { checkpoint: null } })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no signed checkpoint/),
    });
    expect(await verify(1, { publicKey: "not a key" })).toMatchObject({ ok: false, reason: expect.stringMatching(/public key/) });
  });

  it("still checks leaf and proof where the browser has no Ed25519, and says the signature was not checked", async () => {
    const real = globalThis.crypto.subtle;
    const noEd25519 = {
      digest: real.digest.bind(real),
      importKey: () => Promise.reject(new DOMException("Unrecognized name.", "NotSupportedError")),
      verify: real.verify.bind(real),
    } as unknown as SubtleCrypto;
    expect(await verify(4, { subtle: noEd25519 })).toMatchObject({ ok: true, signatureChecked: false });
    const tampered = canonicals[4]!.replace("object.get", "object.put");
    expect(await verify(4, { canonical: tampered, subtle: noEd25519 })).toMatchObject({ ok: false });
  });
});
