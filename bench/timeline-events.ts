import { createHash } from "node:crypto";
import { canonicalBytes } from "../lib/ledger/canonical";
import type { DemoOrganization } from "../prisma/seed/demo-organization";

// A ledger as a busy organisation fills it, for the timeline benchmark: about 300 artifacts whose
// popularity falls off like a power law; serving loads and storage reads (a third of them naming
// only the digest) make most of the volume; downloads by people; a little denied and failed
// traffic; and the real lifecycle (registrations, promotions, deploys) from the demo's versions
// and deployment records. Rows come out in time order with their canonical bytes and leaf hash,
// ready for COPY.

export type TBenchRow = {
  seq: number;
  eventId: string;
  occurredAt: Date;
  sourceSystem: string;
  iface: string;
  action: string;
  actorId: string;
  actorType: string;
  artifactId: string | null;
  digest: string | null;
  environment: string | null;
  outcome: string;
  canonical: Buffer;
  leafHash: Buffer;
};

type TRecordParts = {
  at: number;
  source: { system: string; component: string };
  iface: string;
  action: string;
  actor: { id: string; type: "user" | "service" | "token"; display?: string };
  target: { artifactId?: string; version?: string; digest?: string; uri?: string; environment?: string };
  outcome: { status: "success" | "failure" | "denied"; code?: string };
  details?: Record<string, unknown>;
  provenance?: { verified: boolean; builder?: string };
};

const DAY = 86_400_000;
const recordedSkewMs = 1_500;

