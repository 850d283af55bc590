import "server-only";
import { db, type DbTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod } from "@/lib/errors/problem";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import type { TAlertActor } from "./alert-actor";
import { ZCreateSuppressionInput } from "./alert-input";
import { SUPPRESSION_MAX_DAYS } from "./alert-vocabulary";

const DAY = 86_400_000;

export type TSuppressionTarget = { detector: string; actorId: string | null; artifactId: string | null; reason: string; expiresAt: string };

/** Silences a detector for an actor or an artifact until it expires; recorded in the ledger with its author. */
export async function createSuppression({ actor, input, now = new Date() }: { actor: TAlertActor; input: unknown; now?: Date }) {
  const parsed = ZCreateSuppressionInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", "The suppression was not created: correct the highlighted fields.", {
      fieldErrors: fieldErrorsFromZod(parsed.error),
    });
  const { detector, actorId, artifactId, reason, expiresAt } = parsed.data;
  return db().$transaction((tx) =>
    insertSuppression(tx, {
      actor,
      target: { detector, actorId: actorId ?? null, artifactId: artifactId ?? null, reason, expiresAt },
      now,
    }),
  );
}

/** The insert itself, in the caller's transaction (closing an alert may suppress in the same step). */
export async function insertSuppression(
  tx: DbTransaction,
  { actor, target, now, alertId }: { actor: TAlertActor; target: TSuppressionTarget; now: Date; alertId?: string },
) {
  const expires = new Date(target.expiresAt);
  if (expires.getTime() <= now.getTime())
    throw new AppError("INVALID_INPUT", "The suppression was not created: it would already have expired.", {
      fieldErrors: [{ field: "expiresAt", message: "Choose a time in the future." }],
    });
  if (expires.getTime() > now.getTime() + SUPPRESSION_MAX_DAYS * DAY)
    throw new AppError("INVALID_INPUT", "The suppression was not created: a suppression lasts at most a year.", {
      fieldErrors: [
        { field: "expiresAt", message: `Choose a time within ${SUPPRESSION_MAX_DAYS} days; renew it then if it is still needed.` },
      ],
    });
  const created = await tx.alertSuppression.create({
    data: {
      orgId: actor.orgId,
      detector: target.detector,
      actorId: target.actorId,
      artifactId: target.artifactId,
      reason: target.reason,
      createdById: actor.id,
      expiresAt: expires,
    },
  });
  const { seq } = await recordInternalEvent(tx, {
    orgId: actor.orgId,
    action: "alert.suppression.create",
    actor: { id: actor.id, type: actor.type, display: actor.display },
    details: {
      suppressionId: created.id,
      detector: created.detector,
      actorId: created.actorId,
      artifactId: created.artifactId,
      reason: created.reason,
      expiresAt: created.expiresAt.toISOString(),
      ...(alertId ? { fromAlertId: alertId } : {}),
    },
  });
  return tx.alertSuppression.update({ where: { id: created.id }, data: { ledgerSeq: seq } });
}
