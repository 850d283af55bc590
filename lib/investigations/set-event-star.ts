import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { ZStarInput } from "./annotation-input";
import { lockInvestigationEvent } from "./lock-investigation-event";
import { parseInput } from "@/lib/input/parse-input";
import { recordInvestigationChange } from "./record-investigation-change";

/**
 * Stars or unstars an event for the acting person (each person's star is their own, so "who
 * starred it, and when" has an answer). Asking for the state it is already in writes nothing.
 */
export async function setEventStar({
  principal,
  investigationId,
  input,
}: {
  principal: TPrincipal;
  investigationId: string;
  input: unknown;
}): Promise<{ changed: boolean; starred: boolean }> {
  const { seq, starred } = parseInput(ZStarInput, input, "The star was not changed");
  return db().$transaction(async (tx) => {
    const { investigation, event } = await lockInvestigationEvent(tx, { principal, investigationId, seq });
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
  });
}
