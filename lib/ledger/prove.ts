import "server-only";
import { db, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { readStoredHashes } from "./read-stored-hashes";
import { proveRecord, proveTree, treeHash } from "./tile-store";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

async function ledgerSize(client: Db, orgId: string): Promise<number> {
  const last = await client.ledgerEntry.findFirst({ where: { orgId }, orderBy: { seq: "desc" }, select: { seq: true } });
  return last ? Number(last.seq) + 1 : 0;
}

async function checkpointAt(client: Db, orgId: string, size: number) {
  return client.ledgerCheckpoint.findFirst({ where: { orgId, size: BigInt(size) }, orderBy: { id: "desc" } });
}

/** Latest checkpoint size, the default tree a proof is made against (a signed root). */
export async function latestCheckpointSize(client: Db, orgId: string): Promise<number> {
  const latest = await client.ledgerCheckpoint.findFirst({
    where: { orgId },
    orderBy: [{ size: "desc" }, { id: "desc" }],
    select: { size: true },
  });
  if (!latest) throw new AppError("NOT_FOUND", "No checkpoint has been signed yet.");
  return Number(latest.size);
}

/** RFC 6962 inclusion proof of entry `seq` in the tree of `size` entries (default: the latest signed checkpoint's): O(log n) reads. */
export async function proveInclusion({
  client = db(),
  orgId,
  seq,
  size: requestedSize,
}: {
  client?: Db;
  orgId: string;
  seq: number;
  size?: number;
}) {
  const size = requestedSize ?? (await latestCheckpointSize(client, orgId));
  const available = await ledgerSize(client, orgId);
  if (size < 1 || size > available)
    throw new AppError("INVALID_INPUT", `size must be between 1 and the ledger's size (${available}).`, {
      fieldErrors: [{ field: "size", message: `1 to ${available}` }],
    });
  if (seq < 0 || seq >= size)
    throw new AppError("INVALID_INPUT", `seq must be below size (${size}).`, {
      fieldErrors: [{ field: "seq", message: `0 to ${size - 1}` }],
    });
  const readHashes = readStoredHashes(client, orgId);
  const [entry, proof, root, checkpoint] = await Promise.all([
    client.ledgerEntry.findUniqueOrThrow({
      where: { orgId_seq: { orgId, seq: BigInt(seq) } },
      select: { leafHash: true, canonical: true },
    }),
    proveRecord(size, seq, readHashes),
    treeHash(size, readHashes),
    checkpointAt(client, orgId, size),
  ]);
  return {
    seq,
    size,
    leafHash: hex(entry.leafHash),
    canonical: Buffer.from(entry.canonical).toString("utf8"),
    proof: proof.map(hex),
    rootHash: hex(root),
    checkpoint: checkpoint?.note ?? null,
  };
}

/** RFC 6962 consistency proof between two tree sizes (`to` default: the latest signed checkpoint's): the later tree extends the earlier one. */
export async function proveConsistency({
  client = db(),
  orgId,
  from,
  to: requestedTo,
}: {
  client?: Db;
  orgId: string;
  from: number;
  to?: number;
}) {
  const to = requestedTo ?? (await latestCheckpointSize(client, orgId));
  const available = await ledgerSize(client, orgId);
  if (to < 1 || to > available)
    throw new AppError("INVALID_INPUT", `to must be between 1 and the ledger's size (${available}).`, {
      fieldErrors: [{ field: "to", message: `1 to ${available}` }],
    });
  if (from < 1 || from > to)
    throw new AppError("INVALID_INPUT", "from must be between 1 and to.", { fieldErrors: [{ field: "from", message: `1 to ${to}` }] });
  const readHashes = readStoredHashes(client, orgId);
  const [proof, fromRoot, toRoot, fromCheckpoint, toCheckpoint] = await Promise.all([
    proveTree(to, from, readHashes),
    treeHash(from, readHashes),
    treeHash(to, readHashes),
    checkpointAt(client, orgId, from),
    checkpointAt(client, orgId, to),
  ]);
  return {
    from,
    to,
    proof: proof.map(hex),
    fromRoot: hex(fromRoot),
    toRoot: hex(toRoot),
    fromCheckpoint: fromCheckpoint?.note ?? null,
    toCheckpoint: toCheckpoint?.note ?? null,
  };
}
