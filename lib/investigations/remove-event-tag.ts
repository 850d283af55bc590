import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { ZTagInput } from "./annotation-input";
import { lockInvestigationEvent } from "./lock-investigation-event";
import { parseInput } from "@/lib/input/parse-input";
import { recordInvestigationChange } from "./record-investigation-change";

/** Removes a tag from an event; the ledger keeps who added it, and now who removed it. */
export async function removeEventTag({
  principal,
  investigationId,
  input,
}: {
  principal: TPrincipal;
  investigationId: string;
  input: unknown;
}): Promise<{ changed: boolean; tag: string }> {
  const { seq, tag } = parseInput(ZTagInput, input, "The tag was not removed");
  return db().$transaction(async (tx) => {
    const { investigation, event } = await lockInvestigationEvent(tx, { principal, investigationId, seq });
    const key = { investigationId_seq_tag: { investigationId: investigation.id, seq: BigInt(seq), tag } };
    const existing = await tx.investigationTag.findUnique({ where: key, select: { addedById: true, addedAt: true, ledgerSeq: true } });
    if (!existing) return { changed: false, tag };
    await recordInvestigationChange(tx, {
      principal,
      investigation,
      action: "event_untag",
      details: {
        seq,
        eventId: event.eventId,
        tag,
        taggedBy: existing.addedById,
        taggedAt: existing.addedAt.toISOString(),
        taggedInLedgerSeq: existing.ledgerSeq.toString(),
      },
    });
    await tx.investigationTag.delete({ where: key });
    return { changed: true, tag };
  });
}
