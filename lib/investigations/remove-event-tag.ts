import "server-only";
import { ZTagInput } from "./annotation-input";
import { changeInvestigationEvent } from "./change-investigation-event";
import type { TInvestigationChange } from "./find-investigation";
import { recordInvestigationChange } from "./record-investigation-change";

/** Removes a tag from an event; the ledger keeps who added it, and now who removed it. */
export async function removeEventTag(options: TInvestigationChange): Promise<{ changed: boolean; tag: string }> {
  return changeInvestigationEvent(
    options,
    { schema: ZTagInput, notDone: "The tag was not removed" },
    async (tx, { principal, input: { seq, tag }, investigation, event }) => {
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
    },
  );
}
