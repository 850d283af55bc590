import type { Db } from "@/lib/db";
import type { TEvidenceReport } from "@/lib/evidence/evidence-report";
import type { TBundleProofs } from "@/lib/evidence/verify/bundle-format";
import { readStoredHashes } from "@/lib/ledger/read-stored-hashes";
import { proveRecord, proveTree, treeHash, type ReadHashes } from "@/lib/ledger/tile-store";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const READ_CHUNK = 5_000;

export type TBundleEvidence = {
  entries: { seq: string; canonical: Uint8Array }[];
  proofs: TBundleProofs;
  checkpointNote: string;
  timings: { queryMs: number; proofsMs: number };
};

/**
 * The cited entries (their bytes as stored), an inclusion proof of each against the report's
 * checkpoint and a consistency proof to the latest checkpoint: what a verifier needs without us.
 * Proofs come from lib/ledger's tile store; their stored hashes are read in a few batched queries
 * rather than one query per entry (the plans depend only on the sizes, so a first pass collects them).
 */
export async function collectBundleEvidence({
  client,
  orgId,
  report,
}: {
  client: Db;
  orgId: string;
  report: TEvidenceReport;
}): Promise<TBundleEvidence> {
  const started = performance.now();
  const size = Number(report.effective.checkpointSize);
  const seqs = report.citedSeqs.map((seq) => BigInt(seq));
  const [checkpoint, latest] = await Promise.all([
    client.ledgerCheckpoint.findFirst({ where: { orgId, size: BigInt(size) }, orderBy: { id: "desc" } }),
    client.ledgerCheckpoint.findFirst({ where: { orgId }, orderBy: [{ size: "desc" }, { id: "desc" }] }),
  ]);
  if (!checkpoint || !latest) throw new Error(`no signed checkpoint of size ${size}: the report must stand on a signed checkpoint`);
  if (hex(checkpoint.rootHash) !== report.effective.rootHash) throw new Error("the report's effective root is not the signed checkpoint's");
  const rows: { seq: bigint; canonical: Uint8Array; leafHash: Uint8Array }[] = [];
  for (let at = 0; at < seqs.length; at += READ_CHUNK) {
    // Hex text, not bytea: raw queries through the pg adapter cannot return Bytes columns.
    const chunk = await client.$queryRawUnsafe<{ seq: bigint; canonical: string; leafHash: string }[]>(
      `SELECT seq, encode(canonical, 'hex') AS canonical, encode("leafHash", 'hex') AS "leafHash" FROM "LedgerEntry"
       WHERE "orgId" = $1 AND seq = ANY($2::int8[]) ORDER BY seq`,
      orgId,
      seqs.slice(at, at + READ_CHUNK).map(String),
    );
    for (const row of chunk)
      rows.push({ seq: BigInt(row.seq), canonical: Buffer.from(row.canonical, "hex"), leafHash: Buffer.from(row.leafHash, "hex") });
  }
  if (rows.length !== seqs.length) throw new Error(`the report cites ${seqs.length} entries; ${rows.length} exist`);
  if (rows.some((row) => row.seq >= BigInt(size))) throw new Error("the report cites an entry beyond its checkpoint");
  const queryMs = performance.now() - started;

  const proofsStarted = performance.now();
  const latestSize = Number(latest.size);
  const stored = await storedHashReader(client, orgId, async (read) => {
    // One at a time: 10,000 pending promises cost twice the proofs themselves.
    for (const row of rows) await proveRecord(size, Number(row.seq), read);
    await proveTree(latestSize, size, read);
    await treeHash(latestSize, read);
  });
  const inclusion: TBundleProofs["inclusion"] = [];
  for (const row of rows) {
    const proof = await proveRecord(size, Number(row.seq), stored);
    inclusion.push({ seq: row.seq.toString(), leafHash: hex(row.leafHash), proof: proof.map(hex) });
  }
  const consistency = {
    fromSize: String(size),
    toSize: String(latestSize),
    toRootHash: hex(await treeHash(latestSize, stored)),
    proof: (await proveTree(latestSize, size, stored)).map(hex),
    toCheckpoint: latest.note,
  };
  return {
    entries: rows.map((row) => ({ seq: row.seq.toString(), canonical: row.canonical })),
    proofs: { formatVersion: 1, checkpoint: { size: String(size), rootHash: hex(checkpoint.rootHash) }, inclusion, consistency },
    checkpointNote: checkpoint.note,
    timings: { queryMs, proofsMs: performance.now() - proofsStarted },
  };
}

// Runs `plan` with a reader that only records the indexes asked for, reads them all, and returns a reader over them.
async function storedHashReader(client: Db, orgId: string, plan: (read: ReadHashes) => Promise<void>): Promise<ReadHashes> {
  const wanted = new Set<number>();
  const zero = new Uint8Array(32);
  await plan((indexes) => {
    for (const index of indexes) wanted.add(index);
    return indexes.map(() => zero);
  });
  const all = [...wanted].sort((a, b) => a - b);
  const read = readStoredHashes(client, orgId);
  const byIndex = new Map<number, Uint8Array>();
  for (let at = 0; at < all.length; at += READ_CHUNK) {
    const chunk = all.slice(at, at + READ_CHUNK);
    (await read(chunk)).forEach((hash, i) => byIndex.set(chunk[i]!, hash));
  }
  return (indexes) =>
    indexes.map((index) => {
      const hash = byIndex.get(index);
      if (!hash) throw new Error(`stored hash ${index} was not read`);
      return hash;
    });
}
