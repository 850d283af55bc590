import "server-only";
import type { Db } from "@/lib/db";

export type TClaimedDelivery = {
  id: bigint;
  destinationId: string;
  kind: string;
  activity: string | null;
  alertId: string | null;
  detector: string | null;
  ledgerSeq: bigint | null;
  messageId: string;
  body: string;
  severity: "low" | "medium" | "high" | "critical" | null;
  attempts: number;
};

/**
 * Claims up to `concurrency` due deliveries of one destination, minus those already in flight
 * there (by any forwarder process: the advisory lock makes the count exact). A claimed row is
 * `delivering` until its lease lapses; rows another worker holds are skipped, not waited for.
 * An alert's messages go out one after another, in queue order: a delivery is due only once every
 * earlier one of its alert has been delivered (a dead-lettered Create holds its updates until it is
 * retried), so an Update never reaches a SIEM before its Create.
 */
export async function claimDeliveries({
  client,
  destinationId,
  concurrency,
  leaseMs,
}: {
  client: Db;
  destinationId: string;
  concurrency: number;
  leaseMs: number;
}): Promise<TClaimedDelivery[]> {
  return client.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`custody-forward:${destinationId}`}, 0))`;
    return tx.$queryRaw<TClaimedDelivery[]>`
      WITH in_flight AS (
        SELECT count(*)::int AS n FROM "ForwardDelivery"
        WHERE "destinationId" = ${destinationId} AND status = 'delivering' AND "claimedUntil" > now()
      ), due AS (
        SELECT f.id FROM "ForwardDelivery" f
        WHERE f."destinationId" = ${destinationId} AND f.status = 'pending' AND f."nextAttemptAt" <= now()
          AND (f."alertId" IS NULL OR NOT EXISTS (
            SELECT 1 FROM "ForwardDelivery" p
            WHERE p."destinationId" = f."destinationId" AND p."alertId" = f."alertId" AND p.id < f.id AND p.status <> 'delivered'))
        ORDER BY f."nextAttemptAt", f.id
        LIMIT GREATEST(${concurrency}::int - (SELECT n FROM in_flight), 0)
        FOR UPDATE OF f SKIP LOCKED
      )
      UPDATE "ForwardDelivery" d
      SET status = 'delivering', attempts = d.attempts + 1, "claimedUntil" = now() + make_interval(secs => ${leaseMs / 1000}::float8)
      FROM due WHERE d.id = due.id
      RETURNING d.id, d."destinationId", d.kind, d.activity, d."alertId", d.detector, d."ledgerSeq", d."messageId", d.body, d.severity::text AS severity, d.attempts`;
  });
}
