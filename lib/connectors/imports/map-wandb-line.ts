import { createHash } from "node:crypto";
import { normalizeDigest } from "@/lib/ingest/normalize-digest";
import type { TImportedChange } from "./map-cloudtrail-record";

// W&B audit log lines (docs.wandb.ai, "Audit logs"): action ("artifact:read"), actor_email or
// actor_user_id, timestamp, and for artifacts artifact_qualified_name (entity/project/name:v3)
// and artifact_digest. W&B gives a line no id: its SHA-256 is the id, so a re-import is a duplicate.

type TRecord = Record<string, unknown>;
const text = (value: unknown, max = 500): string | undefined =>
  typeof value === "string" && value !== "" ? value.slice(0, max) : undefined;

export function mapWandbLine(line: string, value: unknown): TImportedChange | { skip: string } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { skip: "not a JSON object" };
  const r = value as TRecord;
  const action = text(r.action, 100);
  const time = text(r.timestamp, 40);
  if (!action || !time || Number.isNaN(Date.parse(time))) return { skip: "no action or timestamp" };
  const mapped = action
    .toLowerCase()
    .replace(/[^a-z0-9_:]/g, "_")
    .replace(":", ".");
  if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(mapped)) return { skip: `action "${action.slice(0, 60)}" has no dotted form` };
  const qualified = text(r.artifact_qualified_name, 500);
  const project = text(r.entity_name, 200) && text(r.project_name, 200) ? `${text(r.entity_name)}/${text(r.project_name)}` : undefined;
  const subject = qualified ?? project ?? null;
  const version = qualified && /:([^:/]+)$/.exec(qualified)?.[1];
  const rawDigest = text(r.artifact_digest, 200);
  const digest = rawDigest ? (normalizeDigest(rawDigest) ?? undefined) : undefined;
  const actorId = text(r.actor_user_id, 200) ?? text(r.actor_email, 200) ?? "wandb:unknown";
  const code = typeof r.response_code === "number" ? r.response_code : undefined;
  return {
    sourceId: createHash("sha256").update(line.trim()).digest("hex"),
    subject,
    requireRule: false,
    event: {
      occurredAt: new Date(Date.parse(time)).toISOString(),
      source: { system: "wandb", component: "audit-log" },
      interface: "api",
      action: mapped,
      actor: { id: actorId, type: "user", ...(text(r.actor_email, 200) ? { display: text(r.actor_email, 200)! } : {}) },
      target: { ...(version ? { version } : {}), ...(digest ? { digest } : {}), ...(subject ? { uri: `wandb://${subject}` } : {}) },
      outcome:
        code === undefined || code < 400
          ? { status: "success" }
          : { status: code === 401 || code === 403 ? "denied" : "failure", code: String(code) },
      network: text(r.actor_ip, 64) ? { sourceIp: text(r.actor_ip, 64)! } : undefined,
      details: {
        wandb: {
          action,
          artifactQualifiedName: qualified ?? null,
          artifactDigest: rawDigest ?? null,
          entity: text(r.entity_name, 200) ?? null,
          project: text(r.project_name, 200) ?? null,
          cliVersion: text(r.cli_version, 50) ?? null,
        },
      },
    },
  };
}
