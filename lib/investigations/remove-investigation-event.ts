import "server-only";
import { ZRemoveEventInput } from "./annotation-input";
import { changeInvestigationEvent } from "./change-investigation-event";
import type { TInvestigationChange } from "./find-investigation";
import { recordInvestigationChange } from "./record-investigation-change";

/**
 * Takes an event out of an investigation (added by mistake), with its stars, tags and comments.
 * The ledger entry says how many of each went with it; the ledger still holds each of them.
 */
export async function removeInvestigationEvent(
  options: TInvestigationChange,
): Promise<{ removed: { stars: number; tags: number; comments: number } }> {
  return changeInvestigationEvent(
    options,
    { schema: ZRemoveEventInput, notDone: "The event was not removed" },
    async (tx, { principal, input: { seq }, investigation, event }) => {
      const where = { investigationId: investigation.id, seq: BigInt(seq) };
      const removed = {
        stars: await tx.investigationStar.count({ where }),
        tags: await tx.investigationTag.count({ where }),
        comments: await tx.investigationComment.count({ where }),
      };
      await recordInvestigationChange(tx, {
        principal,
        investigation,
        action: "event_remove",
        details: { seq, eventId: event.eventId, removed },
      });
      await tx.investigationEvent.delete({ where: { investigationId_seq: where } });
      return { removed };
    },
  );
}
