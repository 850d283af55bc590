import "server-only";
import type { DbTransaction } from "@/lib/db";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import type { TAlertActor } from "./alert-actor";
import { alertLabel } from "./alert-vocabulary";

export type TAlertChange = "acknowledge" | "assign" | "close" | "reopen" | "escalate" | "suppress";

/**
 * One step of an alert's lifecycle: the ledger entry (`alert.<change>`, with its author) and the
 * alert's history row, in the caller's transaction, after the alert itself was updated there. If
 * either write fails, the update rolls back with it.
 */
export async function recordAlertChange(
  tx: DbTransaction,
  {
    actor,
    alert,
    change,
    details,
  }: {
    actor: TAlertActor;
    alert: { id: string; orgId: string; number: number; artifactId: string | null; detector: string };
    change: TAlertChange;
    details: Record<string, unknown>;
  },
): Promise<bigint> {
  const { seq } = await recordInternalEvent(tx, {
    orgId: alert.orgId,
    action: `alert.${change}`,
    actor: { id: actor.id, type: actor.type, display: actor.display },
    details: { alertId: alert.id, alert: alertLabel(alert.number), detector: alert.detector, artifactId: alert.artifactId, ...details },
  });
  await tx.alertHistory.create({
    data: {
      orgId: alert.orgId,
      alertId: alert.id,
      kind:
        change === "acknowledge"
          ? "acknowledged"
          : change === "close"
            ? "closed"
            : change === "reopen"
              ? "reopened"
              : change === "assign"
                ? "assigned"
                : change === "escalate"
                  ? "escalated"
                  : "suppressed",
      authorId: actor.id,
      authorName: actor.display,
      detail: details as object,
      ledgerSeq: seq,
    },
  });
  return seq;
}
