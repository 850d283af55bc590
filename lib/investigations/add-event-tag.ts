import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { ZTagInput } from "./annotation-input";
import { lockInvestigationEvent } from "./lock-investigation-event";
import { parseInput } from "@/lib/input/parse-input";
import { recordInvestigationChange } from "./record-investigation-change";

/** Tags an event (free text, normalised to a short lower-case word). A tag it has already is left as it is. */
export async function addEventTag({
  principal,
  investigationId,
  input,
}: {
  principal: TPrincipal;
  investigationId: string;
  input: unknown;
}): Promise<{ changed: boolean; tag: string }> {
  const { seq, tag } = parseInput(ZTagInput, input, "The tag was not added");
  return db().$transaction(async (tx) => {
    const { investigation, event } = await lockInvestigationEvent(tx, { principal, investigationId, seq });
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
  });
}
