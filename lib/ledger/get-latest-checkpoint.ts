import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** The organisation's latest signed checkpoint (the largest tree signed). */
export async function getLatestCheckpoint({
  orgId,
}: {
  orgId: string;
}): Promise<{ size: string; rootHash: string; signedAt: string; note: string }> {
  const checkpoint = await db().ledgerCheckpoint.findFirst({ where: { orgId }, orderBy: [{ size: "desc" }, { id: "desc" }] });
  if (!checkpoint) throw new AppError("NOT_FOUND", "No checkpoint has been signed yet: the ledger is empty.");
  return {
    size: checkpoint.size.toString(),
    rootHash: Buffer.from(checkpoint.rootHash).toString("hex"),
    signedAt: checkpoint.createdAt.toISOString(),
    note: checkpoint.note,
  };
}
