import type { DbTransaction, Db } from "@/lib/db";

/** A ReadHashes for one organisation's ledger: one indexed query per call, hashes in the asked order. */
export function readStoredHashes(client: Db | DbTransaction, orgId: string) {
  return async (indexes: number[]): Promise<Buffer[]> => {
    if (indexes.length === 0) return [];
    // Hex text, not bytea: raw queries through the pg adapter cannot return Bytes columns.
    const rows = await client.$queryRawUnsafe<{ idx: bigint; hash: string }[]>(
      `SELECT idx, encode(hash, 'hex') AS hash FROM "LedgerHash" WHERE "orgId" = $1 AND idx = ANY($2::int8[])`,
      orgId,
      indexes.map(String),
    );
    const byIndex = new Map(rows.map((row) => [Number(row.idx), Buffer.from(row.hash, "hex")]));
    return indexes.map((index) => {
      const hash = byIndex.get(index);
      if (!hash) throw new Error(`stored hash ${index} is missing from the ledger`);
      return hash;
    });
  };
}
