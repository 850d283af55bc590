import "server-only";
import type { DbTransaction } from "@/lib/db";
import type { AlertSeverity } from "@/lib/generated/prisma/enums";
import { alertSeverities } from "./destination-input";
import { findingChange, statusKinds, type TFindingChange, type THistoryRow } from "./finding-lifecycle";
import { loadAlertsWithEvidence } from "./load-alert-evidence";
import { newMessageId } from "./message-id";
import { detectionFinding } from "./ocsf";

// Moves a destination's history cursor over AlertHistory and queues each status change (and each
// repeat step) of an alert the destination received as an Update or Close of its finding, in the
// caller's transaction (the destination's cursor row is locked there). Source keys are unique per
// destination, so reading a row twice queues nothing twice.

const HISTORY_BATCH = 1_000;
/**
 * A history id is read again for this long when it was passed over (a later id committed first: its
 * transaction was still open) or when its alert's Create is not queued yet (it committed meanwhile).
 */
export const HISTORY_RETRY_MS = 10 * 60_000;
const RETRY_CAP = 2_000;

type TCursor = { historyFrom: bigint; historyRetry: unknown; alertsSince: Date };
type TDestination = { orgId: string; minSeverity: AlertSeverity; detectors: string[] };

export async function enqueueAlertUpdates(
  tx: DbTransaction,
  {
    destinationId,
    destination,
    cursor,
    publicUrl,
    now = Date.now(),
  }: { destinationId: string; destination: TDestination; cursor: TCursor; publicUrl?: string; now?: number },
): Promise<number> {
  const retry = parseRetry(cursor.historyRetry);
  const rows = await tx.$queryRaw<(THistoryRow & { orgId: string })[]>`
    SELECT * FROM (
      (SELECT id, "orgId", "alertId", kind, "authorName", at, detail FROM "AlertHistory"
       WHERE id >= ${cursor.historyFrom} ORDER BY id LIMIT ${HISTORY_BATCH})
      UNION
      (SELECT id, "orgId", "alertId", kind, "authorName", at, detail FROM "AlertHistory"
       WHERE id = ANY(${[...retry.keys()].map(String)}::bigint[]))
    ) rows ORDER BY id`;
  // Nothing new and nothing to read again: leave the cursor row alone (no write per tick).
  if (rows.length === 0 && retry.size === 0) return 0;

  // Ids skipped between the cursor and the newest row read belong to transactions still open (or
  // rolled back): remember them, so a late commit is still forwarded.
  const fresh = rows.filter((row) => row.id >= cursor.historyFrom);
  let historyFrom = cursor.historyFrom;
  if (fresh.length > 0) {
    const last = fresh.at(-1)!.id;
    const present = new Set(fresh.map((row) => row.id));
    if (last - historyFrom < BigInt(RETRY_CAP)) for (let id = historyFrom; id < last; id += 1n) if (!present.has(id)) retry.set(id, now);
    historyFrom = last + 1n;
  }
  const firstSeen = new Map(rows.map((row) => [row.id, retry.get(row.id) ?? now]));
  for (const row of rows) retry.delete(row.id);

  const own = rows.filter(
    (row) => row.orgId === destination.orgId && (row.kind === "repeated" || (statusKinds as readonly string[]).includes(row.kind)),
  );
  const alertIds = [...new Set(own.map((row) => row.alertId))];
  const queued = await queueChanges(tx, { destinationId, destination, cursor, publicUrl, own, alertIds, firstSeen, retry, now });

  for (const [id, seen] of retry) if (now - seen > HISTORY_RETRY_MS) retry.delete(id);
  await tx.forwardCursor.update({
    where: { destinationId },
    data: {
      historyFrom,
      historyRetry: [...retry].slice(-RETRY_CAP).map(([id, seen]) => [id.toString(), seen]),
      updatedAt: new Date(now),
    },
  });
  return queued;
}

