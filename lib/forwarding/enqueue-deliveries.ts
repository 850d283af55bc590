import "server-only";
import type { Db, DbTransaction } from "@/lib/db";
import type { AlertSeverity } from "@/lib/generated/prisma/enums";
import type { TLedgerRecord } from "@/lib/ledger/ledger-record";
import { alertSeverities, type TEventFilter } from "./destination-input";
import { eventFilterOf } from "./destination-row";
import { newMessageId } from "./message-id";
import { enqueueAlertUpdates } from "./enqueue-alert-updates";
import { loadAlertsWithEvidence } from "./load-alert-evidence";
import { apiActivity, detectionFinding } from "./ocsf";

// Moves each enabled destination's cursors over new alerts, their history (status changes and
// repeats, enqueue-alert-updates.ts) and new ledger entries and queues what its filters match, in one transaction per destination: the cursor and the queued rows commit
// together, so a restart neither loses nor queues twice (the source key is unique as well).

/** Alerts are re-read this far behind the cursor: a detector's transaction may commit after a later one. */
export const ALERT_LOOK_BACK_MS = 10 * 60_000;
const ALERT_BATCH = 200;
const LEDGER_WINDOW = 5_000n;

export type TEnqueueOptions = { client: Db; orgId?: string; publicUrl?: string };

