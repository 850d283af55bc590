import "server-only";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";

/**
 * "Retry now": a dead-lettered (or waiting) delivery becomes due at once for one more attempt,
 * same body and webhook-id. If that attempt fails too, it returns to the dead letters.
 */
export async function retryDelivery({ principal, deliveryId }: { principal: TPrincipal; deliveryId: bigint }) {
  assertCapability(principal, "alerts.forwarding.manage");
  return db().$transaction(async (tx) => {
    const delivery = await tx.forwardDelivery.findFirst({
      where: { id: deliveryId, orgId: principal.orgId },
      select: { id: true, status: true, destinationId: true, messageId: true, destination: { select: { name: true } } },
    });
    if (!delivery) throw new AppError("NOT_FOUND", "No such delivery in your organisation.");
    if (delivery.status === "delivered") throw new AppError("CONFLICT", "This delivery already succeeded; there is nothing to retry.");
    if (delivery.status === "delivering") throw new AppError("CONFLICT", "This delivery is being attempted right now.");
    const updated = await tx.forwardDelivery.updateMany({
      where: { id: delivery.id, status: delivery.status },
      data: { status: "pending", nextAttemptAt: new Date() },
    });
    if (updated.count === 0) throw new AppError("CONFLICT", "The delivery changed meanwhile; reload and try again.");
    await recordInternalEvent(tx, {
      action: "forwarding.delivery.retry",
      ...recordedBy(principal),
      details: {
        deliveryId: delivery.id.toString(),
        destinationId: delivery.destinationId,
        name: delivery.destination.name,
        messageId: delivery.messageId,
      },
    });
    return { deliveryId: delivery.id, destinationName: delivery.destination.name };
  });
}
