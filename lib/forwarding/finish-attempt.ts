import "server-only";
import type { Db } from "@/lib/db";
import { retryDelayMs } from "./retry-delay";
import type { TSendResult } from "./send-message";

export type TAttemptOutcome = "delivered" | "retrying" | "dead" | "superseded";

/**
 * Logs one attempt and moves its delivery on, in one transaction: delivered; or due again after
 * a backoff; or dead-lettered after the last attempt. A worker whose lease lapsed (another took
 * the row) still logs its attempt but no longer decides the row's state.
 */
export async function finishAttempt({
  client,
  delivery,
  result,
  startedAt,
  latencyMs,
  maxAttempts,
  retryBaseMs,
  random = Math.random,
}: {
  client: Db;
  delivery: { id: bigint; destinationId: string; attempts: number };
  result: TSendResult;
  startedAt: Date;
  latencyMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  random?: () => number;
}): Promise<TAttemptOutcome> {
  const outcome: TAttemptOutcome = result.ok ? "delivered" : delivery.attempts >= maxAttempts ? "dead" : "retrying";
  const now = new Date();
  // One batch transaction (no interactive round trips): neither statement depends on the other's result.
  const [, updated] = await client.$transaction([
    client.forwardAttempt.create({
      data: {
        deliveryId: delivery.id,
        destinationId: delivery.destinationId,
        attempt: delivery.attempts,
        startedAt,
        latencyMs: Math.max(0, Math.round(latencyMs)),
        ok: result.ok,
        statusCode: result.statusCode,
        responseExcerpt: result.responseExcerpt,
        error: result.error,
      },
      select: { id: true },
    }),
    client.forwardDelivery.updateMany({
      where: { id: delivery.id, status: "delivering", attempts: delivery.attempts },
      data: {
        status: outcome === "retrying" ? "pending" : outcome,
        claimedUntil: null,
        lastError: result.error,
        lastStatusCode: result.statusCode,
        ...(outcome === "delivered" ? { deliveredAt: now } : {}),
        ...(outcome === "retrying"
          ? { nextAttemptAt: new Date(now.getTime() + retryDelayMs(delivery.attempts, retryBaseMs, random)) }
          : {}),
      },
    }),
  ]);
  return updated.count === 1 ? outcome : "superseded";
}

/**
 * Deliveries whose lease lapsed (their forwarder stopped mid-attempt): the attempt counts as
 * failed, and the row is due again at once, or dead-lettered if that was its last attempt.
 */
export async function releaseLapsedClaims({ client, maxAttempts }: { client: Db; maxAttempts: number }): Promise<number> {
  return client.$executeRaw`
    WITH lapsed AS (
      UPDATE "ForwardDelivery"
      SET status = CASE WHEN attempts >= ${maxAttempts}::int THEN 'dead'::"ForwardDeliveryStatus" ELSE 'pending'::"ForwardDeliveryStatus" END,
          "claimedUntil" = NULL, "nextAttemptAt" = now(),
          "lastError" = 'Interrupted: the forwarder stopped during this attempt.', "lastStatusCode" = NULL
      WHERE status = 'delivering' AND "claimedUntil" < now()
      RETURNING id, "destinationId", attempts, "claimedUntil"
    )
    INSERT INTO "ForwardAttempt" ("deliveryId", "destinationId", attempt, "startedAt", "latencyMs", ok, error)
    SELECT id, "destinationId", attempts, now(), 0, false, 'Interrupted: the forwarder stopped during this attempt.' FROM lapsed`;
}
