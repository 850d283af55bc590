import "server-only";
import { ZTagInput } from "./annotation-input";
import { changeInvestigationEvent } from "./change-investigation-event";
import type { TInvestigationChange } from "./find-investigation";
import { recordInvestigationChange } from "./record-investigation-change";

/** Tags an event (free text, normalised to a short lower-case word). A tag it has already is left as it is. */
export async function addEventTag(options: TInvestigationChange): Promise<{ changed: boolean; tag: string }> {
  return changeInvestigationEvent(
    options,
    { schema: ZTagInput, notDone: "The tag was not added" },
    async (tx, { principal, input: { seq, tag }, investigation, event }) => {
      const existing = await tx.investigationTag.findUnique({
        where: { investigationId_seq_tag: { investigationId: investigation.id, seq: BigInt(seq), tag } },
        select: { tag: true },
      });
      if (existing) return { changed: false, tag };
      const ledgerSeq = await recordInvestigationChange(tx, {
        principal,
        investigation,
        action: "event_tag",
        details: { seq, eventId: event.eventId, tag },
      });
      await tx.investigationTag.create({
        data: { investigationId: investigation.id, seq: BigInt(seq), tag, addedById: principal.userId, ledgerSeq },
      });
      return { changed: true, tag };
    },
  );
}
