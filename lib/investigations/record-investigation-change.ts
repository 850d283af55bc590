import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import type { DbTransaction } from "@/lib/db";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import type { TInvestigationKey } from "./find-investigation";
import { investigationLabel } from "./investigation-vocabulary";

export type TInvestigationAction =
  | "create"
  | "update"
  | "status_change"
  | "events_add"
  | "event_remove"
  | "event_star"
  | "event_unstar"
  | "event_tag"
  | "event_untag"
  | "event_comment"
  | "narrative_save"
  | "view_save"
  | "view_delete"
  | "export";

/**
 * Appends one change to an investigation to the ledger, in the caller's transaction, with its
 * author; and moves the case's updatedAt. Returns the ledger seq, which the changed row keeps.
 * The entry names no artifact as its target, so a case's own activity does not crowd the
 * timelines of the artifacts it is about.
 */
export async function recordInvestigationChange(
  tx: DbTransaction,
  {
    principal,
    investigation,
    action,
    details,
  }: {
    principal: TPrincipal;
    investigation: Pick<TInvestigationKey, "id" | "orgId" | "number">;
    action: TInvestigationAction;
    details: Record<string, unknown>;
  },
): Promise<bigint> {
  const { seq } = await recordInternalEvent(tx, {
    orgId: investigation.orgId,
    action: `investigation.${action}`,
    actor: { id: principal.userId, type: "user", display: principal.name },
    details: { investigationId: investigation.id, investigation: investigationLabel(investigation.number), ...details },
  });
  await tx.investigation.update({ where: { id: investigation.id }, data: { updatedAt: new Date() } });
  return seq;
}
