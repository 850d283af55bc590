import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import type { DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { lockInvestigationForEdit, type TInvestigationKey } from "./find-investigation";
import { investigationLabel } from "./investigation-vocabulary";

/**
 * For annotating one event: the investigation, locked for edit, and the event, which must be in
 * it. The ledger entries of annotations name the event by seq and by eventId.
 */
export async function lockInvestigationEvent(
  tx: DbTransaction,
  { principal, investigationId, seq }: { principal: TPrincipal; investigationId: string; seq: string },
): Promise<{ investigation: TInvestigationKey; event: { seq: string; eventId: string } }> {
  const investigation = await lockInvestigationForEdit(tx, { principal, investigationId });
  const row = await tx.investigationEvent.findUnique({
    where: { investigationId_seq: { investigationId: investigation.id, seq: BigInt(seq) } },
    select: { entry: { select: { eventId: true } } },
  });
  if (!row)
    throw new AppError(
      "NOT_FOUND",
      `Event ${seq} is not in ${investigationLabel(investigation.number)}. Add it to the investigation first.`,
    );
  return { investigation, event: { seq, eventId: row.entry.eventId } };
}
