import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { hasCapability } from "@/lib/authz/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { environmentActions, readEnvironmentEvents, type TActorRef, type TEnvironmentEvent } from "./environment-events";
import { recordLedgerRead, type TReadContext } from "./record-ledger-read";
import { visibleArtifacts } from "./resolve-artifact-correlation";

type TArtifactRef = { id: string; name: string };
type TVersionRef = { version: number; digest: string; signed: boolean };

export type TDeployedAtRow = {
  /** Null when the ledger names only a digest that no visible artifact has. */
  artifact: TArtifactRef | null;
  /** What ran: from the ledger's deploy events, or from the Deployment records where the ledger says nothing. */
  deployed: {
    version: number | null;
    digest: string | null;
    registered: boolean;
    signed: boolean;
    since: Date;
    by: TActorRef | null;
    source: "ledger" | "deployment-record";
    seq: string | null;
  } | null;
  /** What the registry said belonged there (latest stage or alias into this environment). */
  registry: { version: number | null; digest: string | null; label: string; since: Date; by: TActorRef; seq: string } | null;
  /** What the Deployment records said ran there then. */
  recorded: { version: number; digest: string } | null;
  /** The registry or the deployment records disagree with what actually ran. */
  mismatch: boolean;
};

export type TEnvironmentChange = {
  seq: string;
  occurredAt: Date;
  action: string;
  outcome: string;
  change: TEnvironmentEvent["change"];
  label: string;
  artifact: TArtifactRef | null;
  version: number | null;
  digest: string | null;
  registered: boolean;
  actor: TActorRef;
};

export type TDeployedAt = { environment: string; at: Date; environments: string[]; rows: TDeployedAtRow[]; history: TEnvironmentChange[] };

/**
 * "What was deployed in `environment` at `at`?" for every artifact the reader may see (MLflow
 * #2169): the latest deploy change at or before `at` in the ledger, falling back to the
 * Deployment records for artifacts the ledger says nothing about there; beside it, what the
 * registry's stages and aliases said, and the history of changes that led there. Recorded as a read.
 */
export async function deployedAt({
  principal,
  environment,
  at,
  context,
  historyLimit = 100,
}: {
  principal: TPrincipal;
  environment: string;
  at: Date;
  context?: TReadContext;
  historyLimit?: number;
}): Promise<TDeployedAt> {
  assertCapability(principal, "environments.history.view");
  const orgId = principal.orgId;
  const environments = await db().environment.findMany({ where: { orgId }, orderBy: { rank: "asc" }, select: { id: true, name: true } });
  const target = environments.find((candidate) => candidate.name === environment);
  if (!target)
    throw new AppError(
      "NOT_FOUND",
      `There is no environment named “${environment}”. Choose one of: ${environments.map((candidate) => candidate.name).join(", ")}.`,
    );
  // The read is recorded alongside the queries: if recording fails, nothing is answered. Every
  // visible artifact is read at once (the answer covers them all), beside the ledger's events.
  const [, { events, records }, artifacts] = await Promise.all([
    recordLedgerRead({ principal, view: "environment.deployed_at", query: { environment, at }, context }),
    (async () => {
      const [actions, deploymentRecords] = await Promise.all([environmentActions(orgId, environment), recordsAt(orgId, target.id, at)]);
      return {
        events: await readEnvironmentEvents({ orgId, environment, actions, at, recentLimit: historyLimit }),
        records: deploymentRecords,
      };
    })(),
    visibleArtifactsWithVersions(principal),
  ]);
  const { latestDeploys: deploys, latestPromotions: promotions, recent } = events;
  const byKey = new Map<string, TResolvedArtifact>();
  const byDigest = new Map<string, TResolvedArtifact>();
  for (const artifact of artifacts) {
    byKey.set(artifact.id, artifact);
    byKey.set(artifact.name, artifact);
    for (const version of artifact.versions) byDigest.set(version.digest, artifact);
  }
  const artifactOf = (event: TEnvironmentEvent) =>
    (event.artifactId ? byKey.get(event.artifactId) : undefined) ?? (event.digest ? byDigest.get(event.digest) : undefined);
  const versionOf = (artifact: TResolvedArtifact | undefined, event: TEnvironmentEvent): TVersionRef | undefined =>
    artifact?.versions.find((version) =>
      event.digest ? version.digest === event.digest : event.version !== null && String(version.version) === event.version,
    );
  const seesEverything = hasCapability(principal.roles, "access.view");

  // What ran: the latest deploy change per artifact (several keys may name one artifact).
  const rows = new Map<string, TDeployedAtRow>();
  const latest = new Map<string, TEnvironmentEvent>();
  for (const event of deploys) {
    const artifact = artifactOf(event);
    if (!artifact && !seesEverything) continue;
    const key = artifact?.id ?? `digest:${event.digest ?? event.artifactId}`;
    const known = latest.get(key);
    if (
      !known ||
      known.occurredAt < event.occurredAt ||
      (known.occurredAt.getTime() === event.occurredAt.getTime() && known.seq < event.seq)
    )
      latest.set(key, event);
  }
  const recordsByArtifact = new Map(records.map((record) => [record.artifactId, record]));
  const recordedOf = (artifactId: string | undefined) => {
    const record = artifactId ? recordsByArtifact.get(artifactId) : undefined;
    return record ? { version: record.version.version, digest: record.version.digest } : null;
  };
  for (const [key, event] of latest) {
    const artifact = artifactOf(event);
    const version = versionOf(artifact, event);
    rows.set(key, {
      artifact: artifact ? { id: artifact.id, name: artifact.name } : null,
      deployed:
        event.change === "end"
          ? null
          : {
              version: version?.version ?? null,
              digest: event.digest ?? version?.digest ?? null,
              registered: Boolean(version),
              signed: version ? version.signed : event.verified === true,
              since: event.occurredAt,
              by: event.actor,
              source: "ledger",
              seq: event.seq.toString(),
            },
      registry: null,
      recorded: recordedOf(artifact?.id),
      mismatch: false,
    });
  }
  // Where the ledger has no deploy of an artifact here, the Deployment records answer.
  const names = new Map(artifacts.map((artifact) => [artifact.id, artifact.name]));
  for (const record of records) {
    if (rows.has(record.artifactId) || !names.has(record.artifactId)) continue;
    rows.set(record.artifactId, {
      artifact: { id: record.artifactId, name: names.get(record.artifactId)! },
      deployed: {
        version: record.version.version,
        digest: record.version.digest,
        registered: true,
        signed: record.version.signed,
        since: record.startedAt,
        by: null,
        source: "deployment-record",
        seq: null,
      },
      registry: null,
      recorded: recordedOf(record.artifactId),
      mismatch: false,
    });
  }
  // What the registry said: the latest promotion into this environment per artifact (newest first already).
  for (const event of promotions) {
    const artifact = artifactOf(event);
    if (!artifact) continue;
    const row = rows.get(artifact.id) ?? {
      artifact: { id: artifact.id, name: artifact.name },
      deployed: null,
      registry: null,
      recorded: null,
      mismatch: false,
    };
    if (row.registry) continue;
    const version = versionOf(artifact, event);
    row.registry = {
      version: version?.version ?? (event.version && /^\d+$/.test(event.version) ? Number(event.version) : null),
      digest: version?.digest ?? event.digest,
      label: promotionLabel(event),
      since: event.occurredAt,
      by: event.actor,
      seq: event.seq.toString(),
    };
    rows.set(artifact.id, row);
  }
  for (const row of rows.values()) {
    const ran = row.deployed?.digest;
    row.mismatch = Boolean(ran && ((row.registry?.digest && row.registry.digest !== ran) || (row.recorded && row.recorded.digest !== ran)));
  }

  const history = recent.flatMap((event): TEnvironmentChange[] => {
    const artifact = artifactOf(event);
    if (!artifact && !seesEverything) return [];
    const version = versionOf(artifact, event);
    return [
      {
        seq: event.seq.toString(),
        occurredAt: event.occurredAt,
        action: event.action,
        outcome: event.outcome,
        change: event.change,
        label: promotionLabel(event),
        artifact: artifact ? { id: artifact.id, name: artifact.name } : null,
        version: version?.version ?? (event.version && /^\d+$/.test(event.version) ? Number(event.version) : null),
        digest: event.digest ?? version?.digest ?? null,
        registered: Boolean(version),
        actor: event.actor,
      },
    ];
  });

  return {
    environment,
    at,
    environments: environments.map((candidate) => candidate.name),
    rows: [...rows.values()].sort((a, b) => (a.artifact?.name ?? "~").localeCompare(b.artifact?.name ?? "~")),
    history,
  };
}

