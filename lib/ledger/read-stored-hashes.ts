import type { DbTransaction, Db } from "@/lib/db";

/** A ReadHashes for one organisation's ledger: one query per call, hashes in the asked order. */
export function readStoredHashes(client: Db | DbTransaction, orgId: string) {
  return async (indexes: number[]): Promise<Uint8Array[]> => {
    if (indexes.length === 0) return [];
    const rows = await client.ledgerHash.findMany({ where: { orgId, idx: { in: indexes.map(BigInt) } } });
    const byIndex = new Map(rows.map((row) => [Number(row.idx), row.hash]));
    return indexes.map((index) => {
      const hash = byIndex.get(index);
      if (!hash) throw new Error(`stored hash ${index} is missing from the ledger`);
      return hash;
    });
  };
}
