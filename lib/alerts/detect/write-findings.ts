import "server-only";
import { randomUUID } from "node:crypto";
import type { DbTransaction } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
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

/** One detector's findings of a batch, with its rule. */
export type TDetectorFindings = {
  rule: TRule;
  findings: TFinding[];
  /** The detector never judged entries from this seq on: their findings cannot stand as evidence yet. */
  judgedThrough: bigint;
};

/**
 * Writes every detector's findings of a batch, in the pass's transaction: each finding silenced by
 * an active suppression is counted (AlertSuppressedFinding), each already standing as evidence
 * of its detector (a re-run over history) is skipped, each repeat of an open alert with the same
 * key within the dedup window raises its count and last-seen, and the rest raise new alerts with
 * the organisation's next number. New high and critical alerts notify responders, once each.
 */
export async function writeFindings(
  tx: DbTransaction,
  { orgId, batches, now }: { orgId: string; batches: TDetectorFindings[]; now: Date },
): Promise<TWriteCounts> {
  const counts: TWriteCounts = { raised: 0, repeated: 0, suppressed: 0, skipped: 0, notified: 0 };
  const written = batches.filter((batch) => batch.findings.length > 0);
  if (written.length === 0) return counts;
  // Every detector's findings of the batch are written together: one query of each kind, not one per detector.
  const all = written.flatMap((batch) => batch.findings);
  const detectors = written.map((batch) => batch.rule.detector);
  const keyOf = (detector: string, dedupKey: string) => `${detector}\u0000${dedupKey}`;
  const earliest = new Date(Math.min(...all.map((finding) => finding.occurredAt.getTime())));
  // Only a re-run over history (the detector re-enabled) meets entries it already judged.
  const rejudged = [
    ...new Set(
      written.flatMap((batch) => batch.findings.map((finding) => finding.evidence[0]!).filter((seq) => seq < batch.judgedThrough)),
    ),
  ];
  const [suppressions, known, standing] = await Promise.all([
    tx.alertSuppression.findMany({ where: { orgId, detector: { in: detectors }, revokedAt: null, expiresAt: { gt: earliest } } }),
    rejudged.length
      ? tx.alertEvidence.findMany({
          where: { orgId, seq: { in: rejudged }, alert: { detector: { in: detectors } } },
          select: { seq: true, alert: { select: { detector: true, dedupKey: true } } },
        })
      : [],
    tx.alert.findMany({
      where: {
        orgId,
        status: { not: "closed" },
        OR: written.map((batch) => ({
          detector: batch.rule.detector,
          dedupKey: { in: [...new Set(batch.findings.map((finding) => finding.dedupKey))] },
        })),
      },
      orderBy: { lastSeenAt: "desc" },
      select: { id: true, number: true, detector: true, dedupKey: true, firstSeenAt: true, lastSeenAt: true, count: true, severity: true },
    }),
  ]);
  const seen = new Set(known.map((row) => `${keyOf(row.alert.detector, row.alert.dedupKey)}|${row.seq}`));
  const silenced: Prisma.AlertSuppressedFindingCreateManyInput[] = [];
  const open = new Map<string, TOpenAlert & { rule: TRule }>();
  const ruleOf = new Map(written.map((batch) => [batch.rule.detector, batch.rule]));
  // The latest open alert of each key (rows come newest first).
  for (const alert of standing) {
    const key = keyOf(alert.detector, alert.dedupKey);
    if (!open.has(key)) open.set(key, { ...alert, added: 0, rule: ruleOf.get(alert.detector)! });
  }
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
  let nextNumber: number | null = null;
  const newAlerts: Prisma.AlertCreateManyInput[] = [];
  const histories: Prisma.AlertHistoryCreateManyInput[] = [];

  for (const { rule, findings } of written) {
    const detector = rule.detector;
    const windowMs = rule.dedupWindowSeconds * 1000;
    const mine = suppressions.filter((item) => item.detector === detector);
    for (const finding of findings) {
      const key = keyOf(detector, finding.dedupKey);
      const seq = finding.evidence[0]!;
      if (seen.has(`${key}|${seq}`)) {
        counts.skipped++;
        continue;
      }
      seen.add(`${key}|${seq}`);
      const suppression = mine.find(
        (item) =>
          item.expiresAt > finding.occurredAt &&
          (item.actorId === null || item.actorId === finding.actorId) &&
          (item.artifactId === null || item.artifactId === finding.artifactId),
      );
      if (suppression) {
        silenced.push({ orgId, detector, suppressionId: suppression.id, dedupKey: finding.dedupKey, seq, occurredAt: finding.occurredAt });
        counts.suppressed++;
        continue;
      }
      const current = open.get(key);
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
      const alert = {
        id: randomUUID(),
        number: nextNumber++,
        firstSeenAt: finding.occurredAt,
        lastSeenAt: finding.occurredAt,
        count: 1,
        severity: rule.severity,
        added: 0,
        rule,
      };
      newAlerts.push({
        orgId,
        id: alert.id,
        number: alert.number,
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
        alertId: alert.id,
        kind: "raised",
        at: now,
        authorName: `Detector: ${rule.title}`,
        detail: { seq: seq.toString() },
      });
      open.set(key, alert);
      addEvidence(alert.id, finding.evidence);
      raisedNow.push({ alert, finding });
      counts.raised++;
    }
  }

  await insertRows(tx, "Alert", false, {
    orgId: ["text", newAlerts.map(() => orgId)],
    id: ["text", newAlerts.map((row) => row.id)],
    number: ["int4", newAlerts.map((row) => row.number)],
    detector: ["text", newAlerts.map((row) => row.detector)],
    dedupKey: ["text", newAlerts.map((row) => row.dedupKey)],
    severity: ['"AlertSeverity"', newAlerts.map((row) => row.severity)],
    title: ["text", newAlerts.map((row) => row.title)],
    summary: ["text", newAlerts.map((row) => row.summary)],
    observed: ["jsonb", newAlerts.map((row) => JSON.stringify(row.observed))],
    expected: ["jsonb", newAlerts.map((row) => JSON.stringify(row.expected))],
    actorId: ["text", newAlerts.map((row) => row.actorId)],
    actorDisplay: ["text", newAlerts.map((row) => row.actorDisplay)],
    artifactId: ["text", newAlerts.map((row) => row.artifactId)],
    firstSeenAt: ["timestamp", newAlerts.map((row) => row.firstSeenAt)],
    lastSeenAt: ["timestamp", newAlerts.map((row) => row.lastSeenAt)],
    createdAt: ["timestamp", newAlerts.map(() => now)],
    updatedAt: ["timestamp", newAlerts.map(() => now)],
  });
  const repeated = [...open.values()].filter((alert) => alert.added > 0);
  if (repeated.length) {
    // One statement for every repeated alert of the batch; each takes what its latest sighting observed
    // (the spree's size now, not when it began).
    const text = (alert: TOpenAlert, pick: (finding: TFinding) => string) => (alert.latest ? pick(alert.latest) : null);
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
      authorName: `Detector: ${alert.rule.title}`,
      detail: { count: alert.added },
    });
    counts.repeated += alert.added;
  }
  await insertRows(tx, "AlertHistory", false, {
    orgId: ["text", histories.map(() => orgId)],
    alertId: ["text", histories.map((row) => row.alertId)],
    kind: ["text", histories.map((row) => row.kind)],
    at: ["timestamp", histories.map(() => now)],
    authorName: ["text", histories.map((row) => row.authorName)],
    detail: ["jsonb", histories.map((row) => JSON.stringify(row.detail))],
  });
  await insertRows(tx, "AlertEvidence", true, {
    orgId: ["text", evidence.map(() => orgId)],
    alertId: ["text", evidence.map((row) => row.alertId)],
    seq: ["int8", evidence.map((row) => row.seq)],
  });
  await insertRows(tx, "AlertSuppressedFinding", true, {
    orgId: ["text", silenced.map(() => orgId)],
    detector: ["text", silenced.map((row) => row.detector)],
    suppressionId: ["text", silenced.map((row) => row.suppressionId)],
    dedupKey: ["text", silenced.map((row) => row.dedupKey)],
    seq: ["int8", silenced.map((row) => row.seq)],
    occurredAt: ["timestamp", silenced.map((row) => row.occurredAt)],
  });
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

/**
 * Inserts rows given as one array per column, unnested by PostgreSQL: one statement and one
 * parameter per column whatever the count (the ORM's createMany binds every value and costs
 * several times as much). Table and column names are this module's constants, never input.
 */
async function insertRows(
  tx: DbTransaction,
  table: string,
  skipDuplicates: boolean,
  columns: Record<string, [type: string, values: unknown[]]>,
) {
  const entries = Object.entries(columns);
  if (entries[0]![1][1].length === 0) return;
  const names = Prisma.raw(entries.map(([name]) => `"${name}"`).join(", "));
  const arrays = Prisma.join(entries.map(([, [type, values]]) => Prisma.sql`${values}::${Prisma.raw(type)}[]`));
  await tx.$executeRaw`INSERT INTO ${Prisma.raw(`"${table}"`)} (${names}) SELECT * FROM unnest(${arrays})${
    skipDuplicates ? Prisma.sql` ON CONFLICT DO NOTHING` : Prisma.empty
  }`;
}
