import "server-only";
import type { Grant } from "@/lib/generated/prisma/client";
import { eventFacts } from "@/lib/timeline/describe-event";
import { deployChangeOf, laneLabels, laneOfAction } from "@/lib/timeline/lanes";
import type { TTimelineEvent } from "@/lib/timeline/list-artifact-events";
import type { TEvidenceTable } from "../evidence-report";
import { iso } from "./report-context";

/** Signing and attestation events (OpenSSF model signing, Sigstore, in-toto attestations). */
export function isSignatureAction(action: string): boolean {
  return /(^|[._])(sign|signed|signature|attest|attested|attestation)([._]|$)/.test(action.toLowerCase());
}

type TCustodyRows = {
  versions: {
    version: number;
    digest: string;
    format: string;
    sizeBytes: bigint;
    stage: string;
    aliases: string[];
    signed: boolean;
    registryUri: string;
    createdAt: Date;
    createdByUserId: string | null;
    createdByServiceId: string | null;
    artifact: { id: string; name: string };
  }[];
  events: TTimelineEvent[];
  grants: (Grant & {
    user: { name: string; kind: string } | null;
    group: { name: string } | null;
    serviceAccount: { name: string } | null;
    environment: { name: string } | null;
    artifact: { name: string } | null;
    project: { name: string } | null;
  })[];
  creatorName: Map<string, string>;
};

const columns = (...pairs: [string, string][]) => pairs.map(([key, label]) => ({ key, label }));

function eventRow(event: TTimelineEvent) {
  const facts = eventFacts(event.canonical);
  return {
    seq: event.seq,
    occurredAt: event.occurredAt,
    action: event.action,
    actor: `${facts.actorDisplay ?? event.actorId}${facts.onBehalfOf ? ` for ${facts.onBehalfOf}` : ""}`,
    subject:
      [facts.version && `v${facts.version}`, event.digest && `sha256:${event.digest.replace(/^sha256:/, "")}`].filter(Boolean).join(" ") ||
      null,
    environment: event.environment,
    source: `${event.sourceSystem} (${event.interface})`,
    outcome: facts.outcomeCode ? `${event.outcome} (${facts.outcomeCode})` : event.outcome,
  };
}

const eventColumns = columns(
  ["seq", "Seq"],
  ["occurredAt", "Occurred"],
  ["action", "Action"],
  ["actor", "Actor"],
  ["subject", "Version / digest"],
  ["source", "Source"],
  ["outcome", "Outcome"],
);

/** The tables of a chain of custody: versions, registrations, signatures, deployments, grants, every event. */
export function custodyTables({ versions, events, grants, creatorName }: TCustodyRows): TEvidenceTable[] {
  return [
    {
      name: "versions",
      title: "Versions",
      columns: columns(
        ["version", "Version"],
        ["digest", "Digest (sha256)"],
        ["format", "Format, size"],
        ["stage", "Stage, aliases"],
        ["signed", "Signature verified"],
        ["registeredAt", "Registered"],
        ["registeredBy", "Registered by"],
      ),
      rows: versions.map((version) => ({
        version: `${version.artifact.name} v${version.version}`,
        digest: version.digest,
        format: `${version.format}, ${version.sizeBytes.toLocaleString("en-GB")} bytes`,
        stage: [version.stage, ...version.aliases].join(", "),
        signed: version.signed,
        registeredAt: iso(version.createdAt),
        registeredBy: version.createdByUserId
          ? (creatorName.get(version.createdByUserId) ?? version.createdByUserId)
          : (version.createdByServiceId ?? null),
      })),
    },
    {
      name: "registrations",
      title: "Registrations",
      columns: eventColumns,
      rows: events.filter((event) => laneOfAction(event.action) === "registration").map(eventRow),
    },
    {
      name: "signatures",
      title: "Signatures and attestations",
      columns: eventColumns,
      rows: events.filter((event) => isSignatureAction(event.action)).map(eventRow),
    },
    {
      name: "deployments",
      title: "Deployments per environment",
      columns: columns(
        ["environment", "Environment"],
        ["change", "Change"],
        ["occurredAt", "At"],
        ["subject", "Version / digest"],
        ["actor", "By"],
        ["seq", "Seq"],
      ),
      rows: events
        .filter((event) => deployChangeOf(event.action) !== null)
        .map((event) => ({
          ...eventRow(event),
          change: deployChangeOf(event.action) === "start" ? `deployed (${event.action})` : `removed (${event.action})`,
        }))
        .sort((a, b) => (a.environment ?? "").localeCompare(b.environment ?? "") || a.occurredAt.localeCompare(b.occurredAt))
        .map(({ environment, change, occurredAt, subject, actor, seq }) => ({
          environment: environment ?? "(none named)",
          change,
          occurredAt,
          subject,
          actor,
          seq,
        })),
    },
    {
      name: "grants",
      title: "Grants in force during the window",
      columns: columns(
        ["principal", "Principal"],
        ["action", "Action"],
        ["scope", "On"],
        ["validFrom", "Valid from"],
        ["validUntil", "Valid until"],
        ["revoked", "Revoked"],
        ["origin", "Origin, justification"],
      ),
      rows: grants.map((grant) => ({
        principal: grant.user
          ? `${grant.user.name} (${grant.user.kind})`
          : grant.group
            ? `group ${grant.group.name}`
            : grant.serviceAccount
              ? `service ${grant.serviceAccount.name}`
              : grant.principalType,
        action: grant.action,
        scope: `${grant.artifact ? `artifact ${grant.artifact.name}` : `project ${grant.project?.name ?? grant.projectId}`}${grant.environment ? ` in ${grant.environment.name}` : ""}`,
        validFrom: iso(grant.validFrom),
        validUntil: iso(grant.validUntil),
        revoked: grant.revokedAt ? `${iso(grant.revokedAt)}: ${grant.revokeReason ?? ""}`.trim() : null,
        origin: `${grant.origin}: ${grant.justification}`,
      })),
    },
    {
      name: "events",
      title: "Every event",
      columns: columns(
        ["seq", "Seq"],
        ["occurredAt", "Occurred"],
        ["lane", "Lane"],
        ["action", "Action"],
        ["actor", "Actor"],
        ["environment", "Env."],
        ["outcome", "Outcome"],
      ),
      rows: events.map((event) => {
        const row = eventRow(event);
        return {
          seq: row.seq,
          occurredAt: row.occurredAt,
          lane: laneLabels[laneOfAction(event.action)],
          action: row.action,
          actor: row.actor,
          environment: row.environment,
          outcome: row.outcome,
        };
      }),
    },
  ];
}
