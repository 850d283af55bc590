import "server-only";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { destinationLedgerDetails, destinationSelect, type TDestinationRow } from "./destination-row";
import { findDestination } from "./get-destination";
import { nextLedgerSeq } from "./ledger-head";

/**
 * Disables or enables a destination. Disabled, nothing new is queued for it and queued deliveries
 * wait; enabled again, it forwards from that moment (what happened meanwhile is not replayed).
 */
export async function setDestinationEnabled({
  principal,
  destinationId,
  enabled,
}: {
  principal: TPrincipal;
  destinationId: string;
  enabled: boolean;
}): Promise<TDestinationRow> {
  assertCapability(principal, "alerts.forwarding.manage");
  return db().$transaction(async (tx) => {
    const before = await findDestination(tx, principal.orgId, destinationId);
    if (before.enabled === enabled) return before;
    const now = new Date();
    const after = await tx.forwardDestination.update({
      where: { id: destinationId },
      data: { enabled, disabledAt: enabled ? null : now, updatedAt: now },
      select: destinationSelect,
    });
    if (enabled) {
      const nextSeq = await nextLedgerSeq(tx, principal.orgId);
      await tx.forwardCursor.update({ where: { destinationId }, data: { alertsSince: now, alertsFrom: now, nextSeq, updatedAt: now } });
    }
    await recordInternalEvent(tx, {
      action: enabled ? "forwarding.destination.enable" : "forwarding.destination.disable",
      ...recordedBy(principal),
      details: destinationLedgerDetails(after),
    });
    return after;
  });
}
