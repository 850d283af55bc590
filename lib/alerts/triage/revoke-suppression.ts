import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod } from "@/lib/errors/problem";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import type { TAlertActor } from "./alert-actor";
import { ZRevokeSuppressionInput } from "./alert-input";

/** Ends a suppression before its expiry; the row stays, with who ended it and when, and the ledger records why. */
export async function revokeSuppression({ actor, suppressionId, input }: { actor: TAlertActor; suppressionId: string; input: unknown }) {
  const parsed = ZRevokeSuppressionInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", "The suppression was not ended: correct the highlighted fields.", {
      fieldErrors: fieldErrorsFromZod(parsed.error),
    });
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "AlertSuppression" WHERE "orgId" = ${actor.orgId} AND id = ${suppressionId} FOR UPDATE`;
    if (!rows[0]) throw new AppError("NOT_FOUND", "There is no such suppression in your organisation.");
    const current = await tx.alertSuppression.findUniqueOrThrow({ where: { id: suppressionId } });
    if (current.revokedAt) throw new AppError("CONFLICT", "This suppression was already ended.");
    const now = new Date();
    if (current.expiresAt <= now) throw new AppError("CONFLICT", "This suppression has expired already; there is nothing to end.");
    const updated = await tx.alertSuppression.update({ where: { id: suppressionId }, data: { revokedAt: now, revokedById: actor.id } });
    await recordInternalEvent(tx, {
      orgId: actor.orgId,
      action: "alert.suppression.revoke",
      actor: { id: actor.id, type: actor.type, display: actor.display },
      details: {
        suppressionId,
        detector: current.detector,
        actorId: current.actorId,
        artifactId: current.artifactId,
        reason: parsed.data.reason,
      },
    });
    return updated;
  });
}
