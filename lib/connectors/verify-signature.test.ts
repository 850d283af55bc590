import { describe, expect, it } from "vitest";
import {
  signMlflowDelivery,
  signStandardWebhook,
  verifyMlflowSignature,
  verifySharedSecretHeader,
  verifyStandardWebhookSignature,
} from "./verify-signature";

// The worked example in test/fixtures/connectors/mlflow-model_version.created.headers.txt.
const workedBody =
  '{"entity": "model_version", "action": "created", "timestamp": "2025-07-31T08:27:32.080217+00:00", "data": {"name": "example_model", "version": "1", "source": "models:/123", "run_id": "abcd1234abcd5678", "tags": {"example_key": "example_value"}, "description": "An example model version"}}';
const workedId = "6f1c2a5e-8b3d-4e7a-9c1f-2d4b6a8e0c13";
const workedTimestamp = 1753950452;
const workedSignature = "v1,wT1qmu3Hd174WljjAWswHrsuIO2MLnJVg1JD9te/EH4=";
const at = (seconds: number) => new Date(seconds * 1000);
const bytes = (text: string) => new TextEncoder().encode(text);

const mlflowHeaders = (overrides: Record<string, string | null> = {}) => {
  const headers = new Headers({
    "x-mlflow-delivery-id": workedId,
    "x-mlflow-timestamp": String(workedTimestamp),
    "x-mlflow-signature": workedSignature,
  });
  for (const [name, value] of Object.entries(overrides)) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  return headers;
};

describe("MLflow signatures", () => {
  it("computes the fixture's worked example", () => {
    expect(signMlflowDelivery("your-secret-key", workedId, workedTimestamp, workedBody)).toBe(workedSignature);
  });

  it("accepts the worked example at its own time and up to 5 minutes later", () => {
    expect(verifyMlflowSignature(mlflowHeaders(), bytes(workedBody), "your-secret-key", at(workedTimestamp))).toMatchObject({
      ok: true,
      deliveryId: workedId,
    });
    expect(verifyMlflowSignature(mlflowHeaders(), bytes(workedBody), "your-secret-key", at(workedTimestamp + 300)).ok).toBe(true);
  });

  it("refuses a delivery older than 5 minutes, or too far ahead", () => {
    const old = verifyMlflowSignature(mlflowHeaders(), bytes(workedBody), "your-secret-key", at(workedTimestamp + 301));
    expect(old).toMatchObject({ ok: false, reason: expect.stringMatching(/older than 5 min/) });
    const ahead = verifyMlflowSignature(mlflowHeaders(), bytes(workedBody), "your-secret-key", at(workedTimestamp - 301));
    expect(ahead).toMatchObject({ ok: false, reason: expect.stringMatching(/ahead/) });
  });

  it("refuses a changed body, another secret, another delivery id, and missing or malformed headers", () => {
    const now = at(workedTimestamp);
    expect(verifyMlflowSignature(mlflowHeaders(), bytes(workedBody.replace('"1"', '"2"')), "your-secret-key", now).ok).toBe(false);
    expect(verifyMlflowSignature(mlflowHeaders(), bytes(workedBody), "another-secret", now).ok).toBe(false);
    expect(verifyMlflowSignature(mlflowHeaders({ "x-mlflow-delivery-id": "other" }), bytes(workedBody), "your-secret-key", now).ok).toBe(
      false,
    );
    expect(verifyMlflowSignature(mlflowHeaders({ "x-mlflow-signature": null }), bytes(workedBody), "your-secret-key", now)).toMatchObject({
      reason: expect.stringMatching(/missing/),
    });
    expect(verifyMlflowSignature(mlflowHeaders({ "x-mlflow-signature": "sha256=abc" }), bytes(workedBody), "your-secret-key", now).ok).toBe(
      false,
    );
    expect(verifyMlflowSignature(mlflowHeaders({ "x-mlflow-timestamp": "1e9" }), bytes(workedBody), "your-secret-key", now)).toMatchObject({
      reason: expect.stringMatching(/Unix time/),
    });
    expect(
      verifyMlflowSignature(mlflowHeaders({ "x-mlflow-timestamp": "99999999999999999999" }), bytes(workedBody), "your-secret-key", now).ok,
    ).toBe(false);
  });
});

describe("Standard Webhooks signatures", () => {
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const body = '{"hello":"world"}';
  const now = 1_700_000_000;
  const headers = (signature: string) =>
    new Headers({ "webhook-id": "msg_1", "webhook-timestamp": String(now), "webhook-signature": signature });

  it("accepts any one of several signatures (a sender rotating its secret)", () => {
    const good = signStandardWebhook(secret, "msg_1", now, body);
    expect(verifyStandardWebhookSignature(headers(good), bytes(body), secret, at(now))).toMatchObject({ ok: true, deliveryId: "msg_1" });
    expect(verifyStandardWebhookSignature(headers(`v1,bm90IGl0 ${good}`), bytes(body), secret, at(now)).ok).toBe(true);
    expect(verifyStandardWebhookSignature(headers("v1,bm90IGl0 v2,abc"), bytes(body), secret, at(now)).ok).toBe(false);
  });

  it("refuses an old timestamp and a signature for another id", () => {
    const good = signStandardWebhook(secret, "msg_1", now, body);
    expect(verifyStandardWebhookSignature(headers(good), bytes(body), secret, at(now + 600)).ok).toBe(false);
    expect(verifyStandardWebhookSignature(headers(signStandardWebhook(secret, "msg_2", now, body)), bytes(body), secret, at(now)).ok).toBe(
      false,
    );
  });
});

describe("shared secret headers (Hugging Face, JFrog)", () => {
  it("accepts the exact secret only", () => {
    expect(verifySharedSecretHeader(new Headers({ "x-webhook-secret": "s3cret" }), "x-webhook-secret", "s3cret").ok).toBe(true);
    expect(verifySharedSecretHeader(new Headers({ "x-webhook-secret": "S3CRET" }), "x-webhook-secret", "s3cret").ok).toBe(false);
    expect(verifySharedSecretHeader(new Headers({ "x-webhook-secret": "s3cret-longer" }), "x-webhook-secret", "s3cret").ok).toBe(false);
    expect(verifySharedSecretHeader(new Headers(), "x-jfrog-event-auth", "s3cret")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/missing/),
    });
  });
});
