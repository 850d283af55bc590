import "server-only";
import { randomUUID } from "node:crypto";
import type { DbTransaction } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AlertSeverity } from "@/lib/generated/prisma/enums";
import { createNotifications, type TNotificationDraft } from "@/lib/notifications/create-notifications";
import { DAY_MS, type TFinding } from "./detector";

export type TWriteCounts = { raised: number; repeated: number; suppressed: number; skipped: number; notified: number };

type TRule = { detector: string; severity: AlertSeverity; dedupWindowSeconds: number; title: string };

type TOpenAlert = {
  id: string;
  number: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  count: number;
  added: number;
  severity: AlertSeverity;
  /** The newest sighting written to this alert in the pass: its words replace the alert's. */
  latest?: TFinding;
};

/** High and critical alerts page the responders, but only for what happened recently: a history backfill pages nobody. */
export const notifyWithinMs = 7 * DAY_MS;

/**
 * Writes one detector's findings of a pass, in the pass's transaction: each finding silenced by
 * an active suppression is counted (AlertSuppressedFinding), each already standing as evidence
 * of this detector (a re-run over history) is skipped, each repeat of an open alert with the same
 * key within the dedup window raises its count and last-seen, and the rest raise new alerts with
 * the organisation's next number. New high and critical alerts notify responders, once each.
 */
