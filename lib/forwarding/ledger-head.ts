import "server-only";
import type { DbTransaction, Db } from "@/lib/db";

/** The seq the next ledger entry will get (the ledger's size). */
export async function nextLedgerSeq(client: Db | DbTransaction, orgId: string): Promise<bigint> {
  const last = await client.ledgerEntry.findFirst({ where: { orgId }, orderBy: { seq: "desc" }, select: { seq: true } });
  return last ? last.seq + 1n : 0n;
}
