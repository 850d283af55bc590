import { createHash, createHmac, timingSafeEqual } from "node:crypto";

// Each sender's way of proving a delivery came from it. Pure functions of the headers, the raw
// body and the secret: no database, so every refusal reason is testable byte for byte.

export type TSignatureCheck = { ok: true; deliveryId: string | null; timestamp: number | null } | { ok: false; reason: string };

/** How far a signed timestamp may be from the server's clock, either way (MLflow's docs: 5 minutes). */
export const signatureToleranceSeconds = 300;

type THeaders = Pick<Headers, "get">;

/** Equal-length comparison that takes the same time wherever the bytes differ (and whatever their lengths). */
export function constantTimeEqual(a: Buffer | string, b: Buffer | string): boolean {
  const left = createHash("sha256").update(a).digest();
  const right = createHash("sha256").update(b).digest();
  return timingSafeEqual(left, right);
}

function checkTimestamp(text: string | null, header: string, now: Date): { ok: true; seconds: number } | { ok: false; reason: string } {
  if (!text) return { ok: false, reason: `the ${header} header is missing` };
  if (!/^\d{1,12}$/.test(text.trim())) return { ok: false, reason: `the ${header} header is not a Unix time in seconds` };
  const seconds = Number(text.trim());
  const skew = seconds - Math.floor(now.getTime() / 1000);
  if (skew < -signatureToleranceSeconds)
    return {
      ok: false,
      reason: `the ${header} is ${Math.round(-skew / 60)} min old; deliveries older than 5 min are refused (a replay, or a clock off)`,
    };
  if (skew > signatureToleranceSeconds)
    return { ok: false, reason: `the ${header} is ${Math.round(skew / 60)} min ahead of the server's clock; check the sender's clock` };
  return { ok: true, seconds };
}

/** Signatures `v1,<base64>` separated by spaces; any one matching is enough (a sender rotating secrets sends two). */
function anySignatureMatches(header: string, expected: Buffer): boolean {
  let matched = false;
  for (const part of header.trim().split(/\s+/).slice(0, 10)) {
    const [version, value] = part.split(",", 2);
    if (version !== "v1" || !value) continue;
    // Every candidate is compared (no early exit), so timing tells nothing about which matched.
    if (constantTimeEqual(Buffer.from(value, "base64"), expected) && value.length > 0) matched = true;
  }
  return matched;
}

/** MLflow: `X-MLflow-Signature: v1,<base64 HMAC-SHA256(secret, "<delivery id>.<timestamp>.<body>")>`. */
export function verifyMlflowSignature(headers: THeaders, body: Uint8Array, secret: string, now = new Date()): TSignatureCheck {
  const deliveryId = headers.get("x-mlflow-delivery-id")?.trim();
  const signature = headers.get("x-mlflow-signature");
  if (!signature) return { ok: false, reason: "the X-MLflow-Signature header is missing (set a secret on the MLflow webhook)" };
  if (!deliveryId) return { ok: false, reason: "the X-MLflow-Delivery-Id header is missing" };
  const timestamp = headers.get("x-mlflow-timestamp");
  const time = checkTimestamp(timestamp, "X-MLflow-Timestamp", now);
  if (!time.ok) return time;
  const expected = createHmac("sha256", Buffer.from(secret, "utf8")).update(`${deliveryId}.${timestamp!.trim()}.`).update(body).digest();
  if (!anySignatureMatches(signature, expected))
    return { ok: false, reason: "the X-MLflow-Signature does not match this connector's secret" };
  return { ok: true, deliveryId, timestamp: time.seconds };
}

/** Standard Webhooks: `webhook-signature: v1,<base64 HMAC-SHA256(base64-decoded whsec_ key, "<id>.<timestamp>.<body>")>`. */
export function verifyStandardWebhookSignature(headers: THeaders, body: Uint8Array, secret: string, now = new Date()): TSignatureCheck {
  const id = headers.get("webhook-id")?.trim();
  const signature = headers.get("webhook-signature");
  if (!signature) return { ok: false, reason: "the webhook-signature header is missing" };
  if (!id) return { ok: false, reason: "the webhook-id header is missing" };
  const timestamp = headers.get("webhook-timestamp");
  const time = checkTimestamp(timestamp, "webhook-timestamp", now);
  if (!time.ok) return time;
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp!.trim()}.`).update(body).digest();
  if (!anySignatureMatches(signature, expected)) return { ok: false, reason: "no webhook-signature matches this connector's secret" };
  return { ok: true, deliveryId: id, timestamp: time.seconds };
}

/** Hugging Face (`X-Webhook-Secret`) and JFrog (`X-JFrog-Event-Auth`) send the secret itself. */
export function verifySharedSecretHeader(headers: THeaders, header: string, secret: string): TSignatureCheck {
  const sent = headers.get(header);
  if (sent === null || sent === "") return { ok: false, reason: `the ${header} header is missing (set the secret on the webhook)` };
  if (!constantTimeEqual(sent.trim(), secret)) return { ok: false, reason: `the ${header} header does not match this connector's secret` };
  return { ok: true, deliveryId: null, timestamp: null };
}

/** The HMAC signature a sender would put on `body`: for tests and the README's curl example. */
export function signMlflowDelivery(secret: string, deliveryId: string, timestamp: number, body: string | Uint8Array): string {
  return `v1,${createHmac("sha256", Buffer.from(secret, "utf8")).update(`${deliveryId}.${timestamp}.`).update(body).digest("base64")}`;
}

export function signStandardWebhook(secret: string, id: string, timestamp: number, body: string | Uint8Array): string {
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest("base64")}`;
}
