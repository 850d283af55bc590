import "server-only";
import type { DbTransaction, Db } from "@/lib/db";

/** The seq the next ledger entry will get (the ledger's size). */
export async function nextLedgerSeq(client: Db | DbTransaction, orgId: string): Promise<bigint> {
  const last = await client.ledgerEntry.findFirst({ where: { orgId }, orderBy: { seq: "desc" }, select: { seq: true } });
  return last ? last.seq + 1n : 0n;
}

/** The AlertHistory id a new destination's history cursor starts at: changes from now on. */
export async function nextAlertHistoryId(client: Db | DbTransaction): Promise<bigint> {
  const last = await client.alertHistory.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return (last?.id ?? 0n) + 1n;
}
