import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { unsignedBadge, type TSignatureBadge } from "@/lib/provenance/signature-badge";
import { summarizeVersionSignatures } from "@/lib/provenance/summarize-version-signatures";
import { parseCanonical } from "./describe-event";
import { deployChangeOf, laneOfAction } from "./lanes";
import { recordLedgerRead, type TReadContext } from "./record-ledger-read";
import { resolveArtifactCorrelation } from "./resolve-artifact-correlation";

export type TProvenance = { builder?: string; signer?: string; attestationDigest?: string; verified?: boolean };

export type TVersionDeployment = {
  environment: string;
  from: Date;
  until: Date | null;
  by: string | null;
  source: "ledger" | "deployment-record";
};

export type TVersionHistory = {
  digest: string;
  /** Null for a digest no version has: it was seen in events only. */
  version: number | null;
  registered: boolean;
  signed: boolean | null;
  /** Custody's own verdict on the version's model signatures (unsigned for an unregistered digest). */
  signature: TSignatureBadge;
  stage: string | null;
  aliases: string[];
  registeredAt: Date | null;
  registeredBy: string | null;
  provenance: TProvenance | null;
  firstSeen: Date | null;
  lastSeen: Date | null;
  events: number;
  /** Where the digest was seen: interface → events. */
  seenIn: { interface: string; events: number }[];
  deployments: TVersionDeployment[];
};

type TActionCount = { digest: string; interface: string; action: string; events: number; firstAt: Date; lastAt: Date };
type TKeyEvent = { digest: string; occurredAt: Date; action: string; environment: string | null; actorId: string; event: string };

/**
 * The artifact grouped by version: each digest with who registered it, its provenance, where it
 * was seen and where and when it ran; digests the ledger saw but no version has come last, to be
 * flagged. Reads the ledger (recorded).
 */
