import { randomUUID } from "node:crypto";
import type { TEvent } from "../lib/ingest/event-schema";

const actions = ["model.load", "object.get", "model_version.download", "model_version.deploy", "model_version.register"];

/** Realistic events (about 600 bytes of canonical JSON each), as a registry or storage sends them. */
export function benchEvent(n: number): TEvent {
  return {
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: new Date(Date.UTC(2026, 5, 1) + n * 1000).toISOString(),
    source: { system: n % 2 ? "aws-s3" : "kserve", component: "data-events", version: "1.4.2" },
    interface: n % 2 ? "storage" : "serving",
    action: actions[n % actions.length]!,
    actor: { id: `svc-${n % 37}`, type: "service", display: `pipeline ${n % 37}` },
    target: {
      artifactId: `art_model-${n % 300}`,
      version: String(n % 9),
      digest: (n % 65_536).toString(16).padStart(4, "0").repeat(16),
      uri: `s3://acme-models/model-${n % 300}/v${n % 9}/model.safetensors`,
      environment: ["dev", "staging", "prod"][n % 3]!,
    },
    outcome: { status: n % 97 === 0 ? "denied" : "success" },
    network: { sourceIp: `10.20.${n % 256}.${(n >> 8) % 256}`, userAgent: "aws-sdk-python/1.34.0" },
    requestId: randomUUID(),
    details: { bytesTransferred: 1_048_576 + (n % 4096), region: "eu-west-1" },
  };
}
