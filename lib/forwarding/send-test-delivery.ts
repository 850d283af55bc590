import "server-only";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { findDestination } from "./get-destination";
import { newMessageId } from "./message-id";
import { testFinding } from "./ocsf";

/**
 * Queues a test finding for a destination, due at once: the forwarder sends it within a second or
 * two, through the same path as real alerts (signature, framing, timeout, retries), and the
 * delivery log shows the outcome.
 */
export async function sendTestDelivery({ principal, destinationId }: { principal: TPrincipal; destinationId: string }) {
  assertCapability(principal, "alerts.forwarding.manage");
  return db().$transaction(async (tx) => {
    const destination = await findDestination(tx, principal.orgId, destinationId);
    if (!destination.enabled) throw new AppError("CONFLICT", `${destination.name} is disabled: enable it to send a test.`);
    const messageId = newMessageId();
    const delivery = await tx.forwardDelivery.create({
      data: {
        orgId: principal.orgId,
        destinationId,
        kind: "test",
        sourceKey: `test:${messageId}`,
        messageId,
        body: JSON.stringify(testFinding({ messageId, at: new Date(), destinationName: destination.name })),
        requestedById: principal.userId,
      },
      select: { id: true, messageId: true },
    });
    await recordInternalEvent(tx, {
      action: "forwarding.destination.test",
      ...recordedBy(principal),
      details: { destinationId, name: destination.name, messageId },
    });
    return { deliveryId: delivery.id, messageId: delivery.messageId, destinationName: destination.name };
  });
}
