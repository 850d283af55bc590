import "server-only";
import type { DbTransaction } from "@/lib/db";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";

export type TReviewActor = { id: string; name: string; type: "user" | "system" };

/** The scheduler's identity in the ledger: recurrences, expiries and reminders. */
export const reviewSchedulerActor: TReviewActor = { id: "custody-reviews", name: "Access review scheduler", type: "system" };

/** Dates to ISO strings, undefined members dropped: the ledger's canonical JSON has no undefined. */
export function toLedgerJson(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value ?? {})) as Record<string, unknown>;
}

/**
 * Appends an access-review event to the ledger and copies it (with its seq) into the campaign's
 * history, in the caller's transaction: the change, its ledger entry and its history row commit
 * together or not at all.
 */
export async function recordReviewEvent(
  tx: DbTransaction,
  event: {
    orgId: string;
    campaignId: string;
    itemId?: string | null;
    action: string;
    actor: TReviewActor;
    at: Date;
    target?: { artifactId?: string; environment?: string };
    details: Record<string, unknown>;
  },
): Promise<bigint> {
  const details = toLedgerJson({ campaignId: event.campaignId, ...(event.itemId ? { itemId: event.itemId } : {}), ...event.details });
  const { seq } = await recordInternalEvent(tx, {
    orgId: event.orgId,
    action: event.action,
    actor: { id: event.actor.id, type: event.actor.type, display: event.actor.name },
    ...(event.target && Object.keys(event.target).length > 0 ? { target: event.target } : {}),
    outcome: { status: "success" },
    details,
  });
  await tx.reviewEvent.create({
    data: {
      orgId: event.orgId,
      campaignId: event.campaignId,
      itemId: event.itemId ?? null,
      action: event.action,
      actorId: event.actor.id,
      actorName: event.actor.name,
      at: event.at,
      ledgerSeq: seq,
      details: details as object,
    },
  });
  return seq;
}
