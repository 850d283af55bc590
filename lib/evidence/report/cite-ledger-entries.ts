import "server-only";
import type { Db } from "@/lib/db";
import type { CitedEntries } from "./report-context";

const chunk = 5_000;

/**
 * Cites the entries with these seqs that exist below the checkpoint, reading action and outcome
 * from the ledger itself (not from a copy), so each figure's rule holds on the entries a verifier
 * gets. Returns the seqs that were cited.
 */
export async function citeLedgerEntries(
  db: Db,
  cited: CitedEntries,
  orgId: string,
  size: bigint,
  seqs: Iterable<bigint>,
): Promise<Set<bigint>> {
  const wanted = [...new Set(seqs)].filter((seq) => seq < size);
  const found = new Set<bigint>();
  for (let start = 0; start < wanted.length; start += chunk) {
    const rows = await db.ledgerEntry.findMany({
      where: { orgId, seq: { in: wanted.slice(start, start + chunk), lt: size } },
      select: { seq: true, action: true, outcome: true },
    });
    for (const row of rows) {
      cited.add(row);
      found.add(row.seq);
    }
  }
  return found;
}
