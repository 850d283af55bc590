import "server-only";
import { secretBox, type TSecretBox } from "@/lib/crypto/sealed-secret";
import { totpKeyMaterial } from "@/lib/env";

// Webhook signing secrets must be kept to sign, so they are sealed at rest under the server's key
// material (CUSTODY_TOTP_KEY, else NEXTAUTH_SECRET): the web server seals, the launcher's
// forwarder opens with the same material, and no browser ever receives one after it is shown.

const label = "custody-forwarding-v1";

/** The box under explicit key material (the launcher's job process). */
export const forwardingSecretBox = (material: string): TSecretBox => secretBox(label, material);

/** The box under this process's configured key material (the web server). */
export const configuredForwardingSecretBox = (): TSecretBox => secretBox(label, totpKeyMaterial());
