// Checks, in the reader's own browser, that an event shown on the timeline is the one the
// ledger committed to: its bytes hash to its leaf (RFC 6962: SHA-256(0x00 || bytes)), the leaf
// is included in the tree of a checkpoint (RFC 9162 §2.1.3.2), and the checkpoint is signed by
// the ledger's Ed25519 key (C2SP signed note). No server code and no node imports, so what the
// server says is checked by code it does not run: the Merkle checks are the evidence bundle
// verifier's (lib/ledger/merkle-proofs.ts over @noble/hashes), the signature is WebCrypto's.
import { bytesEqual, fromBase64, fromHex, sha256Bytes, toHex, utf8 } from "@/lib/evidence/verify/bytes";
import { browserMerkle } from "@/lib/evidence/verify/merkle-proofs";
import { HASH_SIZE } from "@/lib/ledger/merkle-proofs";

export type TInclusionProofResponse = {
  seq: number;
  size: number;
  leafHash: string;
  canonical: string;
  proof: string[];
  rootHash: string;
  checkpoint: string | null;
};

export type TBrowserVerification =
  | { ok: true; size: number; origin: string; keyName: string; keyId: string; rootHash: string; signatureChecked: boolean }
  | { ok: false; reason: string };

const SIGNATURE_PREFIX = "\u2014 ";
const ED25519 = 0x01;

/**
 * Verifies one event. `canonical` and `leafHash` are what the timeline showed; `proof` is the
 * answer of /api/v1/ledger/proof/inclusion; `publicKey` the verifier key of
 * /api/v1/ledger/public-key. Never throws: every failure is a reason to show.
 */
