import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db, type DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { destinationSelect, type TDestinationRow } from "./destination-row";

/** One destination of the principal's organisation (a stranger's id is "not found"). */
export async function getDestination({
  principal,
  destinationId,
}: {
  principal: TPrincipal;
  destinationId: string;
}): Promise<TDestinationRow> {
  assertCapability(principal, "alerts.forwarding.manage");
  return findDestination(db(), principal.orgId, destinationId);
}

export async function findDestination(client: Pick<DbTransaction, "forwardDestination">, orgId: string, destinationId: string) {
  const destination = await client.forwardDestination.findFirst({ where: { id: destinationId, orgId }, select: destinationSelect });
  if (!destination) throw new AppError("NOT_FOUND", "No such forwarding destination in your organisation.");
  return destination;
}
