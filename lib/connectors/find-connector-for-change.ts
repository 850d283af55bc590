import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import type { DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/**
 * The connector of `principal`'s organisation that a change (disable, rotate, new rules) is about,
 * with what the change and its ledger entry need (never the secret: its prefix); NOT_FOUND for any other.
 */
export async function findConnectorForChange(tx: DbTransaction, principal: TPrincipal, connectorId: string) {
  const connector = await tx.connector.findFirst({
    where: { id: connectorId, orgId: principal.orgId },
    select: { id: true, kind: true, name: true, secretPrefix: true, disabledAt: true },
  });
  if (!connector) throw new AppError("NOT_FOUND", "There is no such connector in your organisation.");
  return connector;
}
