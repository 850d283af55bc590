import "server-only";
import { recordedBy, type TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { destinationLedgerDetails, destinationSelect, type TDestinationRow } from "./destination-row";
import { findDestination } from "./get-destination";
import { destinationColumns, isUniqueViolation, nameConflict, parseDestinationInput } from "./save-destination";

const what = "The destination was not changed";

/** Changes a destination's endpoint and filters (not its kind), recorded with the settings before and after. */
export async function updateDestination({
  principal,
  destinationId,
  input,
}: {
  principal: TPrincipal;
  destinationId: string;
  input: unknown;
}): Promise<TDestinationRow> {
  assertCapability(principal, "alerts.forwarding.manage");
  const data = await parseDestinationInput({ principal, input, what, exceptId: destinationId });
  try {
    return await db().$transaction(async (tx) => {
      const before = await findDestination(tx, principal.orgId, destinationId);
      if (before.kind !== data.kind)
        throw new AppError("INVALID_INPUT", `${what}: a destination keeps its kind; add a new ${data.kind} destination instead.`, {
          fieldErrors: [{ field: "kind", message: `This destination is a ${before.kind}.` }],
        });
      const after = await tx.forwardDestination.update({
        where: { id: destinationId },
        data: { ...destinationColumns(data), updatedAt: new Date() },
        select: destinationSelect,
      });
      await recordInternalEvent(tx, {
        action: "forwarding.destination.update",
        ...recordedBy(principal),
        details: { ...destinationLedgerDetails(after), before: destinationLedgerDetails(before) },
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameConflict(data.name, what);
    throw error;
  }
}
