import "server-only";
import { ZStarInput } from "./annotation-input";
import { changeInvestigationEvent } from "./change-investigation-event";
import type { TInvestigationChange } from "./find-investigation";
import { recordInvestigationChange } from "./record-investigation-change";

/**
 * Stars or unstars an event for the acting person (each person's star is their own, so "who
 * starred it, and when" has an answer). Asking for the state it is already in writes nothing.
 */
export async function setEventStar(options: TInvestigationChange): Promise<{ changed: boolean; starred: boolean }> {
  return changeInvestigationEvent(
    options,
    { schema: ZStarInput, notDone: "The star was not changed" },
    async (tx, { principal, input: { seq, starred }, investigation, event }) => {
      const key = { investigationId_seq_userId: { investigationId: investigation.id, seq: BigInt(seq), userId: principal.userId } };
      const existing = await tx.investigationStar.findUnique({ where: key, select: { starredAt: true } });
      if (Boolean(existing) === starred) return { changed: false, starred };
      const ledgerSeq = await recordInvestigationChange(tx, {
        principal,
        investigation,
        action: starred ? "event_star" : "event_unstar",
        details: { seq, eventId: event.eventId },
      });
      if (starred)
        await tx.investigationStar.create({
          data: { investigationId: investigation.id, seq: BigInt(seq), userId: principal.userId, ledgerSeq },
        });
      else await tx.investigationStar.delete({ where: key });
      return { changed: true, starred };
    },
  );
}
