import { describe, expect, it } from "vitest";
import { consistencyProof, hashLeaf, inclusionProof, rootFromLeafHashes } from "@/lib/ledger/merkle";
import { browserMerkle } from "./merkle-proofs";

const { hashLeaf: leafHash, verifyConsistency: verifyConsistencyProof, verifyInclusion: verifyInclusionProof } = browserMerkle;

// The browser's SHA-256 (@noble/hashes) must give the ledger's own (node:crypto) results on every
// proof of every tree up to 33 leaves, and refuse every proof for the wrong leaf or root.
const leaves = Array.from({ length: 33 }, (_, i) => hashLeaf(Buffer.from(`entry ${i}`)));

describe("merkle-proofs", () => {
  it("hashes leaves as RFC 6962 (0x00 prefix)", () => {
    expect(Buffer.from(leafHash(Buffer.from("entry 7"))).equals(leaves[7]!)).toBe(true);
  });

  it("accepts every inclusion proof the ledger makes, refuses a wrong index or root", () => {
    for (let size = 1; size <= leaves.length; size++) {
      const root = rootFromLeafHashes(leaves.slice(0, size));
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(index, size, leaves);
        expect(verifyInclusionProof(leaves[index]!, index, size, proof, root)).toBe(true);
        if (size > 1) expect(verifyInclusionProof(leaves[index]!, (index + 1) % size, size, proof, root)).toBe(false);
        expect(verifyInclusionProof(leaves[index]!, index, size, proof, leaves[0]!)).toBe(size === 1 && index === 0);
      }
    }
  });

  it("accepts every consistency proof the ledger makes, refuses swapped roots and size 0", () => {
    for (let to = 1; to <= leaves.length; to++) {
      const root2 = rootFromLeafHashes(leaves.slice(0, to));
      for (let from = 1; from <= to; from++) {
        const root1 = rootFromLeafHashes(leaves.slice(0, from));
        const proof = consistencyProof(from, to, leaves);
        expect(verifyConsistencyProof(from, to, proof, root1, root2)).toBe(true);
        if (from < to) expect(verifyConsistencyProof(from, to, proof, root2, root1)).toBe(false);
      }
    }
    expect(verifyConsistencyProof(0, 3, [], leaves[0]!, leaves[1]!)).toBe(false);
    expect(verifyInclusionProof(leaves[0]!, 2 ** 60, 2 ** 61, [], leaves[0]!)).toBe(false);
  });
});

describe("bytes", async () => {
  const { fromBase64, fromHex, toBase64, toHex } = await import("./bytes");
  it("base64 and hex accept exactly one spelling", () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      expect(fromHex(toHex(bytes))).toEqual(bytes);
    }
    expect(fromBase64("QQ==")).toEqual(Uint8Array.of(65));
    expect(fromBase64("QR==")).toBeUndefined();
    expect(fromBase64("QUI=")).toEqual(Uint8Array.of(65, 66));
    expect(fromBase64("QUJ=")).toBeUndefined();
    expect(fromBase64("QQ")).toBeUndefined();
    expect(fromBase64("Q Q==")).toBeUndefined();
    expect(fromHex("0g")).toBeUndefined();
    expect(fromHex("abc")).toBeUndefined();
    expect(fromHex("ABcd")).toEqual(Uint8Array.of(0xab, 0xcd));
  });
});
