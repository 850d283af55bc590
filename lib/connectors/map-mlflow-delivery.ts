import { z } from "zod";
import { normalizeDigest } from "@/lib/ingest/normalize-digest";
import { UnmappablePayload, type TCatalogueChange, type TMappedDelivery, type TRegistryChange } from "./registry-change";

// MLflow OSS 3.x webhooks: {"entity", "action", "timestamp", "data"} (mlflow/webhooks/types.py).
// MLflow sends no actor and no digest; a version's digest is read from a tag when the team sets one.

const name = z.string().min(1).max(500);
const version = z.string().regex(/^\d{1,9}$/, "a version number");
const tags = z.record(z.string().max(250), z.string().max(5000)).optional();

const ZEnvelope = z.object({
  entity: z.string().max(100),
  action: z.string().max(100),
  timestamp: z.string().max(64),
  data: z.record(z.string(), z.unknown()),
});

const payloads = {
  "registered_model.created": z.object({ name, tags, description: z.string().max(5000).nullish() }),
  "model_version.created": z.object({
    name,
    version,
    source: z.string().max(2000).nullish(),
    run_id: z.string().max(200).nullish(),
    tags,
    description: z.string().max(5000).nullish(),
  }),
  "model_version_tag.set": z.object({ name, version, key: z.string().min(1).max(250), value: z.string().max(5000) }),
  "model_version_tag.deleted": z.object({ name, version, key: z.string().min(1).max(250) }),
  "model_version_alias.created": z.object({ name, alias: z.string().min(1).max(256), version }),
  "model_version_alias.deleted": z.object({ name, alias: z.string().min(1).max(256) }),
} as const;

/** Tags teams use for a version's content digest, in the order they are looked at. */
export const mlflowDigestTags = ["custody.digest", "sha256", "digest", "model_digest"];

function digestFromTags(tagMap: Record<string, string> | undefined): string | undefined {
  for (const key of mlflowDigestTags) {
    const value = tagMap?.[key];
    if (value === undefined) continue;
    const digest = normalizeDigest(value);
    if (!digest) throw new UnmappablePayload(`the version's "${key}" tag is not a SHA-256 digest (64 hex characters, optionally sha256:)`);
    return digest;
  }
  return undefined;
}

function occurredAt(timestamp: string): string {
  const time = Date.parse(timestamp);
  if (Number.isNaN(time)) throw new UnmappablePayload(`the timestamp "${timestamp.slice(0, 40)}" is not an ISO 8601 time`);
  return new Date(time).toISOString();
}

export function mapMlflowDelivery(payload: unknown, deliveryId: string): TMappedDelivery {
  const envelope = ZEnvelope.safeParse(payload);
  if (!envelope.success) throw new UnmappablePayload("not an MLflow webhook envelope ({entity, action, timestamp, data})");
  const eventType = `${envelope.data.entity}.${envelope.data.action}`;
  const schema = payloads[eventType as keyof typeof payloads];
  if (!schema)
    throw new UnmappablePayload(`MLflow event ${eventType.slice(0, 100)} is not one Custody maps (${Object.keys(payloads).join(", ")})`);
  const parsed = schema.safeParse(envelope.data.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UnmappablePayload(`MLflow ${eventType} data.${issue.path.join(".")}: ${issue.message}`);
  }
  const data = parsed.data as Record<string, unknown> & { name: string };
  const base = { subject: data.name, action: eventType, occurredAt: occurredAt(envelope.data.timestamp) };
  const uriOf = (v: string) => `models:/${data.name}/${v}`;
  let change: TRegistryChange;
  if (eventType === "registered_model.created") {
    change = { ...base, details: { tags: data.tags ?? {}, description: data.description ?? null }, catalogue: { kind: "artifact" } };
  } else if (eventType === "model_version.created") {
    const v = data.version as string;
    const digest = digestFromTags(data.tags as Record<string, string> | undefined);
    const catalogue: TCatalogueChange = { kind: "version", version: Number(v), digest, registryUri: uriOf(v), format: "mlflow" };
    change = {
      ...base,
      version: v,
      digest,
      uri: uriOf(v),
      details: { source: data.source ?? null, runId: data.run_id ?? null, tags: data.tags ?? {}, description: data.description ?? null },
      catalogue,
    };
  } else if (eventType === "model_version_tag.set" || eventType === "model_version_tag.deleted") {
    const v = data.version as string;
    const key = data.key as string;
    const value = (data.value as string | undefined) ?? null;
    const digest = value !== null && mlflowDigestTags.includes(key) ? digestFromTags({ [key]: value }) : undefined;
    change = {
      ...base,
      version: v,
      digest,
      uri: uriOf(v),
      // A "stage" tag is how teams still say Staging/Production after MLflow deprecated stages.
      details: key === "stage" && value !== null ? { tag: key, value, stage: value } : { tag: key, value },
      catalogue: value === null ? null : { kind: "tag", version: Number(v), key, value },
    };
  } else if (eventType === "model_version_alias.created") {
    const v = data.version as string;
    const alias = data.alias as string;
    change = {
      ...base,
      version: v,
      uri: uriOf(v),
      details: { alias },
      catalogue: { kind: "alias", version: Number(v), alias, present: true },
    };
  } else {
    // The deleted alias is not under "alias": the environments view reads that member as a promotion.
    const alias = data.alias as string;
    change = { ...base, details: { removedAlias: alias }, catalogue: { kind: "drop-alias", alias } };
  }
  return { eventType, sourceId: deliveryId, changes: [change] };
}
