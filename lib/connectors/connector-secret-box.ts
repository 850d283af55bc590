import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import { connectorKeyMaterial } from "@/lib/env";

// A connector's secret must be read back to check HMACs, so it is sealed (AES-256-GCM) rather
// than hashed. The key derives from CUSTODY_CONNECTOR_KEY, or NEXTAUTH_SECRET when that is unset;
// the CLI passes the launcher's copy of that material explicitly.

function key(material: string): Buffer {
  return createHash("sha256").update(`custody-connector-v1:${material}`).digest();
}

export function sealConnectorSecret(secret: string, material = connectorKeyMaterial()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(material), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `v1.${iv.toString("base64url")}.${sealed.toString("base64url")}.${cipher.getAuthTag().toString("base64url")}`;
}

export function openConnectorSecret(sealed: string, material = connectorKeyMaterial()): string {
  const [version, iv, data, tag] = sealed.split(".");
  const unreadable = new AppError(
    "CONFLICT",
    "This connector's secret cannot be opened (the server's CUSTODY_CONNECTOR_KEY or NEXTAUTH_SECRET changed); rotate its secret and update the sender.",
  );
  if (version !== "v1" || !iv || !data || !tag) throw unreadable;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(material), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw unreadable;
  }
}
