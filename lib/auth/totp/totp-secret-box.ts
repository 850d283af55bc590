import "server-only";
import { secretBox } from "@/lib/crypto/sealed-secret";
import { AppError } from "@/lib/errors/app-error";
import { totpKeyMaterial } from "@/lib/env";

// TOTP secrets are sealed (lib/crypto/sealed-secret) under CUSTODY_TOTP_KEY, or NEXTAUTH_SECRET
// when that is not set. Changing the key means everyone enrols again (README, "Access reviews").

const box = () => secretBox("custody-totp-v1", totpKeyMaterial());

export function sealTotpSecret(secret: string): string {
  return box().seal(secret);
}

export function openTotpSecret(sealed: string): string {
  const [version, iv, data, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !data || !tag)
    throw new AppError("CONFLICT", "Your authenticator record is unreadable; set up your authenticator again in Settings.");
  const secret = box().open(sealed);
  if (secret === null)
    throw new AppError(
      "CONFLICT",
      "Your authenticator record cannot be opened (the server's key changed); set up your authenticator again in Settings.",
    );
  return secret;
}