/** A small deterministic PRNG (mulberry32), so two runs load the same ledger. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function* generateBenchLedger({
  organization,
  count,
  now,
  days = 180,
  seed = 7,
}: {
  organization: DemoOrganization;
  count: number;
  now: Date;
  days?: number;
  seed?: number;
}): Generator<TBenchRow> {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const artifacts = organization.artifacts;
  const versionsOf = new Map(
    artifacts.map((artifact) => [artifact.id, organization.versions.filter((version) => version.artifactId === artifact.id)]),
  );
  const envName = new Map(organization.environments.map((environment) => [environment.id, environment.name]));
  const people = organization.users.filter((user) => user.roles.includes("engineer"));
  const services = organization.serviceAccounts;
  // Popularity: weight 1/(rank+1)^0.9, drawn through the cumulative distribution.
  const weights = artifacts.map((_, rank) => 1 / (rank + 1) ** 0.9);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const cumulative: number[] = [];
  weights.reduce((sum, weight, i) => (cumulative[i] = sum + weight / total), 0);
  const popular = () => {
    const r = next();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return artifacts[lo]!;
  };

  // The lifecycle, from the organisation's own history.
  const lifecycle: TRecordParts[] = [];
  for (const version of organization.versions) {
    lifecycle.push({
      at: version.createdAt.getTime(),
      source: { system: "mlflow", component: "model-registry" },
      iface: "registry",
      action: "model_version.create",
      actor: {
        id: version.createdByServiceId ?? version.createdByUserId ?? "unknown",
        type: version.createdByServiceId ? "service" : "user",
      },
      target: { artifactId: version.artifactId, version: String(version.version), digest: version.digest, uri: version.registryUri },
      outcome: { status: "success" },
      provenance: { verified: version.signed, builder: "https://ci.example/train" },
    });
  }
  for (const deployment of organization.deployments) {
    const version = organization.versions.find((candidate) => candidate.id === deployment.versionId)!;
    const environment = envName.get(deployment.environmentId)!;
    const at = deployment.startedAt.getTime();
    const target = { artifactId: deployment.artifactId, version: String(version.version), digest: version.digest };
    if (environment !== "dev") {
      const actor = { id: pick(people).id, type: "user" as const };
      lifecycle.push({
        at: at - 3_600_000,
        source: { system: "mlflow", component: "model-registry" },
        iface: "ui",
        action: "model_version.stage_transition",
        actor,
        target,
        outcome: { status: "success" },
        details: { from: environment === "prod" ? "Staging" : "None", to: environment === "prod" ? "Production" : "Staging" },
      });
      lifecycle.push({
        at: at - 3_500_000,
        source: { system: "mlflow", component: "model-registry" },
        iface: "ui",
        action: "model_version_alias.set",
        actor,
        target,
        outcome: { status: "success" },
        details: { alias: environment === "prod" ? "champion" : "challenger" },
      });
    }
    lifecycle.push({
      at,
      source: { system: "argo", component: "argo-cd" },
      iface: "pipeline",
      action: "model_version.deploy",
      actor: { id: pick(services).id, type: "service" },
      target: { ...target, environment },
      outcome: { status: "success" },
      provenance: { verified: version.signed },
    });
  }
  lifecycle.sort((a, b) => a.at - b.at);

  const start = now.getTime() - days * DAY;
  const volume = Math.max(0, count - lifecycle.length);
  const step = (days * DAY) / Math.max(volume, 1);
  let lifecycleIndex = 0;
  let seq = 0;
  const emit = (parts: TRecordParts): TBenchRow => {
    const eventId = uuid(next);
    const record = {
      actor: parts.actor,
      eventId,
      interface: parts.iface,
      network: { sourceIp: `10.${(seq >> 16) & 255}.${(seq >> 8) & 255}.${seq & 255}`, userAgent: "bench/1.0" },
      occurredAt: new Date(parts.at).toISOString(),
      outcome: parts.outcome,
      recordedAt: new Date(parts.at + recordedSkewMs).toISOString(),
      requestId: `req-${eventId.slice(0, 18)}`,
      schemaVersion: 1,
      source: parts.source,
      submittedBy: { id: "bench", type: "system" },
      target: parts.target,
      action: parts.action,
      ...(parts.details ? { details: parts.details } : {}),
      ...(parts.provenance ? { provenance: parts.provenance } : {}),
    };
    const canonical = canonicalBytes(record);
    return {
      seq: seq++,
      eventId,
      occurredAt: new Date(parts.at),
      sourceSystem: parts.source.system,
      iface: parts.iface,
      action: parts.action,
      actorId: parts.actor.id,
      actorType: parts.actor.type,
      artifactId: parts.target.artifactId ?? null,
      digest: parts.target.digest ?? null,
      environment: parts.target.environment ?? null,
      outcome: parts.outcome.status,
      canonical,
      leafHash: createHash("sha256").update(Uint8Array.of(0)).update(canonical).digest(),
    };
  };

  for (let i = 0; i < volume; i += 1) {
    const at = Math.floor(start + i * step);
    while (lifecycleIndex < lifecycle.length && lifecycle[lifecycleIndex]!.at <= at) yield emit(lifecycle[lifecycleIndex++]!);
    const artifact = popular();
    const versions = versionsOf.get(artifact.id) ?? [];
    const version = versions.length ? versions[versions.length - 1 - Math.floor(next() ** 3 * versions.length)]! : null;
    const roll = next();
    const outcome =
      roll < 0.005
        ? { status: "denied" as const, code: "AccessDenied" }
        : roll < 0.015
          ? { status: "failure" as const, code: "Timeout" }
          : { status: "success" as const };
    const kind = next();
    const uri = `s3://acme-models/${artifact.name}/v${version?.version ?? 0}/model.safetensors`;
    if (kind < 0.45) {
      const environment = pick(["prod", "prod", "prod", "staging", "dev"]);
      yield emit({
        at,
        source: { system: "kserve", component: "inference-service" },
        iface: "serving",
        action: "model.load",
        actor: { id: pick(services).id, type: "service" },
        target: { artifactId: artifact.id, version: String(version?.version ?? 0), digest: version?.digest, environment },
        outcome,
      });
    } else if (kind < 0.85) {
      // A third of storage reads know only the object's content hash.
      const named = next() > 0.33;
      yield emit({
        at,
        source: { system: "aws-s3", component: "cloudtrail" },
        iface: "storage",
        action: "object.get",
        actor: { id: pick(services).id, type: "service" },
        target: { ...(named ? { artifactId: artifact.id } : {}), digest: version?.digest, uri },
        outcome,
        details: { eventName: "GetObject", bucket: "acme-models" },
      });
    } else {
      const person = pick(people);
      yield emit({
        at,
        source: { system: "mlflow", component: "model-registry" },
        iface: "api",
        action: "model_version.download",
        actor: { id: person.id, type: "user", display: person.name },
        target: { artifactId: next() < 0.5 ? artifact.id : artifact.name, version: String(version?.version ?? 0), digest: version?.digest },
        outcome,
      });
    }
  }
  while (lifecycleIndex < lifecycle.length && seq < count) yield emit(lifecycle[lifecycleIndex++]!);
}

function uuid(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${"89ab"[Math.floor(next() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
