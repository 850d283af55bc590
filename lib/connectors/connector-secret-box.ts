import "server-only";
import { secretBox } from "@/lib/crypto/sealed-secret";
import { AppError } from "@/lib/errors/app-error";
import { connectorKeyMaterial } from "@/lib/env";

// A connector's secret must be read back to check HMACs, so it is sealed (lib/crypto/sealed-secret,
// label custody-connector-v1) rather than hashed. The key derives from CUSTODY_CONNECTOR_KEY, or
// NEXTAUTH_SECRET when that is unset; the CLI passes the launcher's copy of that material explicitly.

const box = (material: string) => secretBox("custody-connector-v1", material);

export function sealConnectorSecret(secret: string, material = connectorKeyMaterial()): string {
  return box(material).seal(secret);
}

export function openConnectorSecret(sealed: string, material = connectorKeyMaterial()): string {
  const secret = box(material).open(sealed);
  if (secret === null)
    throw new AppError(
      "CONFLICT",
      "This connector's secret cannot be opened (the server's CUSTODY_CONNECTOR_KEY or NEXTAUTH_SECRET changed); rotate its secret and update the sender.",
    );
  return secret;
}
