import "server-only";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { destinationSelect, type TDestinationRow } from "./destination-row";
import { configuredForwardingSecretBox } from "./forwarding-secret";
import { findDestination } from "./get-destination";
import { generateWebhookSecret } from "./webhook-signature";

/** Replaces a webhook's signing secret: the new one signs every attempt from now on and is returned once. */
export async function rotateDestinationSecret({
  principal,
  destinationId,
}: {
  principal: TPrincipal;
  destinationId: string;
}): Promise<{ destination: TDestinationRow; secret: string }> {
  assertCapability(principal, "alerts.forwarding.manage");
  const secret = generateWebhookSecret();
  const destination = await db().$transaction(async (tx) => {
    const before = await findDestination(tx, principal.orgId, destinationId);
    if (before.kind !== "webhook")
      throw new AppError("CONFLICT", "Only webhook destinations have a signing secret; syslog has none to rotate.");
    const now = new Date();
    const after = await tx.forwardDestination.update({
      where: { id: destinationId },
      data: { secretSealed: configuredForwardingSecretBox().seal(secret), secretRotatedAt: now, updatedAt: now },
      select: destinationSelect,
    });
    await recordInternalEvent(tx, {
      action: "forwarding.destination.rotate_secret",
      ...recordedBy(principal),
      details: { destinationId, name: after.name, previousRotatedAt: before.secretRotatedAt?.toISOString() ?? null },
    });
    return after;
  });
  return { destination, secret };
}
