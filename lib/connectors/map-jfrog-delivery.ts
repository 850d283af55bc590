import { z } from "zod";
import { parseStrictJson } from "@/lib/json/parse-strict-json";
import { normalizeDigest } from "@/lib/ingest/normalize-digest";
import { UnmappablePayload, type TMappedDelivery, type TRegistryChange } from "./registry-change";

// JFrog Artifactory "artifact" domain webhooks: deployed, deleted, moved, copied, with
// repo_key, path and sha256. The Platform sends {domain, event_type, data}; its event view wraps
// that in {event: {id, …, data: "<JSON text>"}}. Both are read.

const ZData = z.object({
  repo_key: z.string().min(1).max(300),
  path: z.string().min(1).max(2000),
  name: z.string().max(500).optional(),
  sha256: z.string().max(100),
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  source_repo_path: z.string().max(2300).optional(),
  target_repo_path: z.string().max(2300).optional(),
});

const ZPlain = z.object({ domain: z.string().max(50), event_type: z.string().max(50), data: z.unknown() });
const ZEventView = z.object({
  event: z.object({ id: z.string().max(100), domain: z.string().max(50), event_type: z.string().max(50), data: z.string().max(65536) }),
});

const mapped = ["deployed", "deleted", "moved", "copied"];

export function mapJfrogDelivery(payload: unknown, bodySha256: string, receivedAt: Date): TMappedDelivery {
  let domain: string, eventType: string, data: unknown, sourceId: string;
  const view = ZEventView.safeParse(payload);
  if (view.success) {
    ({ domain, event_type: eventType } = view.data.event);
    sourceId = view.data.event.id;
    try {
      data = parseStrictJson(view.data.event.data);
    } catch {
      throw new UnmappablePayload("event.data is not valid JSON text");
    }
  } else {
    const plain = ZPlain.safeParse(payload);
    if (!plain.success) throw new UnmappablePayload("not a JFrog webhook payload ({domain, event_type, data})");
    ({ domain, event_type: eventType, data } = plain.data);
    sourceId = bodySha256;
  }
  const name = `${domain}.${eventType}`.slice(0, 100);
  if (domain !== "artifact" || !mapped.includes(eventType))
    throw new UnmappablePayload(`JFrog event ${name} is not one Custody maps (artifact.${mapped.join(", artifact.")})`);
  const fields = ZData.safeParse(data);
  if (!fields.success) {
    const issue = fields.error.issues[0]!;
    throw new UnmappablePayload(`JFrog ${name} data.${issue.path.join(".")}: ${issue.message}`);
  }
  const d = fields.data;
  const digest = normalizeDigest(d.sha256);
  if (!digest)
    throw new UnmappablePayload(`JFrog ${name} data.sha256 "${d.sha256.slice(0, 70)}" is not a SHA-256 digest (64 hex characters)`);
  const target =
    eventType === "moved" || eventType === "copied" ? (d.target_repo_path ?? `${d.repo_key}/${d.path}`) : `${d.repo_key}/${d.path}`;
  const uri = `jfrog://${target}`;
  const change: TRegistryChange = {
    subject: `${d.repo_key}/${d.path}`,
    action: `artifact.${eventType}`,
    // Artifactory's payload carries no time: the receipt time stands in.
    occurredAt: receivedAt.toISOString(),
    digest,
    uri,
    details: {
      repoKey: d.repo_key,
      path: d.path,
      name: d.name ?? null,
      size: d.size ?? null,
      sourceRepoPath: d.source_repo_path ?? null,
      targetRepoPath: d.target_repo_path ?? null,
    },
    catalogue:
      eventType === "deleted"
        ? null
        : eventType === "moved"
          ? { kind: "move", digest, registryUri: uri }
          : { kind: "version", version: "next", digest, registryUri: uri, format: "artifactory", sizeBytes: BigInt(d.size ?? 0) },
  };
  return { eventType: name, sourceId, changes: [change] };
}
