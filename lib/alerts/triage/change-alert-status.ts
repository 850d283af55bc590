import "server-only";
import { rolesHolding } from "@/lib/authz/permissions";
import { db, type DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod } from "@/lib/errors/problem";
import type { TAlertActor } from "./alert-actor";
import { ZAlertStepInput } from "./alert-input";
import { alertLabel, alertStatusLabels, closeReasonLabels, stepAllowedFrom } from "./alert-vocabulary";
import { insertSuppression } from "./create-suppression";
import { lockAlert } from "./lock-alert";
import { recordAlertChange } from "./record-alert-change";

const stepVerbs = { acknowledge: "acknowledged", assign: "assigned", close: "closed", reopen: "reopened" } as const;

/**
 * One lifecycle step: open → acknowledged (with an assignee) → closed with a reason and a note;
 * reopen. The alert's row is locked while its status is checked and changed, and the change, its
 * history row and its ledger entry commit together.
 */
export async function changeAlertStatus({
  actor,
  alertKey,
  input,
  now = new Date(),
}: {
  actor: TAlertActor;
  alertKey: string;
  input: unknown;
  now?: Date;
}) {
  const parsed = ZAlertStepInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", "The alert was not changed: correct the highlighted fields.", {
      fieldErrors: fieldErrorsFromZod(parsed.error),
    });
  const step = parsed.data;
  return db().$transaction(async (tx) => {
    const alert = await lockAlert(tx, actor.orgId, alertKey);
    const label = alertLabel(alert.number);
    if (step.expectedStatus && step.expectedStatus !== alert.status)
      throw new AppError(
        "CONFLICT",
        `${label} was ${alertStatusLabels[alert.status].toLowerCase()} by someone else meanwhile; reload it and decide again.`,
        { extra: { currentStatus: alert.status } },
      );
    if (!stepAllowedFrom[step.step].includes(alert.status))
      throw new AppError(
        "CONFLICT",
        `${label} is ${alertStatusLabels[alert.status].toLowerCase()}; it cannot be ${stepVerbs[step.step]} from there${
          step.step === "acknowledge" && alert.status === "acknowledged" ? " (it is acknowledged already; assign it instead)" : ""
        }.`,
        { extra: { currentStatus: alert.status } },
      );
    const key = { id: alert.id, orgId: alert.orgId, number: alert.number, artifactId: alert.artifactId, detector: alert.detector };
    switch (step.step) {
      case "acknowledge": {
        const assignee = await resolveAssignee(tx, actor, step.assigneeId ?? (actor.principal ? actor.id : undefined));
        await tx.alert.update({
          where: { id: alert.id },
          data: {
            status: "acknowledged",
            acknowledgedAt: now,
            acknowledgedById: actor.id,
            assigneeId: assignee?.id ?? null,
            updatedAt: now,
          },
        });
        await recordAlertChange(tx, {
          actor,
          alert: key,
          change: "acknowledge",
          details: { from: alert.status, to: "acknowledged", assignee },
        });
        break;
      }
      case "assign": {
        const assignee = step.assigneeId ? await resolveAssignee(tx, actor, step.assigneeId) : null;
        await tx.alert.update({ where: { id: alert.id }, data: { assigneeId: assignee?.id ?? null, updatedAt: now } });
        await recordAlertChange(tx, { actor, alert: key, change: "assign", details: { from: alert.assigneeId, assignee } });
        break;
      }
      case "close": {
        await tx.alert.update({
          where: { id: alert.id },
          data: { status: "closed", closedAt: now, closedById: actor.id, closeReason: step.reason, closeNote: step.note, updatedAt: now },
        });
        await recordAlertChange(tx, {
          actor,
          alert: key,
          change: "close",
          details: { from: alert.status, to: "closed", reason: step.reason, reasonLabel: closeReasonLabels[step.reason], note: step.note },
        });
        if (step.suppress) {
          const targetId = step.suppress.scope === "actor" ? alert.actorId : alert.artifactId;
          if (!targetId)
            throw new AppError("INVALID_INPUT", `The alert was not closed: ${label} names no ${step.suppress.scope} to silence.`, {
              fieldErrors: [{ field: "suppress.scope", message: `This alert has no ${step.suppress.scope}.` }],
            });
          const suppression = await insertSuppression(tx, {
            actor,
            now,
            alertId: alert.id,
            target: {
              detector: alert.detector,
              actorId: step.suppress.scope === "actor" ? targetId : null,
              artifactId: step.suppress.scope === "artifact" ? targetId : null,
              reason: step.suppress.reason,
              expiresAt: step.suppress.expiresAt,
            },
          });
          await recordAlertChange(tx, {
            actor,
            alert: key,
            change: "suppress",
            details: {
              suppressionId: suppression.id,
              scope: step.suppress.scope,
              target: targetId,
              expiresAt: suppression.expiresAt.toISOString(),
            },
          });
        }
        break;
      }
      case "reopen": {
        await tx.alert.update({
          where: { id: alert.id },
          data: { status: "open", closedAt: null, closedById: null, closeReason: null, closeNote: null, updatedAt: now },
        });
        await recordAlertChange(tx, { actor, alert: key, change: "reopen", details: { from: alert.status, to: "open", note: step.note } });
        break;
      }
    }
    return tx.alert.findUniqueOrThrow({ where: { id: alert.id }, select: { id: true, number: true, status: true, assigneeId: true } });
  });
}

/** An assignee is an active person of the organisation who may triage alerts. */
async function resolveAssignee(tx: DbTransaction, actor: TAlertActor, assigneeId: string | undefined) {
  if (!assigneeId) return null;
  const person = await tx.user.findFirst({
    where: { orgId: actor.orgId, id: assigneeId, disabledAt: null, roles: { hasSome: [...rolesHolding("alerts.triage")] } },
    select: { id: true, name: true },
  });
  if (!person)
    throw new AppError("INVALID_INPUT", "The alert was not changed: the assignee must be an active person who may triage alerts.", {
      fieldErrors: [{ field: "assigneeId", message: "Choose an incident responder or an administrator." }],
    });
  return person;
}