export async function listVersionHistory({
  principal,
  artifactId,
  context,
}: {
  principal: TPrincipal;
  artifactId: string;
  context?: TReadContext;
}): Promise<{ artifact: { id: string; name: string }; versions: TVersionHistory[] }> {
  assertCapability(principal, "artifacts.timeline.view");
  const correlation = await resolveArtifactCorrelation({ principal, artifactId });
  await recordLedgerRead({ principal, view: "artifact.versions", query: { artifactId }, context });
  const { artifact, versions, digests } = correlation;
  if (digests.length === 0) return { artifact: { id: artifact.id, name: artifact.name }, versions: [] };

  const counts = await db().$queryRaw<TActionCount[]>`
    SELECT e.digest, e.interface, e.action, count(*)::int AS events, min(e."occurredAt") AS "firstAt", max(e."occurredAt") AS "lastAt"
    FROM "LedgerEntry" e WHERE e."orgId" = ${artifact.orgId} AND e.digest = ANY(${digests}::text[])
    GROUP BY e.digest, e.interface, e.action`;
  const keyActions = [...new Set(counts.map((row) => row.action))].filter(
    (action) => laneOfAction(action) === "registration" || deployChangeOf(action) !== null,
  );
  const [keyEvents, records, people, accounts] = await Promise.all([
    keyActions.length
      ? db().$queryRaw<TKeyEvent[]>`
          SELECT e.digest, e."occurredAt", e.action, e.environment, e."actorId", encode(e.canonical, 'base64') AS event
          FROM "LedgerEntry" e WHERE e."orgId" = ${artifact.orgId} AND e.digest = ANY(${digests}::text[]) AND e.action = ANY(${keyActions}::text[]) AND e.outcome = 'success'
          ORDER BY e."occurredAt", e.seq LIMIT 2000`
      : Promise.resolve([]),
    db().deployment.findMany({
      where: { artifactId: artifact.id },
      select: { startedAt: true, endedAt: true, environment: { select: { name: true } }, version: { select: { digest: true } } },
      orderBy: { startedAt: "asc" },
    }),
    db().user.findMany({
      where: { id: { in: versions.map((version) => version.createdByUserId).filter((id): id is string => Boolean(id)) } },
      select: { id: true, name: true },
    }),
    db().serviceAccount.findMany({
      where: { id: { in: versions.map((version) => version.createdByServiceId).filter((id): id is string => Boolean(id)) } },
      select: { id: true, name: true },
    }),
  ]);
  const names = new Map([...people, ...accounts].map((row) => [row.id, row.name]));
  const parsed = keyEvents.map((row) => ({
    ...row,
    record: (parseCanonical(Buffer.from(row.event, "base64").toString("utf8")) ?? {}) as {
      actor?: { display?: string };
      provenance?: TProvenance;
    },
  }));

  // Deploy changes per environment, so each start runs until the next change there.
  const changes = parsed
    .filter((row) => row.environment && deployChangeOf(row.action))
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const ledgerDeployments = new Map<string, TVersionDeployment[]>();
  changes.forEach((row, index) => {
    if (deployChangeOf(row.action) !== "start") return;
    const next = changes.slice(index + 1).find((later) => later.environment === row.environment);
    const list = ledgerDeployments.get(row.digest) ?? [];
    list.push({
      environment: row.environment!,
      from: row.occurredAt,
      until: next?.occurredAt ?? null,
      by: row.record.actor?.display ?? row.actorId,
      source: "ledger",
    });
    ledgerDeployments.set(row.digest, list);
  });

  const signatures = await summarizeVersionSignatures(versions.map((version) => version.id));
  const history = digests.map((digest): TVersionHistory => {
    const version = versions.find((candidate) => candidate.digest === digest);
    const mine = counts.filter((row) => row.digest === digest);
    const seenIn = new Map<string, number>();
    for (const row of mine) seenIn.set(row.interface, (seenIn.get(row.interface) ?? 0) + row.events);
    const registration = parsed.find((row) => row.digest === digest && laneOfAction(row.action) === "registration");
    const provenance = [...parsed].reverse().find((row) => row.digest === digest && row.record.provenance)?.record.provenance ?? null;
    const fromRecords = records
      .filter((record) => record.version.digest === digest)
      .map((record): TVersionDeployment => ({
        environment: record.environment.name,
        from: record.startedAt,
        until: record.endedAt,
        by: null,
        source: "deployment-record",
      }));
    const fromLedger = ledgerDeployments.get(digest) ?? [];
    // The ledger's account wins for an environment it covers; records fill in the rest.
    const covered = new Set(fromLedger.map((deployment) => deployment.environment));
    return {
      digest,
      version: version?.version ?? null,
      registered: Boolean(version),
      signed: version ? version.signed : (provenance?.verified ?? null),
      signature: (version && signatures.get(version.id)) || unsignedBadge,
      stage: version?.stage ?? null,
      aliases: version?.aliases ?? [],
      registeredAt: version?.createdAt ?? registration?.occurredAt ?? null,
      registeredBy:
        (version && names.get(version.createdByUserId ?? version.createdByServiceId ?? "")) ??
        registration?.record.actor?.display ??
        registration?.actorId ??
        null,
      provenance,
      firstSeen: mine.length ? new Date(Math.min(...mine.map((row) => row.firstAt.getTime()))) : null,
      lastSeen: mine.length ? new Date(Math.max(...mine.map((row) => row.lastAt.getTime()))) : null,
      events: mine.reduce((sum, row) => sum + row.events, 0),
      seenIn: [...seenIn.entries()].map(([name, events]) => ({ interface: name, events })).sort((a, b) => b.events - a.events),
      deployments: [...fromLedger, ...fromRecords.filter((deployment) => !covered.has(deployment.environment))].sort(
        (a, b) => b.from.getTime() - a.from.getTime(),
      ),
    };
  });
  return { artifact: { id: artifact.id, name: artifact.name }, versions: history };
}
