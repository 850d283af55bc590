import "server-only";
import type { TCaller } from "@/lib/auth/caller";
import { db, type Db } from "@/lib/db";
import { servedOrgId } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { parseCosignatureVerifierKey, verifyCosignatures } from "./cosignature";
import { NoteError, parseNote } from "./signed-note";
import { readStoredHashes } from "./read-stored-hashes";
import { TILE_HEIGHT, encodeEntryBundle, hashTileIndexes, tileWidthAt, type TTileRequest } from "./tlog-tiles";

// The ledger served to third parties as C2SP tlog-tiles: the latest checkpoint (with the
// witnesses' cosignatures), hash tiles and entry bundles, all cut at the latest signed size so a
// client never sees a tree no checkpoint vouches for.

// How far a witness's clock may be from ours.
const clockSkewMs = 10 * 60 * 1000;

export type TTileAnswer = { bytes: Buffer; full: boolean };

async function latestCheckpoint(client: Db, orgId: string) {
  const checkpoint = await client.ledgerCheckpoint.findFirst({ where: { orgId }, orderBy: [{ size: "desc" }, { id: "desc" }] });
  if (!checkpoint) throw new AppError("NOT_FOUND", "No checkpoint has been signed yet: the ledger is empty.");
  return checkpoint;
}

/** Whether an admin has made the checkpoint and hash tiles readable without sign-in. */
export async function isLedgerPublic({ orgId = servedOrgId(), client = db() }: { orgId?: string; client?: Db } = {}): Promise<boolean> {
  const publication = await client.ledgerPublication.findUnique({ where: { orgId } });
  return publication?.publicTiles ?? false;
}

/** The latest checkpoint as a signed note, with every verified witness cosignature appended. */
export async function readTlogCheckpoint({ orgId, client = db() }: { orgId: string; client?: Db }): Promise<string> {
  const checkpoint = await latestCheckpoint(client, orgId);
  const cosignatures = await client.ledgerCosignature.findMany({
    where: { orgId, checkpointId: checkpoint.id },
    orderBy: { id: "asc" },
    select: { line: true },
  });
  return checkpoint.note + cosignatures.map(({ line }) => `${line}\n`).join("");
}

/** A hash tile or entry bundle of the tree at the latest checkpoint; 404 when the tree does not reach that far yet. */
export async function readTlogTile({
  orgId,
  tile,
  client = db(),
}: {
  orgId: string;
  tile: TTileRequest;
  client?: Db;
}): Promise<TTileAnswer> {
  const size = Number((await latestCheckpoint(client, orgId)).size);
  const available = tileWidthAt({ index: tile.index, level: tile.kind === "entries" ? 0 : tile.level }, size);
  if (available < tile.width) {
    throw new AppError(
      "NOT_FOUND",
      available === 0
        ? `The tree (size ${size} at the latest checkpoint) has no such tile yet.`
        : `The tree (size ${size} at the latest checkpoint) holds ${available} of this tile's ${1 << TILE_HEIGHT}: ask for .p/${available}.`,
    );
  }
  const full = tile.width === 1 << TILE_HEIGHT;
  if (tile.kind === "entries") {
    const first = tile.index * (1 << TILE_HEIGHT);
    const rows = await client.ledgerEntry.findMany({
      where: { orgId, seq: { gte: BigInt(first), lt: BigInt(first + tile.width) } },
      orderBy: { seq: "asc" },
      select: { canonical: true },
    });
    if (rows.length !== tile.width) throw new Error(`ledger entries ${first}…${first + tile.width - 1} are missing: run custody verify`);
    return { bytes: encodeEntryBundle(rows.map((row) => row.canonical)), full };
  }
  const hashes = await readStoredHashes(client, orgId)(hashTileIndexes(tile.level, tile.index, tile.width));
  return { bytes: Buffer.concat(hashes), full };
}

