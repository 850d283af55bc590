import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import { totpKeyMaterial } from "@/lib/env";

// TOTP secrets are sealed with AES-256-GCM before they reach the database. The key derives from
// CUSTODY_TOTP_KEY, or NEXTAUTH_SECRET when that is not set: whoever reads the table alone
// learns nothing. Changing the key means everyone enrols again (README, "Access reviews").

function key(): Buffer {
  const material = totpKeyMaterial();
  return createHash("sha256").update(`custody-totp-v1:${material}`).digest();
}

export function sealTotpSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `v1.${iv.toString("base64url")}.${sealed.toString("base64url")}.${cipher.getAuthTag().toString("base64url")}`;
}

export function openTotpSecret(sealed: string): string {
  const [version, iv, data, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !data || !tag)
    throw new AppError("CONFLICT", "Your authenticator record is unreadable; set up your authenticator again in Settings.");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new AppError(
      "CONFLICT",
      "Your authenticator record cannot be opened (the server's key changed); set up your authenticator again in Settings.",
    );
  }
}
