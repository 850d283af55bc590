import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Secrets Custody must use again (TOTP seeds, webhook signing secrets, connector secrets) are sealed with AES-256-GCM
// before they reach the database, under a key derived from the server's key material and a label
// per purpose: whoever reads the table alone learns nothing, and one purpose's box opens no other's.

export type TSecretBox = { seal: (secret: string) => string; open: (sealed: string) => string | null };

/** A box for one purpose (`label`, e.g. "custody-totp-v1") under `material` (at least 32 characters of random text). */
export function secretBox(label: string, material: string): TSecretBox {
  const key = () => createHash("sha256").update(`${label}:${material}`).digest();
  return {
    seal(secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key(), iv);
      const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
      return `v1.${iv.toString("base64url")}.${sealed.toString("base64url")}.${cipher.getAuthTag().toString("base64url")}`;
    },
    /** The secret, or null when the record is malformed or the key changed. */
    open(sealed) {
      const [version, iv, data, tag] = sealed.split(".");
      if (version !== "v1" || !iv || !data || !tag) return null;
      try {
        const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
      } catch {
        return null;
      }
    },
  };
}
