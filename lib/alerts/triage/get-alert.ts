import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import type { AlertCloseReason, AlertSeverity, AlertStatus } from "@/lib/generated/prisma/enums";
import { investigationLabel } from "@/lib/investigations/investigation-vocabulary";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import type { TAlertActor } from "./alert-actor";
import { grantsAtTime, type TGrantAtTime } from "./alert-grants-at-time";
import { alertLabel, detectorLabel } from "./alert-vocabulary";
import { alertKeyWhere } from "./lock-alert";
import { listAlerts, namesOfArtifacts, namesOfUsers, type TAlertRow } from "./list-alerts";

const evidenceShown = 200;

export type TAlertEvidenceEvent = {
  seq: string;
  occurredAt: string;
  action: string;
  actorId: string;
  actorDisplay: string | null;
  artifactId: string | null;
  digest: string | null;
  environment: string | null;
  outcome: string;
  submittedBy: string;
  canonical: string;
  leafHash: string;
};

export type TAlertDetail = {
  id: string;
  number: number;
  label: string;
  title: string;
  summary: string;
  detector: string;
  detectorLabel: string;
  severity: AlertSeverity;
  status: AlertStatus;
  observed: unknown;
  expected: unknown;
  actorId: string | null;
  actorDisplay: string | null;
  artifactId: string | null;
  artifactName: string | null;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  createdAt: string;
  assignee: { id: string; name: string } | null;
  acknowledged: { at: string; by: string } | null;
  closed: { at: string; by: string; reason: AlertCloseReason | null; note: string | null } | null;
  investigation: { id: string; label: string; title: string } | null;
  evidenceTotal: number;
  evidence: TAlertEvidenceEvent[];
  grants: TGrantAtTime[] | null;
  related: TAlertRow[];
  history: { id: string; kind: string; at: string; author: string | null; detail: unknown; ledgerSeq: string | null }[];
};

/**
 * An alert with everything a responder weighs: why, its evidence events as recorded, the
 * actor's grants at the time, related alerts and its history. Showing ledger entries is a read of
 * the ledger, recorded (with the alert as its justification) before the entries are read.
 */
export async function getAlert({ reader, alertKey }: { reader: TAlertActor; alertKey: string }): Promise<TAlertDetail> {
  const alert = await db().alert.findFirst({ where: alertKeyWhere(reader.orgId, alertKey) });
  if (!alert) throw new AppError("NOT_FOUND", "There is no such alert in your organisation.");
  const label = alertLabel(alert.number);
  const [evidenceTotal, evidenceSeqs] = await Promise.all([
    db().alertEvidence.count({ where: { alertId: alert.id } }),
    db().alertEvidence.findMany({ where: { alertId: alert.id }, orderBy: { seq: "asc" }, take: evidenceShown, select: { seq: true } }),
  ]);
  if (evidenceSeqs.length)
    await db().$transaction((tx) =>
      recordInternalEvent(tx, {
        orgId: alert.orgId,
        action: "ledger.read",
        actor: { id: reader.id, type: reader.type, display: reader.display },
        details: { view: "alert", alertId: alert.id, seqs: evidenceSeqs.length, justification: `${label}: ${alert.title}`.slice(0, 1000) },
      }),
    );
  const [entries, history, people, artifacts, investigation, grants, related] = await Promise.all([
    db().ledgerEntry.findMany({
      where: { orgId: alert.orgId, seq: { in: evidenceSeqs.map((row) => row.seq) } },
      orderBy: { seq: "asc" },
    }),
    db().alertHistory.findMany({ where: { alertId: alert.id }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    namesOfUsers(alert.orgId, [alert.assigneeId, alert.acknowledgedById, alert.closedById]),
    namesOfArtifacts(alert.orgId, [alert.artifactId]),
    alert.investigationId
      ? db().investigation.findFirst({
          where: { orgId: alert.orgId, id: alert.investigationId },
          select: { id: true, number: true, title: true },
        })
      : null,
    alert.actorId && alert.artifactId
      ? grantsAtTime({
          orgId: alert.orgId,
          actorId: alert.actorId,
          artifactId: alert.artifactId,
          firstSeenAt: alert.firstSeenAt,
          lastSeenAt: alert.lastSeenAt,
        })
      : null,
    relatedAlerts(reader, alert),
  ]);
  const name = (id: string | null) => (id ? (people.get(id) ?? id) : "");
  return {
    id: alert.id,
    number: alert.number,
    label,
    title: alert.title,
    summary: alert.summary,
    detector: alert.detector,
    detectorLabel: detectorLabel(alert.detector),
    severity: alert.severity,
    status: alert.status,
    observed: alert.observed,
    expected: alert.expected,
    actorId: alert.actorId,
    actorDisplay: alert.actorDisplay,
    artifactId: alert.artifactId,
    artifactName: alert.artifactId ? (artifacts.get(alert.artifactId) ?? null) : null,
    count: alert.count,
    firstSeenAt: alert.firstSeenAt.toISOString(),
    lastSeenAt: alert.lastSeenAt.toISOString(),
    createdAt: alert.createdAt.toISOString(),
    assignee: alert.assigneeId ? { id: alert.assigneeId, name: name(alert.assigneeId) } : null,
    acknowledged: alert.acknowledgedAt ? { at: alert.acknowledgedAt.toISOString(), by: name(alert.acknowledgedById) } : null,
    closed: alert.closedAt
      ? { at: alert.closedAt.toISOString(), by: name(alert.closedById), reason: alert.closeReason, note: alert.closeNote }
      : null,
    investigation: investigation
      ? { id: investigation.id, label: investigationLabel(investigation.number), title: investigation.title }
      : null,
    evidenceTotal,
    evidence: entries.map((entry) => ({
      seq: entry.seq.toString(),
      occurredAt: entry.occurredAt.toISOString(),
      action: entry.action,
      actorId: entry.actorId,
      actorDisplay: entry.actorDisplay,
      artifactId: entry.artifactId,
      digest: entry.digest,
      environment: entry.environment,
      outcome: entry.outcome,
      submittedBy: entry.submittedBy,
      canonical: Buffer.from(entry.canonical).toString("utf8"),
      leafHash: Buffer.from(entry.leafHash).toString("hex"),
    })),
    grants,
    related,
    history: history.map((row) => ({
      id: row.id.toString(),
      kind: row.kind,
      at: row.at.toISOString(),
      author: row.authorName,
      detail: row.detail,
      ledgerSeq: row.ledgerSeq?.toString() ?? null,
    })),
  };
}

async function relatedAlerts(reader: TAlertActor, alert: { id: string; actorId: string | null; artifactId: string | null }) {
  const found = new Map<string, TAlertRow>();
  for (const filters of [alert.actorId ? { actor: alert.actorId } : null, alert.artifactId ? { artifact: alert.artifactId } : null]) {
    if (!filters) continue;
    const page = await listAlerts({ reader, filters: { ...filters, limit: 11 } });
    for (const row of page.items) if (row.id !== alert.id) found.set(row.id, row);
  }
  return [...found.values()].sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt)).slice(0, 10);
}