export async function writeFindings(
  tx: DbTransaction,
  {
    orgId,
    rule,
    findings,
    judgedThrough,
    now,
  }: {
    orgId: string;
    rule: TRule;
    findings: TFinding[];
    /** The detector never judged entries from this seq on: their findings cannot stand as evidence yet. */
    judgedThrough: bigint;
    now: Date;
  },
): Promise<TWriteCounts> {
  const counts: TWriteCounts = { raised: 0, repeated: 0, suppressed: 0, skipped: 0, notified: 0 };
  if (findings.length === 0) return counts;
  const detector = rule.detector;
  const earliest = new Date(Math.min(...findings.map((finding) => finding.occurredAt.getTime())));
  const keys = [...new Set(findings.map((finding) => finding.dedupKey))];
  // Only a re-run over history (the detector re-enabled) meets entries it already judged.
  const rejudged = [...new Set(findings.map((finding) => finding.evidence[0]!).filter((seq) => seq < judgedThrough))];
  const [suppressions, known, standing] = await Promise.all([
    tx.alertSuppression.findMany({ where: { orgId, detector, revokedAt: null, expiresAt: { gt: earliest } } }),
    rejudged.length
      ? tx.alertEvidence.findMany({
          where: { orgId, seq: { in: rejudged }, alert: { detector } },
          select: { seq: true, alert: { select: { dedupKey: true } } },
        })
      : [],
    tx.alert.findMany({
      where: { orgId, detector, dedupKey: { in: keys }, status: { not: "closed" } },
      orderBy: { lastSeenAt: "desc" },
      select: { id: true, number: true, dedupKey: true, firstSeenAt: true, lastSeenAt: true, count: true, severity: true },
    }),
  ]);
  const seen = new Set(known.map((row) => `${row.alert.dedupKey}|${row.seq}`));
  const silenced: { suppressionId: string; dedupKey: string; seq: bigint; occurredAt: Date }[] = [];
  const open = new Map<string, TOpenAlert | null>();
  // The latest open alert of each key (rows come newest first).
  for (const alert of standing) if (!open.has(alert.dedupKey)) open.set(alert.dedupKey, { ...alert, added: 0 });
  const evidence: { alertId: string; seq: bigint }[] = [];
  // Repeats of one alert mostly cite the same entries (a spree's earlier reads): each pair is sent once.
  const cited = new Set<string>();
  const addEvidence = (alertId: string, seqs: bigint[]) => {
    for (const seq of seqs) {
      const key = `${alertId}|${seq}`;
      if (cited.has(key)) continue;
      cited.add(key);
      evidence.push({ alertId, seq });
    }
  };
  const raisedNow: { alert: TOpenAlert; finding: TFinding }[] = [];
  const windowMs = rule.dedupWindowSeconds * 1000;
  let nextNumber: number | null = null;
  const newAlerts: Prisma.AlertCreateManyInput[] = [];
  const histories: Prisma.AlertHistoryCreateManyInput[] = [];

  for (const finding of findings) {
    const seq = finding.evidence[0]!;
    if (seen.has(`${finding.dedupKey}|${seq}`)) {
      counts.skipped++;
      continue;
    }
    seen.add(`${finding.dedupKey}|${seq}`);
    const suppression = suppressions.find(
      (item) =>
        item.expiresAt > finding.occurredAt &&
        (item.actorId === null || item.actorId === finding.actorId) &&
        (item.artifactId === null || item.artifactId === finding.artifactId),
    );
    if (suppression) {
      silenced.push({ suppressionId: suppression.id, dedupKey: finding.dedupKey, seq, occurredAt: finding.occurredAt });
      counts.suppressed++;
      continue;
    }
    const current = open.get(finding.dedupKey);
    const t = finding.occurredAt.getTime();
    if (current && t >= current.firstSeenAt.getTime() - windowMs && t <= current.lastSeenAt.getTime() + windowMs) {
      current.added++;
      if (finding.occurredAt >= current.lastSeenAt) current.latest = finding;
      if (finding.occurredAt > current.lastSeenAt) current.lastSeenAt = finding.occurredAt;
      if (finding.occurredAt < current.firstSeenAt) current.firstSeenAt = finding.occurredAt;
      addEvidence(current.id, finding.evidence);
      continue;
    }
    nextNumber ??= ((await tx.alert.aggregate({ where: { orgId }, _max: { number: true } }))._max.number ?? 0) + 1;
    // Written together after the loop (one INSERT for the batch's new alerts, not one per alert).
    const created = {
      id: randomUUID(),
      number: nextNumber++,
      firstSeenAt: finding.occurredAt,
      lastSeenAt: finding.occurredAt,
      count: 1,
      severity: rule.severity,
    };
    newAlerts.push({
      orgId,
      id: created.id,
      number: created.number,
      detector,
      dedupKey: finding.dedupKey,
      severity: rule.severity,
      title: finding.title.slice(0, 500),
      summary: finding.summary.slice(0, 4000),
      observed: finding.observed as object,
      expected: finding.expected as object,
      actorId: finding.actorId,
      actorDisplay: finding.actorDisplay,
      artifactId: finding.artifactId,
      firstSeenAt: finding.occurredAt,
      lastSeenAt: finding.occurredAt,
      count: 1,
      createdAt: now,
      updatedAt: now,
    });
    histories.push({
      orgId,
      alertId: created.id,
      kind: "raised",
      at: now,
      authorName: `Detector: ${rule.title}`,
      detail: { seq: seq.toString() },
    });
    const alert = { ...created, added: 0 };
    open.set(finding.dedupKey, alert);
    addEvidence(alert.id, finding.evidence);
    raisedNow.push({ alert, finding });
    counts.raised++;
  }

  if (newAlerts.length) await tx.alert.createMany({ data: newAlerts });
  const repeated = [...open.values()].filter((alert) => alert !== null && alert.added > 0) as TOpenAlert[];
  if (repeated.length) {
    // One statement for every repeated alert of the batch; each takes what its latest sighting observed
    // (the spree's size now, not when it began).
    const text = (alert: TOpenAlert, pick: (finding: TFinding) => string | null) => (alert.latest ? pick(alert.latest) : null);
    await tx.$executeRaw`
      UPDATE "Alert" AS a SET count = a.count + r.added, "lastSeenAt" = r.last_seen, "firstSeenAt" = r.first_seen, "updatedAt" = ${now},
        title = COALESCE(r.title, a.title), summary = COALESCE(r.summary, a.summary),
        observed = COALESCE(r.observed, a.observed), expected = COALESCE(r.expected, a.expected)
      FROM unnest(${repeated.map((alert) => alert.id)}::text[], ${repeated.map((alert) => alert.added)}::int[],
        ${repeated.map((alert) => alert.lastSeenAt)}::timestamp[], ${repeated.map((alert) => alert.firstSeenAt)}::timestamp[],
        ${repeated.map((alert) => text(alert, (finding) => finding.title.slice(0, 500)))}::text[],
        ${repeated.map((alert) => text(alert, (finding) => finding.summary.slice(0, 4000)))}::text[],
        ${repeated.map((alert) => text(alert, (finding) => JSON.stringify(finding.observed)))}::jsonb[],
        ${repeated.map((alert) => text(alert, (finding) => JSON.stringify(finding.expected)))}::jsonb[])
        AS r(id, added, last_seen, first_seen, title, summary, observed, expected)
      WHERE a.id = r.id`;
  }
  for (const alert of repeated) {
    histories.push({
      orgId,
      alertId: alert.id,
      kind: "repeated",
      at: now,
      authorName: `Detector: ${rule.title}`,
      detail: { count: alert.added },
    });
    counts.repeated += alert.added;
  }
  if (histories.length) await tx.alertHistory.createMany({ data: histories });
  if (evidence.length) await tx.alertEvidence.createMany({ data: evidence.map((row) => ({ orgId, ...row })), skipDuplicates: true });
  if (silenced.length)
    await tx.alertSuppressedFinding.createMany({ data: silenced.map((row) => ({ orgId, detector, ...row })), skipDuplicates: true });
  counts.notified = await notifyResponders(tx, { orgId, raised: raisedNow, now });
  return counts;
}

async function notifyResponders(
  tx: DbTransaction,
  { orgId, raised, now }: { orgId: string; raised: { alert: TOpenAlert; finding: TFinding }[]; now: Date },
) {
  const paging = raised.filter(
    ({ alert, finding }) =>
      (alert.severity === "high" || alert.severity === "critical") && now.getTime() - finding.occurredAt.getTime() <= notifyWithinMs,
  );
  if (paging.length === 0) return 0;
  const responders = await tx.user.findMany({
    where: { orgId, disabledAt: null, roles: { hasSome: ["incident_responder", "admin"] } },
    select: { id: true },
  });
  const drafts: TNotificationDraft[] = paging.flatMap(({ alert, finding }) =>
    responders.map((user) => ({
      orgId,
      userId: user.id,
      kind: "alert.raised",
      title: `ALR-${alert.number} (${alert.severity}): ${finding.title}`.slice(0, 300),
      body: finding.summary.slice(0, 2000),
      href: `/alerts/${alert.number}`,
      dedupeKey: `alert-raised:${alert.id}:${user.id}`,
    })),
  );
  return (await createNotifications(tx, drafts, now)).length;
}