export async function enqueueDeliveries({
  client,
  orgId,
  publicUrl,
}: TEnqueueOptions): Promise<{ alerts: number; updates: number; events: number }> {
  const destinations = await client.forwardDestination.findMany({
    where: { enabled: true, ...(orgId ? { orgId } : {}) },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  const total = { alerts: 0, updates: 0, events: 0 };
  for (const { id } of destinations) {
    const queued = await client.$transaction((tx) => enqueueFor(tx, id, publicUrl), { timeout: 30_000 });
    total.alerts += queued.alerts;
    total.updates += queued.updates;
    total.events += queued.events;
  }
  return total;
}

async function enqueueFor(tx: DbTransaction, destinationId: string, publicUrl: string | undefined) {
  // The cursor row is the lock: two forwarders never enqueue for one destination at once.
  const [cursor] = await tx.$queryRaw<
    { alertsSince: Date; alertsFrom: Date; nextSeq: bigint; historyFrom: bigint; historyRetry: unknown }[]
  >`
    SELECT "alertsSince", "alertsFrom", "nextSeq", "historyFrom", "historyRetry" FROM "ForwardCursor"
    WHERE "destinationId" = ${destinationId} FOR UPDATE`;
  const destination = await tx.forwardDestination.findUnique({
    where: { id: destinationId },
    select: { orgId: true, enabled: true, forwardAlerts: true, minSeverity: true, detectors: true, eventFilter: true },
  });
  if (!cursor || !destination?.enabled) return { alerts: 0, updates: 0, events: 0 };
  const alerts = destination.forwardAlerts ? await enqueueAlerts(tx, destinationId, destination, cursor, publicUrl) : 0;
  // After the Creates, so an alert raised and changed since the last tick has its Create queued first.
  const updates = await enqueueAlertUpdates(tx, { destinationId, destination, cursor, publicUrl });
  const filter = eventFilterOf(destination);
  const events = filter ? await enqueueEvents(tx, destinationId, destination.orgId, filter, cursor.nextSeq) : 0;
  return { alerts, updates, events };
}

async function enqueueAlerts(
  tx: DbTransaction,
  destinationId: string,
  destination: { orgId: string; minSeverity: AlertSeverity; detectors: string[] },
  { alertsSince, alertsFrom }: { alertsSince: Date; alertsFrom: Date },
  publicUrl: string | undefined,
): Promise<number> {
  const severities = alertSeverities.slice(alertSeverities.indexOf(destination.minSeverity));
  const lookBack = new Date(alertsFrom.getTime() - ALERT_LOOK_BACK_MS);
  const since = lookBack > alertsSince ? lookBack : alertsSince;
  const fresh = await tx.$queryRaw<{ id: string }[]>`
    SELECT a.id FROM "Alert" a
    WHERE a."orgId" = ${destination.orgId} AND a."createdAt" >= ${since}
      AND a.severity::text = ANY(${severities}::text[])
      AND (cardinality(${destination.detectors}::text[]) = 0 OR a.detector = ANY(${destination.detectors}::text[]))
      AND NOT EXISTS (SELECT 1 FROM "ForwardDelivery" d WHERE d."destinationId" = ${destinationId} AND d."sourceKey" = 'alert:' || a.id)
    ORDER BY a."createdAt", a.id
    LIMIT ${ALERT_BATCH}`;
  if (fresh.length === 0) return 0;
  const loaded = await loadAlertsWithEvidence(
    tx,
    destination.orgId,
    fresh.map((row) => row.id),
  );
  const alerts = loaded.map(({ alert }) => alert);
  await tx.forwardDelivery.createMany({
    data: loaded.map(({ alert, evidence, latestSeq }) => {
      const alertUrl = publicUrl ? `${publicUrl}/alerts/${alert.id}` : undefined;
      return {
        orgId: alert.orgId,
        destinationId,
        kind: "alert",
        activity: "create",
        sourceKey: `alert:${alert.id}`,
        alertId: alert.id,
        detector: alert.detector,
        ledgerSeq: latestSeq,
        severity: alert.severity,
        messageId: newMessageId(),
        body: JSON.stringify(detectionFinding({ alert, evidence, alertUrl })),
      };
    }),
    skipDuplicates: true,
  });
  const newest = alerts.at(-1)!.createdAt;
  await tx.forwardCursor.update({
    where: { destinationId },
    data: { alertsFrom: newest > alertsFrom ? newest : alertsFrom, updatedAt: new Date() },
  });
  return alerts.length;
}

async function enqueueEvents(
  tx: DbTransaction,
  destinationId: string,
  orgId: string,
  filter: TEventFilter,
  nextSeq: bigint,
): Promise<number> {
  const last = await tx.ledgerEntry.findFirst({ where: { orgId }, orderBy: { seq: "desc" }, select: { seq: true } });
  if (!last || last.seq < nextSeq) return 0;
  // A window of seqs at a time, so the cursor moves past entries that match nothing.
  const end = last.seq + 1n < nextSeq + LEDGER_WINDOW ? last.seq + 1n : nextSeq + LEDGER_WINDOW;
  const actionFilters = [
    ...(filter.actions.length > 0 ? [{ action: { in: filter.actions } }] : []),
    ...(filter.actionPrefix ? [{ action: { startsWith: filter.actionPrefix } }] : []),
  ];
  const entries = await tx.ledgerEntry.findMany({
    where: {
      orgId,
      seq: { gte: nextSeq, lt: end },
      ...(actionFilters.length > 0 ? { OR: actionFilters } : {}),
      ...(filter.environment ? { environment: filter.environment } : {}),
      ...(filter.artifactId ? { artifactId: filter.artifactId } : {}),
      ...(filter.outcome ? { outcome: filter.outcome } : {}),
    },
    orderBy: { seq: "asc" },
    select: { seq: true, canonical: true },
  });
  if (entries.length > 0)
    await tx.forwardDelivery.createMany({
      data: entries.map((entry) => {
        const record = JSON.parse(Buffer.from(entry.canonical).toString("utf8")) as TLedgerRecord;
        return {
          orgId,
          destinationId,
          kind: "event",
          sourceKey: `event:${entry.seq}`,
          ledgerSeq: entry.seq,
          messageId: newMessageId(),
          body: JSON.stringify(apiActivity({ seq: entry.seq, record })),
        };
      }),
      skipDuplicates: true,
    });
  await tx.forwardCursor.update({ where: { destinationId }, data: { nextSeq: end, updatedAt: new Date() } });
  return entries.length;
}
