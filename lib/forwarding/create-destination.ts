import "server-only";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { destinationLedgerDetails, destinationSelect, type TDestinationRow } from "./destination-row";
import { configuredForwardingSecretBox } from "./forwarding-secret";
import { nextAlertHistoryId, nextLedgerSeq } from "./ledger-head";
import { destinationColumns, isUniqueViolation, nameConflict, parseDestinationInput } from "./save-destination";
import { generateWebhookSecret } from "./webhook-signature";

const what = "The destination was not created";

/**
 * Creates a destination, its cursor (forwarding starts with what happens from now on) and its
 * ledger entry, in one transaction. A webhook's signing secret is returned here once, never again.
 */
export async function createDestination({
  principal,
  input,
}: {
  principal: TPrincipal;
  input: unknown;
}): Promise<{ destination: TDestinationRow; secret: string | null }> {
  assertCapability(principal, "alerts.forwarding.manage");
  const data = await parseDestinationInput({ principal, input, what });
  const secret = data.kind === "webhook" ? generateWebhookSecret() : null;
  try {
    const destination = await db().$transaction(async (tx) => {
      const now = new Date();
      const created = await tx.forwardDestination.create({
        data: {
          orgId: principal.orgId,
          kind: data.kind,
          ...destinationColumns(data),
          secretSealed: secret ? configuredForwardingSecretBox().seal(secret) : null,
          secretRotatedAt: secret ? now : null,
          createdById: principal.userId,
          createdAt: now,
          updatedAt: now,
        },
        select: destinationSelect,
      });
      await tx.forwardCursor.create({
        data: {
          destinationId: created.id,
          alertsSince: now,
          alertsFrom: now,
          nextSeq: await nextLedgerSeq(tx, principal.orgId),
          historyFrom: await nextAlertHistoryId(tx),
        },
      });
      await recordInternalEvent(tx, {
        action: "forwarding.destination.create",
        ...recordedBy(principal),
        details: destinationLedgerDetails(created),
      });
      return created;
    });
    return { destination, secret };
  } catch (error) {
    if (isUniqueViolation(error)) throw nameConflict(data.name, what);
    throw error;
  }
}