export async function verifyEventInBrowser({
  canonical,
  leafHash,
  seq,
  proof,
  publicKey,
  subtle = globalThis.crypto?.subtle,
}: {
  canonical: string;
  leafHash: string;
  seq: number;
  proof: TInclusionProofResponse;
  publicKey: string;
  subtle?: SubtleCrypto;
}): Promise<TBrowserVerification> {
  if (!subtle) return fail("this browser offers no WebCrypto (a secure context, https or localhost, is needed)");
  try {
    const leaf = browserMerkle.hashLeaf(utf8(canonical));
    const storedLeaf = fromHex(leafHash);
    if (!storedLeaf || !bytesEqual(leaf, storedLeaf))
      return fail(
        `the event's bytes do not hash to its stored leaf hash: the stored event was altered (SHA-256(0x00‖bytes) = ${toHex(leaf).slice(0, 16)}…, stored ${leafHash.slice(0, 16)}…)`,
      );
    if (proof.seq !== seq) return fail(`the proof is for entry ${proof.seq}, not ${seq}`);
    if (proof.canonical !== canonical) return fail("the proof was made for different bytes than the timeline shows");
    const proofLeaf = fromHex(proof.leafHash);
    if (!proofLeaf || !bytesEqual(proofLeaf, leaf)) return fail("the proof's leaf hash differs from the event's");
    if (!proof.checkpoint) return fail(`no signed checkpoint of size ${proof.size} to check against`);

    const note = parseNote(proof.checkpoint);
    if (!note) return fail("the checkpoint is not a well-formed signed note");
    const checkpoint = parseCheckpoint(note.text);
    if (!checkpoint) return fail("the checkpoint text is not a tlog checkpoint (origin, size, root hash)");
    if (checkpoint.size !== proof.size) return fail(`the checkpoint is for size ${checkpoint.size}, the proof for size ${proof.size}`);

    const path = proof.proof.map(fromHex);
    if (path.some((hash) => !hash || hash.length !== HASH_SIZE)) return fail("the proof contains a malformed hash");
    const root = browserMerkle.rootFromInclusionProof(leaf, seq, proof.size, path as Uint8Array[]);
    if (!root) return fail(`the proof has the wrong shape for entry ${seq} in a tree of ${proof.size}`);
    if (!bytesEqual(root, checkpoint.rootHash))
      return fail(
        `the inclusion proof does not lead to the checkpoint's root hash (entry ${seq}, tree of ${proof.size}): the ledger was altered`,
      );

    const key = parseVerifierKey(publicKey.trim());
    if (!key) return fail("the ledger's public key is not a valid Ed25519 signed-note verifier key");
    const signature = note.signatures.find((line) => line.name === key.name && line.keyId === key.keyId);
    if (!signature) return fail(`the checkpoint carries no signature by ${key.name} (key ${hex32(key.keyId)})`);
    if (signature.signature.length !== 64) return fail("the checkpoint's signature is not 64 bytes");
    const signatureChecked = await checkEd25519(subtle, key.publicKey, signature.signature, utf8(note.text));
    if (signatureChecked === false)
      return fail(`the checkpoint's signature by ${key.name} does not verify: the checkpoint was forged or altered`);
    return {
      ok: true,
      size: checkpoint.size,
      origin: checkpoint.origin,
      keyName: key.name,
      keyId: hex32(key.keyId),
      rootHash: toHex(root),
      signatureChecked: signatureChecked === true,
    };
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

type TNoteSignature = { name: string; keyId: number; signature: Uint8Array };

/** Splits a signed note at its last blank line: the text (ending in its newline) and the signature lines. */
export function parseNote(note: string): { text: string; signatures: TNoteSignature[] } | null {
  const split = note.lastIndexOf("\n\n");
  if (split < 0 || !note.endsWith("\n")) return null;
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split("\n");
  const signatures: TNoteSignature[] = [];
  for (const line of lines) {
    if (!line.startsWith(SIGNATURE_PREFIX)) return null;
    const [name, encoded, extra] = line.slice(SIGNATURE_PREFIX.length).split(" ");
    const bytes = encoded === undefined ? undefined : fromBase64(encoded);
    if (!name || extra !== undefined || !bytes || bytes.length < 5) return null;
    signatures.push({ name, keyId: new DataView(bytes.buffer, bytes.byteOffset).getUint32(0), signature: bytes.subarray(4) });
  }
  return { text, signatures };
}

/** C2SP tlog-checkpoint text: origin, decimal size, base64 root hash, optional extension lines. */
export function parseCheckpoint(text: string): { origin: string; size: number; rootHash: Uint8Array } | null {
  const [origin, sizeLine, rootLine] = text.slice(0, -1).split("\n");
  if (!origin || !sizeLine || !rootLine || !/^(?:0|[1-9][0-9]*)$/.test(sizeLine)) return null;
  const size = Number(sizeLine);
  const rootHash = fromBase64(rootLine);
  if (!Number.isSafeInteger(size) || !rootHash || rootHash.length !== HASH_SIZE) return null;
  return { origin, size, rootHash };
}

/** A signed-note verifier key "<name>+<8 hex key ID>+base64(0x01 || 32-byte key)", its key ID checked. */
function parseVerifierKey(vkey: string): { name: string; keyId: number; publicKey: Uint8Array } | null {
  const first = vkey.indexOf("+");
  const second = vkey.indexOf("+", first + 1);
  if (first < 1 || second < 0) return null;
  const name = vkey.slice(0, first);
  const keyIdText = vkey.slice(first + 1, second);
  const key = fromBase64(vkey.slice(second + 1));
  if (!/^[0-9a-fA-F]{8}$/.test(keyIdText) || !key || key.length !== 33 || key[0] !== ED25519) return null;
  const keyId = Number.parseInt(keyIdText, 16);
  const digest = sha256Bytes(utf8(`${name}\n`), key);
  if (new DataView(digest.buffer, digest.byteOffset).getUint32(0) !== keyId) return null;
  return { name, keyId, publicKey: key.subarray(1) };
}

/** true or false when checked; null when this browser cannot do Ed25519 (older Safari, Firefox before 129). */
async function checkEd25519(
  subtle: SubtleCrypto,
  publicKey: Uint8Array,
  signature: Uint8Array,
  message: Uint8Array,
): Promise<boolean | null> {
  let key: CryptoKey;
  try {
    key = await subtle.importKey("raw", publicKey as BufferSource, { name: "Ed25519" }, false, ["verify"]);
  } catch {
    return null;
  }
  return subtle.verify({ name: "Ed25519" }, key, signature as BufferSource, message as BufferSource);
}

const hex32 = (value: number) => value.toString(16).padStart(8, "0");

function fail(reason: string): TBrowserVerification {
  return { ok: false, reason };
}
