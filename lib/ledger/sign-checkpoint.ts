import type { Db } from "@/lib/db";
import { formatCheckpoint } from "./checkpoint";
import type { TLedgerKey } from "./ledger-key";
import { readStoredHashes } from "./read-stored-hashes";
import { signNote } from "./signed-note";
import { treeHash } from "./tile-store";

export type TSignedCheckpoint = { id: bigint; size: bigint; rootHash: Uint8Array; note: string; createdAt: Date };

/**
 * Signs a checkpoint (C2SP tlog-checkpoint) of the ledger as it is now, unless the latest one
 * already covers every entry. Holds the append lock, so the size and root belong together.
 */
export async function signCheckpoint({
  client,
  orgId,
  key,
  force = false,
}: {
  client: Db;
  orgId: string;
  key: TLedgerKey;
  force?: boolean;
}): Promise<TSignedCheckpoint | null> {
  return client.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`custody-ledger:${orgId}`}, 0))`;
    const last = await tx.ledgerEntry.findFirst({ where: { orgId }, orderBy: { seq: "desc" }, select: { seq: true } });
    if (!last) return null;
    const size = Number(last.seq) + 1;
    const latest = await tx.ledgerCheckpoint.findFirst({ where: { orgId }, orderBy: [{ size: "desc" }, { id: "desc" }] });
    if (latest && Number(latest.size) === size && !force) return latest;
    const rootHash = await treeHash(size, readStoredHashes(tx, orgId));
    const note = signNote(formatCheckpoint({ origin: key.origin, size, rootHash }), key.signer);
    return tx.ledgerCheckpoint.create({
      data: { orgId, size: BigInt(size), rootHash: new Uint8Array(rootHash), note, keyName: key.signer.name },
    });
  });
}