export type TCheckpointListing = {
  checkpoints: {
    id: string;
    size: string;
    rootHash: string;
    signedAt: string;
    note: string;
    cosignatures: { witness: string; cosignedAt: string; receivedAt: string }[];
  }[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  nextBefore?: string;
};

/** Signed checkpoints, newest first, keyset-paged by id, with their cosignatures. */
export async function listCheckpoints({
  orgId,
  before,
  limit,
  client = db(),
}: {
  orgId: string;
  before?: bigint;
  limit: number;
  client?: Db;
}): Promise<TCheckpointListing> {
  const rows = await client.ledgerCheckpoint.findMany({
    where: { orgId, ...(before !== undefined ? { id: { lt: before } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const cosignatures = await client.ledgerCosignature.findMany({
    where: { orgId, checkpointId: { in: page.map((row) => row.id) } },
    orderBy: { id: "asc" },
    include: { witness: { select: { name: true } } },
  });
  return {
    checkpoints: page.map((row) => ({
      id: row.id.toString(),
      size: row.size.toString(),
      rootHash: Buffer.from(row.rootHash).toString("hex"),
      signedAt: row.createdAt.toISOString(),
      note: row.note,
      cosignatures: cosignatures
        .filter((cosignature) => cosignature.checkpointId === row.id)
        .map((cosignature) => ({
          witness: cosignature.witness.name,
          cosignedAt: cosignature.cosignedAt.toISOString(),
          receivedAt: cosignature.receivedAt.toISOString(),
        })),
    })),
    ...(rows.length > limit ? { nextBefore: page.at(-1)!.id.toString() } : {}),
  };
}

/**
 * Accepts a witness's cosigned checkpoint: the note of one of our checkpoints (found by its text)
 * carrying signature lines; every line by a configured witness must verify and is kept once.
 * Anyone may send one (the signature is the authentication); nothing is stored unless it verifies.
 */
export async function acceptCosignedCheckpoint({
  orgId,
  note,
  client = db(),
}: {
  orgId: string;
  note: string;
  client?: Db;
}): Promise<{ checkpoint: { size: string; rootHash: string }; accepted: { witness: string; cosignedAt: string; new: boolean }[] }> {
  let text: string;
  try {
    text = parseNote(note).text;
  } catch (error) {
    throw new AppError("INVALID_INPUT", `The body is not a signed note: ${error instanceof NoteError ? error.message : "malformed"}.`);
  }
  const sizeLine = text.split("\n")[1] ?? "";
  if (!/^(0|[1-9][0-9]{0,18})$/.test(sizeLine))
    throw new AppError("INVALID_INPUT", "The note is not a checkpoint: its second line is not a tree size.");
  const candidates = await client.ledgerCheckpoint.findMany({ where: { orgId, size: BigInt(sizeLine) }, orderBy: { id: "desc" } });
  const checkpoint = candidates.find((candidate) => parseNote(candidate.note).text === text);
  if (!checkpoint) throw new AppError("NOT_FOUND", "This ledger signed no checkpoint with that text.");
  const witnesses = await client.ledgerWitness.findMany({ where: { orgId, removedAt: null } });
  const verifiers = witnesses.map((witness) => ({ witness, verifier: parseCosignatureVerifierKey(witness.verifierKey) }));
  let verified;
  try {
    verified = verifyCosignatures(
      note,
      text,
      verifiers.map(({ verifier }) => verifier),
    );
  } catch (error) {
    throw new AppError("INVALID_INPUT", error instanceof NoteError ? `${error.message}.` : "The cosignature does not verify.");
  }
  if (verified.length === 0) {
    throw new AppError(
      "FORBIDDEN",
      "No signature in the note is by a witness this ledger accepts: an admin adds witnesses on the Ledger page.",
    );
  }
  const earliest = checkpoint.createdAt.getTime() - clockSkewMs;
  const latest = Date.now() + clockSkewMs;
  const misdated = verified.find(({ timestamp }) => timestamp * 1000 < earliest || timestamp * 1000 > latest);
  if (misdated) {
    throw new AppError(
      "INVALID_INPUT",
      `The cosignature by ${misdated.name} is dated ${misdated.timestamp}, outside the checkpoint's lifetime (signed ${checkpoint.createdAt.toISOString()}, now ${new Date().toISOString()}).`,
    );
  }
  const accepted = [];
  for (const cosignature of verified) {
    const { witness } = verifiers.find(({ verifier }) => verifier.name === cosignature.name && verifier.keyId === cosignature.keyId)!;
    const cosignedAt = new Date(cosignature.timestamp * 1000);
    const created = await client.ledgerCosignature.createMany({
      data: [{ orgId, checkpointId: checkpoint.id, witnessId: witness.id, cosignedAt, line: cosignature.line }],
      skipDuplicates: true,
    });
    accepted.push({ witness: witness.name, cosignedAt: cosignedAt.toISOString(), new: created.count === 1 });
  }
  return { checkpoint: { size: checkpoint.size.toString(), rootHash: Buffer.from(checkpoint.rootHash).toString("hex") }, accepted };
}

/** Whose ledger a reader reads: their own organisation's, or this server's when they are anonymous. */
export function readerOrgId(caller: TCaller | null): string {
  if (!caller) return servedOrgId();
  return caller.kind === "token" ? caller.token.orgId : caller.principal.orgId;
}

/** Cache headers for a tile: a full tile never changes; a partial one grows with the tree. */
export function tileCacheControl({ full, anonymous }: { full: boolean; anonymous: boolean }): string {
  if (!full) return "no-cache";
  return `${anonymous ? "public" : "private"}, max-age=31536000, immutable`;
}
