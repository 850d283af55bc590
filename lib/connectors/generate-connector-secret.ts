import "server-only";
import { randomBytes } from "node:crypto";
import type { TConnectorKind } from "./connector-vocabulary";

/**
 * A new shared secret in the form the sender expects: Standard Webhooks' `whsec_<base64>` (24
 * random bytes); for the others ASCII text (the Hub sends it verbatim and takes ASCII only).
 */
export function generateConnectorSecret(kind: TConnectorKind): { secret: string; prefix: string } {
  const secret =
    kind === "standard_webhooks" ? `whsec_${randomBytes(24).toString("base64")}` : `cst_${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, kind === "standard_webhooks" ? 10 : 8) };
}
