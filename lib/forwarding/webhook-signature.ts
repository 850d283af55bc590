import { createHmac, randomBytes } from "node:crypto";

// Standard Webhooks (https://www.standardwebhooks.com/): the secret is `whsec_` + base64 of 24
// to 64 random bytes; the signature is `v1,` + base64 HMAC-SHA256 of "<id>.<timestamp>.<body>".

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
}

/** The three headers of one attempt (the timestamp is the attempt's, in seconds). */
export function signWebhook({
  secret,
  messageId,
  timestamp,
  body,
}: {
  secret: string;
  messageId: string;
  timestamp: number;
  body: string;
}) {
  const signature = createHmac("sha256", secretKey(secret)).update(`${messageId}.${timestamp}.${body}`).digest("base64");
  return { "webhook-id": messageId, "webhook-timestamp": String(timestamp), "webhook-signature": `v1,${signature}` };
}
