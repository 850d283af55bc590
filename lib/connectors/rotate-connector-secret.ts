import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { sealConnectorSecret } from "./connector-secret-box";
import { recordConnectorChange } from "./connector-ledger";
import { findConnectorForChange } from "./find-connector-for-change";
import { generateConnectorSecret } from "./generate-connector-secret";

/** Replaces a connector's secret (the old one stops working at once); the new one is returned once. */
export async function rotateConnectorSecret({ principal, connectorId }: { principal: TPrincipal; connectorId: string }) {
  assertCapability(principal, "connectors.manage");
  return db().$transaction(async (tx) => {
    const connector = await findConnectorForChange(tx, principal, connectorId);
    if (connector.disabledAt) throw new AppError("CONFLICT", `Connector "${connector.name}" is disabled; its secret cannot be rotated.`);
    const { secret, prefix } = generateConnectorSecret(connector.kind);
    const updated = await tx.connector.update({
      where: { id: connector.id },
      data: { sealedSecret: sealConnectorSecret(secret), secretPrefix: prefix, secretRotatedAt: new Date() },
      select: { id: true, kind: true, name: true, secretPrefix: true },
    });
    await recordConnectorChange(tx, principal, "connector.rotate_secret", updated, { replacedPrefix: connector.secretPrefix });
    return { ...updated, secret };
  });
}