function promotionLabel(event: TEnvironmentEvent): string {
  switch (event.change) {
    case "start":
      return "deployed";
    case "end":
      return "undeployed";
    case "stage":
      return `stage → ${event.promotedTo}`;
    case "alias":
      return `@${event.promotedTo}`;
  }
}

type TResolvedArtifact = { id: string; name: string; versions: TVersionRef[] };

/** Every artifact the reader may see, with its versions: two queries side by side, joined here. */
async function visibleArtifactsWithVersions(principal: TPrincipal): Promise<TResolvedArtifact[]> {
  const [artifacts, versions] = await Promise.all([
    visibleArtifacts(principal).then((visible) => db().artifact.findMany({ where: visible, select: { id: true, name: true } })),
    db().$queryRaw<
      (TVersionRef & { artifactId: string })[]
    >`SELECT "artifactId", version, digest, signed FROM "ArtifactVersion" WHERE "orgId" = ${principal.orgId}`,
  ]);
  const byArtifact = new Map<string, TVersionRef[]>();
  for (const version of versions) byArtifact.set(version.artifactId, [...(byArtifact.get(version.artifactId) ?? []), version]);
  return artifacts.map((artifact) => ({ ...artifact, versions: byArtifact.get(artifact.id) ?? [] }));
}

/** The Deployment records running in an environment at a time, with their versions (one query). */
async function recordsAt(orgId: string, environmentId: string, at: Date) {
  const rows = await db().$queryRaw<{ artifactId: string; startedAt: Date; version: number; digest: string; signed: boolean }[]>`
    SELECT d."artifactId", d."startedAt", v.version, v.digest, v.signed
    FROM "Deployment" d JOIN "ArtifactVersion" v ON v.id = d."versionId"
    WHERE d."orgId" = ${orgId} AND d."environmentId" = ${environmentId} AND d."startedAt" <= ${at.toISOString()}::timestamp
      AND (d."endedAt" IS NULL OR d."endedAt" > ${at.toISOString()}::timestamp)`;
  return rows.map((row) => ({
    artifactId: row.artifactId,
    startedAt: row.startedAt,
    version: { version: row.version, digest: row.digest, signed: row.signed },
  }));
}
