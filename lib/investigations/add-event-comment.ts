import "server-only";
import { randomUUID } from "node:crypto";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { ZCommentInput } from "./annotation-input";
import { lockInvestigationEvent } from "./lock-investigation-event";
import { parseInput } from "@/lib/input/parse-input";
import { recordInvestigationChange } from "./record-investigation-change";

/**
 * Comments on an event. The comment's text goes into the ledger entry too, so what was said, by
 * whom and when cannot be changed afterwards without the ledger showing it.
 */
export async function addEventComment({
  principal,
  investigationId,
  input,
}: {
  principal: TPrincipal;
  investigationId: string;
  input: unknown;
}): Promise<{ id: string; ledgerSeq: string }> {
  const { seq, body } = parseInput(ZCommentInput, input, "The comment was not added");
  return db().$transaction(async (tx) => {
    const { investigation, event } = await lockInvestigationEvent(tx, { principal, investigationId, seq });
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
  });
}