async function queueChanges(
  tx: DbTransaction,
  {
    destinationId,
    destination,
    cursor,
    publicUrl,
    own,
    alertIds,
    firstSeen,
    retry,
    now,
  }: {
    destinationId: string;
    destination: TDestination;
    cursor: TCursor;
    publicUrl?: string;
    own: THistoryRow[];
    alertIds: string[];
    firstSeen: Map<bigint, number>;
    retry: Map<bigint, number>;
    now: number;
  },
): Promise<number> {
  if (own.length === 0) return 0;
  // A destination hears of changes only to findings it was sent (whatever its filters say now).
  const received = new Set(
    (
      await tx.forwardDelivery.findMany({
        where: { destinationId, sourceKey: { in: alertIds.map((id) => `alert:${id}`) } },
        select: { alertId: true },
      })
    ).map((row) => row.alertId!),
  );
  const missing = alertIds.filter((id) => !received.has(id));
  const severities = alertSeverities.slice(alertSeverities.indexOf(destination.minSeverity));
  const awaited = new Set(
    missing.length === 0
      ? []
      : (
          await tx.alert.findMany({
            where: {
              orgId: destination.orgId,
              id: { in: missing },
              severity: { in: severities },
              createdAt: { gte: cursor.alertsSince },
              ...(destination.detectors.length > 0 ? { detector: { in: destination.detectors } } : {}),
            },
            select: { id: true },
          })
        ).map((alert) => alert.id),
  );
  const counts = new Map(
    (await tx.alert.findMany({ where: { id: { in: [...received] } }, select: { id: true, count: true } })).map(
      (alert) => [alert.id, alert.count] as const,
    ),
  );
  const statusRows = new Map<string, THistoryRow[]>();
  for (const row of await tx.alertHistory.findMany({
    where: { alertId: { in: [...received] }, kind: { in: [...statusKinds] } },
    orderBy: { id: "asc" },
    select: { id: true, alertId: true, kind: true, authorName: true, at: true, detail: true },
  }))
    statusRows.set(row.alertId, [...(statusRows.get(row.alertId) ?? []), row]);

  const waiting = new Set<string>();
  const changes = new Map<string, { alertId: string; change: TFindingChange }>();
  for (const row of own) {
    // Its Create is due (the alert matches and committed after the Create was looked for): wait,
    // and so do the alert's later rows, so its updates never overtake it.
    if (waiting.has(row.alertId) || (awaited.has(row.alertId) && now - firstSeen.get(row.id)! <= HISTORY_RETRY_MS)) {
      waiting.add(row.alertId);
      retry.set(row.id, firstSeen.get(row.id)!);
      continue;
    }
    const count = counts.get(row.alertId);
    if (count === undefined) continue;
    const change = findingChange({ row, rows: statusRows.get(row.alertId) ?? [], currentCount: count });
    if (change && !changes.has(change.sourceKey)) changes.set(change.sourceKey, { alertId: row.alertId, change });
  }
  // Most repeats map to a step already queued: drop those before building any body.
  if (changes.size > 0)
    for (const { sourceKey } of await tx.forwardDelivery.findMany({
      where: { destinationId, sourceKey: { in: [...changes.keys()] } },
      select: { sourceKey: true },
    }))
      changes.delete(sourceKey);
  if (changes.size === 0) return 0;
  const loaded = new Map(
    (await loadAlertsWithEvidence(tx, destination.orgId, [...new Set([...changes.values()].map((item) => item.alertId))])).map(
      (entry) => [entry.alert.id, entry] as const,
    ),
  );
  const data = [];
  for (const { alertId, change } of changes.values()) {
    const entry = loaded.get(alertId);
    if (!entry) continue;
    const { alert, evidence, latestSeq } = entry;
    data.push({
      orgId: alert.orgId,
      destinationId,
      kind: "alert",
      activity: change.activityId === 3 ? "close" : "update",
      note: change.summary.slice(0, 300),
      sourceKey: change.sourceKey,
      alertId: alert.id,
      detector: alert.detector,
      ledgerSeq: latestSeq,
      severity: alert.severity,
      messageId: newMessageId(),
      body: JSON.stringify(
        detectionFinding({
          alert,
          evidence,
          alertUrl: publicUrl ? `${publicUrl}/alerts/${alert.id}` : undefined,
          activity: {
            activityId: change.activityId,
            at: change.at,
            status: change.state.status,
            suppressed: change.state.suppressed,
            assignee: change.state.assignee,
            closeReason: change.state.closeReason,
            comment: change.comment,
            summary: change.summary,
            version: change.sourceKey.slice(`alert:${alert.id}:`.length),
          },
        }),
      ),
    });
  }
  if (data.length === 0) return 0;
  return (await tx.forwardDelivery.createMany({ data, skipDuplicates: true })).count;
}

function parseRetry(value: unknown): Map<bigint, number> {
  const retry = new Map<bigint, number>();
  if (!Array.isArray(value)) return retry;
  for (const item of value)
    if (Array.isArray(item) && typeof item[0] === "string" && /^\d{1,19}$/.test(item[0]) && typeof item[1] === "number")
      retry.set(BigInt(item[0]), item[1]);
  return retry;
}
