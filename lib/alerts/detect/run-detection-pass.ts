import "server-only";
import { pgPoolFor, type Db } from "@/lib/db";
import {
  alwaysOnDetectors,
  detectorDefaults,
  isDetectorKey,
  readDetectorSettings,
  type TDetectorKey,
} from "@/lib/alerts/rules/detector-settings";
import { ensureAlertRules } from "@/lib/alerts/rules/ensure-alert-rules";
import { openCatalogue } from "./catalogue";
import { type TFinding } from "./detector";
import { readDetectEntries } from "./read-history";
import { detectors } from "./detectors";
import { writeFindings, type TDetectorFindings, type TWriteCounts } from "./write-findings";

export const detectionBatchSize = 5_000;

export type TPassResult = TWriteCounts & {
  /** Another process holds the pass: nothing was done. */
  busy: boolean;
  batches: number;
  entries: number;
  /** Every detector's cursor is at the end of the ledger. */
  caughtUp: boolean;
  /** Milliseconds each detector spent judging, and reading and writing took (for the benchmark). */
  milliseconds: Record<string, number>;
};

type TPassOptions = {
  client: Db;
  orgId: string;
  /** The clock (tests); by default each batch is stamped when it is written. */
  now?: Date;
  batchSize?: number;
  /** Stop after this many batches (the timer's pass stays short; the next one goes on). */
  maxBatches?: number;
  /** Tests: called inside each batch's transaction after the alerts are written, before the cursors move. */
  beforeCommit?: (batch: { entries: number }) => void | Promise<void>;
};

const lockKey = (orgId: string) => `custody-alert-detection:${orgId}`;

/**
 * Runs the enabled detectors over the ledger entries past their cursors, a batch at a time. Each
 * batch is one transaction: it takes the organisation's detection lock (another process already
 * running a pass makes this one return `busy`), reads the entries, judges them, writes alerts,
 * evidence, history and notifications, and moves the cursors; a crash anywhere leaves all of it
 * undone, so the next pass judges the same entries again and writes the same alerts once.
 */
export async function runDetectionPass({
  client,
  orgId,
  now: fixedNow,
  batchSize = detectionBatchSize,
  maxBatches = Number.POSITIVE_INFINITY,
  beforeCommit,
}: TPassOptions): Promise<TPassResult> {
  const result: TPassResult = {
    busy: false,
    milliseconds: {},
    batches: 0,
    entries: 0,
    caughtUp: false,
    raised: 0,
    repeated: 0,
    suppressed: 0,
    skipped: 0,
    notified: 0,
  };
  if ((await client.alertRule.count({ where: { orgId } })) < Object.keys(detectors).length) await ensureAlertRules(client, orgId);
  while (result.batches < maxBatches) {
    const batch = await client.$transaction(
      async (tx) => {
        const [{ locked }] = await tx.$queryRaw<
          [{ locked: boolean }]
        >`SELECT pg_try_advisory_xact_lock(hashtextextended(${lockKey(orgId)}, 0)) AS locked`;
        if (!locked) return null;
        const [rules, cursors] = await Promise.all([
          tx.alertRule.findMany({ where: { orgId } }),
          tx.alertCursor.findMany({ where: { orgId } }),
        ]);
        const cursorOf = new Map(cursors.map((cursor) => [cursor.detector, cursor.nextSeq]));
        const judgedThroughOf = new Map(cursors.map((cursor) => [cursor.detector, cursor.judgedThrough]));
        const active = rules.filter(
          (rule) => isDetectorKey(rule.detector) && (rule.enabled || alwaysOnDetectors.has(rule.detector)) && cursorOf.has(rule.detector),
        );
        if (active.length === 0) return { entries: 0, counts: null };
        const from = active.reduce(
          (low, rule) => (cursorOf.get(rule.detector)! < low ? cursorOf.get(rule.detector)! : low),
          cursorOf.get(active[0]!.detector)!,
        );
        const readStarted = performance.now();
        const { entries, previousEventId: before } = await readDetectEntries(pgPoolFor(client), { orgId, fromSeq: from, limit: batchSize });
        result.milliseconds["(read)"] = (result.milliseconds["(read)"] ?? 0) + performance.now() - readStarted;
        if (entries.length === 0) return { entries: 0, counts: null };
        const end = entries[entries.length - 1]!.seq + 1n;
        const catalogue = await openCatalogue(tx, orgId);
        const previousEventId = (start: bigint) =>
          start === entries[0]!.seq ? before : (entries.find((entry) => entry.seq === start - 1n)?.eventId ?? null);
        const batches: TDetectorFindings[] = [];
        for (const rule of active) {
          const detector = rule.detector as TDetectorKey;
          const start = cursorOf.get(detector)!;
          if (start >= end) continue;
          const slice = start <= entries[0]!.seq ? entries : entries.filter((entry) => entry.seq >= start);
          if (slice.length === 0) continue;
          const started = performance.now();
          const findings: TFinding[] = await (detectors[detector].judge as (input: unknown) => Promise<TFinding[]>)({
            client: tx,
            orgId,
            catalogue,
            entries: slice,
            previousEventId: previousEventId(slice[0]!.seq),
            settings: readDetectorSettings(detector, rule.settings),
          });
          result.milliseconds[detector] = (result.milliseconds[detector] ?? 0) + performance.now() - started;
          batches.push({
            rule: {
              detector,
              severity: rule.severity,
              dedupWindowSeconds: rule.dedupWindowSeconds,
              title: detectorDefaults[detector].title,
            },
            findings,
            judgedThrough: judgedThroughOf.get(detector)!,
          });
        }
        const writing = performance.now();
        // Each batch's alerts are stamped when written, not when a long pass began (forwarding reads them by that time).
        const now = fixedNow ?? new Date();
        const counts = await writeFindings(tx, { orgId, batches, now });
        result.milliseconds["(write)"] = (result.milliseconds["(write)"] ?? 0) + performance.now() - writing;
        await beforeCommit?.({ entries: entries.length });
        await tx.$executeRaw`
          UPDATE "AlertCursor" SET "nextSeq" = ${end}, "judgedThrough" = GREATEST("judgedThrough", ${end}), "updatedAt" = ${now}
          WHERE "orgId" = ${orgId} AND detector = ANY(${active.map((rule) => rule.detector)}::text[]) AND "nextSeq" < ${end}`;
        return { entries: entries.length, counts };
      },
      { timeout: 300_000, maxWait: 10_000 },
    );
    if (batch === null) return { ...result, busy: true };
    if (batch.counts) {
      result.batches++;
      result.entries += batch.entries;
      for (const key of ["raised", "repeated", "suppressed", "skipped", "notified"] as const) result[key] += batch.counts[key];
    }
    if (batch.entries < batchSize) {
      result.caughtUp = true;
      break;
    }
  }
  return result;
}
