import "server-only";
import type { TInvestigationEventRow } from "@/lib/investigations/investigation-event-row";
import { statusLabels } from "@/lib/investigations/investigation-vocabulary";
import type { InvestigationStatus } from "@/lib/generated/prisma/enums";
import type { TEvidenceTable } from "../evidence-report";
import { iso } from "./report-context";

type TIncidentRows = {
  statusChanges: {
    fromStatus: InvestigationStatus | null;
    toStatus: InvestigationStatus;
    note: string | null;
    changedAt: Date;
    ledgerSeq: bigint;
    changedBy: { name: string };
  }[];
  events: TInvestigationEventRow[];
  members: { seq: bigint; addedAt: Date; addedBy: { name: string } }[];
  stars: { seq: bigint; starredAt: Date; ledgerSeq: bigint; user: { name: string } }[];
  tags: { seq: bigint; tag: string; addedAt: Date; ledgerSeq: bigint; addedBy: { name: string } }[];
  comments: { seq: bigint; body: string; createdAt: Date; ledgerSeq: bigint; author: { name: string } }[];
  revisions: { revision: number; bodySha256: string; body: string; createdAt: Date; ledgerSeq: bigint; author: { name: string } }[];
  alerts: {
    number: number;
    detector: string;
    severity: string;
    status: string;
    title: string;
    firstSeenAt: Date;
    lastSeenAt: Date;
    count: number;
    closeReason: string | null;
    evidence: { seq: bigint }[];
  }[];
};

const columns = (...pairs: [string, string][]) => pairs.map(([key, label]) => ({ key, label }));
const target = (event: TInvestigationEventRow) =>
  [event.artifactId, event.version && `v${event.version}`, event.digest && `sha256:${event.digest.replace(/^sha256:/, "").slice(0, 16)}…`]
    .filter(Boolean)
    .join(" ") || null;

function annotationsOf(stars: TIncidentRows["stars"], tags: TIncidentRows["tags"], comments: number): string | null {
  const parts = [
    stars.length ? `Starred by ${stars.map((star) => star.user.name).join(", ")}` : null,
    tags.length ? `Tagged ${tags.map((tag) => `${tag.tag} (${tag.addedBy.name})`).join(", ")}` : null,
    comments ? `${comments} comment${comments === 1 ? "" : "s"}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join("; ") : null;
}

/** The tables of an incident report: status history, narrative revisions, events with their annotations, comments, alerts. */
export function incidentTables(rows: TIncidentRows): TEvidenceTable[] {
  const bySeq = <T extends { seq: bigint }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of list) map.set(row.seq.toString(), [...(map.get(row.seq.toString()) ?? []), row]);
    return map;
  };
  const stars = bySeq(rows.stars);
  const tags = bySeq(rows.tags);
  const comments = bySeq(rows.comments);
  return [
    {
      name: "status_history",
      title: "Status history",
      columns: columns(["at", "At"], ["change", "Change"], ["by", "By"], ["note", "Note"], ["ledgerSeq", "Ledger seq"]),
      rows: rows.statusChanges.map((change) => ({
        at: iso(change.changedAt),
        change: change.fromStatus
          ? `${statusLabels[change.fromStatus]} → ${statusLabels[change.toStatus]}`
          : `Opened (${statusLabels[change.toStatus]})`,
        by: change.changedBy.name,
        note: change.note,
        ledgerSeq: change.ledgerSeq.toString(),
      })),
    },
    {
      name: "narrative_revisions",
      title: "Narrative revisions",
      columns: columns(
        ["revision", "Revision"],
        ["savedAt", "Saved"],
        ["by", "By"],
        ["characters", "Characters"],
        ["sha256", "SHA-256"],
        ["ledgerSeq", "Ledger seq"],
      ),
      rows: rows.revisions.map((revision) => ({
        revision: revision.revision,
        savedAt: iso(revision.createdAt),
        by: revision.author.name,
        characters: revision.body.length,
        sha256: revision.bodySha256,
        ledgerSeq: revision.ledgerSeq.toString(),
      })),
    },
    {
      name: "events",
      title: "Events of the case",
      columns: columns(
        ["seq", "Seq"],
        ["occurredAt", "Occurred"],
        ["action", "Action"],
        ["actor", "Actor"],
        ["target", "Artifact / digest"],
        ["outcome", "Outcome"],
        ["annotations", "Stars, tags, comments"],
      ),
      rows: rows.events.map((event) => ({
        seq: event.seq,
        occurredAt: event.occurredAt,
        action: event.action,
        actor: `${event.actorDisplay ?? event.actorId}${event.onBehalfOf ? ` for ${event.onBehalfOf}` : ""} (${event.actorType})`,
        target: target(event),
        outcome: [event.outcome, event.outcomeCode && `(${event.outcomeCode})`, event.environment && `in ${event.environment}`]
          .filter(Boolean)
          .join(" "),
        annotations: annotationsOf(stars.get(event.seq) ?? [], tags.get(event.seq) ?? [], comments.get(event.seq)?.length ?? 0),
      })),
    },
    {
      name: "comments",
      title: "Comments",
      columns: columns(["seq", "On event"], ["at", "At"], ["author", "Author"], ["body", "Comment"], ["ledgerSeq", "Ledger seq"]),
      rows: rows.comments.map((comment) => ({
        seq: comment.seq.toString(),
        at: iso(comment.createdAt),
        author: comment.author.name,
        body: comment.body,
        ledgerSeq: comment.ledgerSeq.toString(),
      })),
    },
    {
      name: "alerts",
      title: "Linked alerts",
      columns: columns(
        ["alert", "Alert"],
        ["title", "Title"],
        ["detector", "Detector"],
        ["severity", "Severity"],
        ["status", "Status"],
        ["seen", "First / last seen"],
        ["evidence", "Evidence entries"],
      ),
      rows: rows.alerts.map((alert) => ({
        alert: `ALR-${alert.number}`,
        title: alert.title,
        detector: alert.detector,
        severity: alert.severity,
        status: alert.closeReason ? `${alert.status} (${alert.closeReason})` : alert.status,
        seen: `${iso(alert.firstSeenAt)} / ${iso(alert.lastSeenAt)} (${alert.count}×)`,
        evidence: alert.evidence.map((row) => row.seq.toString()).join(" ") || null,
      })),
    },
  ];
}
