import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { recordConnectorChange } from "./connector-ledger";
import { findConnectorForChange } from "./find-connector-for-change";

/** Disables a connector: its deliveries are refused (and logged) from now on. Its history stays. */
export async function disableConnector({ principal, connectorId }: { principal: TPrincipal; connectorId: string }) {
  assertCapability(principal, "connectors.manage");
  return db().$transaction(async (tx) => {
    const connector = await findConnectorForChange(tx, principal, connectorId);
    if (connector.disabledAt) throw new AppError("CONFLICT", `Connector "${connector.name}" is already disabled.`);
    await tx.connector.update({ where: { id: connector.id }, data: { disabledAt: new Date(), disabledById: principal.userId } });
    await recordConnectorChange(tx, principal, "connector.disable", connector);
    return connector;
  });
}
