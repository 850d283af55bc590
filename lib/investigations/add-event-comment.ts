import "server-only";
import { randomUUID } from "node:crypto";
import { ZCommentInput } from "./annotation-input";
import { changeInvestigationEvent } from "./change-investigation-event";
import type { TInvestigationChange } from "./find-investigation";
import { recordInvestigationChange } from "./record-investigation-change";

/**
 * Comments on an event. The comment's text goes into the ledger entry too, so what was said, by
 * whom and when cannot be changed afterwards without the ledger showing it.
 */
export async function addEventComment(options: TInvestigationChange): Promise<{ id: string; ledgerSeq: string }> {
  return changeInvestigationEvent(
    options,
    { schema: ZCommentInput, notDone: "The comment was not added" },
    async (tx, { principal, input: { seq, body }, investigation, event }) => {
      const id = randomUUID();
      const ledgerSeq = await recordInvestigationChange(tx, {
        principal,
        investigation,
        action: "event_comment",
        details: { seq, eventId: event.eventId, commentId: id, body },
      });
      await tx.investigationComment.create({
        data: { id, investigationId: investigation.id, seq: BigInt(seq), authorId: principal.userId, body, ledgerSeq },
      });
      return { id, ledgerSeq: ledgerSeq.toString() };
    },
  );
}
