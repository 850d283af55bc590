import "server-only";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { insertInvestigation } from "@/lib/investigations/create-investigation";
import { ZCreateInvestigationInput } from "@/lib/investigations/investigation-input";
import { investigationLabel, investigationLimits } from "@/lib/investigations/investigation-vocabulary";
import type { TAlertActor } from "./alert-actor";
import { alertLabel } from "./alert-vocabulary";
import { lockAlert } from "./lock-alert";
import { recordAlertChange } from "./record-alert-change";

const HOUR = 3_600_000;

/**
 * "Open an investigation" from an alert: a case titled and rated like the alert, scoped to its
 * artifact and to its time window (an hour either side), holding its evidence events; the alert
 * keeps the case's id, and the case's ledger entries name the alert. One transaction.
 */
export async function escalateAlert({ actor, alertKey }: { actor: TAlertActor; alertKey: string }) {
  const principal = actor.principal;
  if (!principal) throw new AppError("FORBIDDEN", "An investigation is opened by a person: sign in to open one from this alert.");
  assertCapability(principal, "alerts.triage");
  assertCapability(principal, "investigations.edit");
  return db().$transaction(async (tx) => {
    const alert = await lockAlert(tx, actor.orgId, alertKey);
    const label = alertLabel(alert.number);
    if (alert.investigationId) {
      const existing = await tx.investigation.findUnique({ where: { id: alert.investigationId }, select: { number: true } });
      throw new AppError(
        "CONFLICT",
        `${label} was escalated already, to ${existing ? investigationLabel(existing.number) : "an investigation"}.`,
        {
          extra: { investigationId: alert.investigationId },
        },
      );
    }
    const evidence = await tx.alertEvidence.findMany({
      where: { alertId: alert.id },
      orderBy: { seq: "asc" },
      take: investigationLimits.seqsPerRequest,
      select: { seq: true },
    });
    const artifact = alert.artifactId
      ? await tx.artifact.findFirst({ where: { orgId: alert.orgId, id: alert.artifactId }, select: { id: true } })
      : null;
    const fields = ZCreateInvestigationInput.parse({
      title: `${label}: ${alert.title}`.slice(0, investigationLimits.titleLength),
      summary: `Opened from alert ${label}. ${alert.summary}`.slice(0, investigationLimits.summaryLength),
      severity: alert.severity,
      assigneeId: principal.userId,
      artifactIds: artifact ? [artifact.id] : [],
      windowFrom: new Date(alert.firstSeenAt.getTime() - HOUR).toISOString(),
      windowTo: new Date(alert.lastSeenAt.getTime() + HOUR).toISOString(),
      seqs: evidence.map((row) => row.seq.toString()),
    });
    const investigation = await insertInvestigation(tx, { principal, fields });
    await tx.alert.update({ where: { id: alert.id }, data: { investigationId: investigation.id, updatedAt: new Date() } });
    await recordAlertChange(tx, {
      actor,
      alert: { id: alert.id, orgId: alert.orgId, number: alert.number, artifactId: alert.artifactId, detector: alert.detector },
      change: "escalate",
      details: {
        investigationId: investigation.id,
        investigation: investigationLabel(investigation.number),
        events: investigation.addedEvents,
      },
    });
    return { alertId: alert.id, investigation };
  });
}
