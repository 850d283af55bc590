import { parseStrictJson } from "@/lib/json/parse-strict-json";
import { bytesEqual, decodeUtf8, fromBase64, fromHex, toHex } from "./bytes";
import { bundleFiles, type TBundleProofs } from "./bundle-format";
import { CheckList } from "./check-list";
import { ledgerKeyFor } from "./check-checkpoint";
import { browserMerkle } from "./merkle-proofs";
import { openCheckpoint, type TOpenedCheckpoint } from "./open-checkpoint";

export type TCitedEntry = { seq: number; bytes: Uint8Array };

const SEQ = /^(?:0|[1-9][0-9]{0,15})$/;
const listed = (seqs: number[]) => `${seqs.slice(0, 5).join(", ")}${seqs.length > 5 ? ` and ${seqs.length - 5} more` : ""}`;

/** entries.ndjson: one {"seq":"<n>","canonical":"<base64>"} per line, each line ending in "\n". */
export function readEntries(files: Map<string, Uint8Array>, list: CheckList): TCitedEntry[] | null {
  const name = bundleFiles.entries;
  const bytes = files.get(name);
  if (!bytes) {
    list.fail(name, `${name} is missing`);
    return null;
  }
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch {
    list.fail(name, `${name} is not UTF-8`);
    return null;
  }
  if (text !== "" && !text.endsWith("\n")) {
    list.fail(name, `${name} does not end with a newline (truncated?)`);
    return null;
  }
  const entries: TCitedEntry[] = [];
  const lines = text === "" ? [] : text.slice(0, -1).split("\n");
  for (const [i, line] of lines.entries()) {
    let value: { seq?: unknown; canonical?: unknown };
    try {
      value = parseStrictJson(line, { maxDepth: 2 }) as typeof value;
    } catch {
      value = {};
    }
    const canonical = typeof value.canonical === "string" ? fromBase64(value.canonical) : undefined;
    if (
      typeof value.seq !== "string" ||
      !SEQ.test(value.seq) ||
      !Number.isSafeInteger(Number(value.seq)) ||
      !canonical ||
      Object.keys(value).length !== 2
    ) {
      list.fail(name, `line ${i + 1} of ${name} is not {"seq":"<n>","canonical":"<base64>"}`);
      return null;
    }
    entries.push({ seq: Number(value.seq), bytes: canonical });
  }
  return entries;
}

export function checkInclusion(entries: TCitedEntry[], proofs: TBundleProofs, checkpoint: TOpenedCheckpoint, list: CheckList): void {
  const inclusion = Array.isArray(proofs.inclusion) ? proofs.inclusion : [];
  if (proofs.checkpoint?.size !== String(checkpoint.size) || proofs.checkpoint.rootHash !== toHex(checkpoint.rootHash)) {
    list.fail("entries.inclusion", "proofs.json is made against another tree than the one checkpoint.txt signs");
    return;
  }
  if (inclusion.length !== entries.length) {
    list.fail("entries.inclusion", `proofs.json has ${inclusion.length} inclusion proofs for ${entries.length} entries`);
    return;
  }
  const badLeaf: number[] = [];
  const badProof: number[] = [];
  entries.forEach((entry, i) => {
    const proof = inclusion[i]!;
    const recorded = typeof proof?.leafHash === "string" ? fromHex(proof.leafHash) : undefined;
    const computed = browserMerkle.hashLeaf(entry.bytes);
    if (proof?.seq !== String(entry.seq) || !recorded || !bytesEqual(recorded, computed)) {
      badLeaf.push(entry.seq);
      return;
    }
    const path = Array.isArray(proof.proof) ? proof.proof.map((node) => (typeof node === "string" ? fromHex(node) : undefined)) : [];
    if (
      path.some((node) => !node) ||
      !browserMerkle.verifyInclusion(computed, entry.seq, checkpoint.size, path as Uint8Array[], checkpoint.rootHash)
    )
      badProof.push(entry.seq);
  });
  if (badLeaf.length > 0)
    list.fail(
      "entries.leaf-hashes",
      `${badLeaf.length} entries do not hash to their recorded leaf (altered bytes?): seq ${listed(badLeaf)}`,
    );
  else list.pass("entries.leaf-hashes", `${entries.length} entries hash (RFC 6962 leaf) to their recorded leaves`);
  if (badProof.length > 0)
    list.fail("entries.inclusion", `${badProof.length} inclusion proofs do not lead to the checkpoint's root: seq ${listed(badProof)}`);
  else if (badLeaf.length === 0)
    list.pass("entries.inclusion", `every entry is in the tree of size ${checkpoint.size} that checkpoint.txt signs`);
  else list.fail("entries.inclusion", "not checked for the entries whose leaf hash is wrong");
}

export function checkConsistency(
  proofs: TBundleProofs,
  checkpoint: TOpenedCheckpoint,
  files: Map<string, Uint8Array>,
  pinned: string[],
  list: CheckList,
): void {
  const check = "consistency";
  const consistency = proofs.consistency;
  if (!consistency || typeof consistency.toCheckpoint !== "string") {
    list.fail(check, "proofs.json has no consistency proof to the latest checkpoint");
    return;
  }
  const key = ledgerKeyFor(files, pinned, new CheckList(), check);
  if (!key) {
    list.fail(check, "no ledger key to open the latest checkpoint with");
    return;
  }
  let latest: TOpenedCheckpoint;
  try {
    latest = openCheckpoint(consistency.toCheckpoint, key);
  } catch (error) {
    list.fail(check, `the latest checkpoint in proofs.json: ${(error as Error).message}`);
    return;
  }
  const path = Array.isArray(consistency.proof)
    ? consistency.proof.map((node) => (typeof node === "string" ? fromHex(node) : undefined))
    : [];
  const sizesMatch = consistency.fromSize === String(checkpoint.size) && consistency.toSize === String(latest.size);
  if (
    !sizesMatch ||
    path.some((node) => !node) ||
    !browserMerkle.verifyConsistency(checkpoint.size, latest.size, path as Uint8Array[], checkpoint.rootHash, latest.rootHash)
  )
    list.fail(check, `the tree of size ${checkpoint.size} is not proven a prefix of the latest checkpoint's (size ${latest.size})`);
  else list.pass(check, `the checkpoint's tree (size ${checkpoint.size}) is a prefix of the latest signed one (size ${latest.size})`);
}
