import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { ZRemoveEventInput } from "./annotation-input";
import { lockInvestigationEvent } from "./lock-investigation-event";
import { parseInput } from "@/lib/input/parse-input";
import { recordInvestigationChange } from "./record-investigation-change";

/**
 * Takes an event out of an investigation (added by mistake), with its stars, tags and comments.
 * The ledger entry says how many of each went with it; the ledger still holds each of them.
 */
export async function removeInvestigationEvent({
  principal,
  investigationId,
  input,
}: {
  principal: TPrincipal;
  investigationId: string;
  input: unknown;
}): Promise<{ removed: { stars: number; tags: number; comments: number } }> {
  const { seq } = parseInput(ZRemoveEventInput, input, "The event was not removed");
  return db().$transaction(async (tx) => {
    const { investigation, event } = await lockInvestigationEvent(tx, { principal, investigationId, seq });
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
  });
}
