import "server-only";
import { grantActionOfLedgerAction } from "@/lib/reviews/ledger-usage-action";
import { actorLabel, isCustodyInternal, isoMinute, MINUTE_MS, type TDetectEntry, type TDetector, type TFinding } from "../detector";
import { maxDate, minDate, readActorHistory } from "../read-history";
import { windowsOf } from "../sliding-window";

const isRead = (entry: TDetectEntry) =>
  !isCustodyInternal(entry) &&
  entry.outcome === "success" &&
  (entry.artifactId !== null || entry.digest !== null) &&
  grantActionOfLedgerAction(entry.action) === "read";

const targetOf = (entry: TDetectEntry) => `${entry.artifactId ?? ""}|${entry.digest ?? ""}`;

/**
 * One actor reading more than `threshold` distinct artifacts or versions (artifact and digest)
 * within the window. Each read that adds a new target past the threshold is a sighting of the
 * same alert (key: the actor), so a long spree is one alert with a growing count.
 */
export const massDownload: TDetector<"mass_download"> = {
  key: "mass_download",
  async judge({ client, orgId, entries, settings }) {
    const ignored = new Set(settings.ignoreActorIds);
    const judged = entries.filter((entry) => isRead(entry) && !ignored.has(entry.actorId));
    if (judged.length === 0) return [];
    const windowMs = settings.windowMinutes * MINUTE_MS;
    const history = await readActorHistory(client, {
      orgId,
      actorIds: [...new Set(judged.map((entry) => entry.actorId))],
      from: new Date(minDate(judged.map((entry) => entry.occurredAt)).getTime() - windowMs),
      to: new Date(maxDate(judged.map((entry) => entry.occurredAt)).getTime() + windowMs),
      beforeSeq: entries[0]!.seq,
    });
    const findings: TFinding[] = [];
    const pools = new Map<string, TDetectEntry[]>();
    for (const entry of [...history.filter(isRead), ...judged]) {
      const pool = pools.get(entry.actorId) ?? [];
      pool.push(entry);
      pools.set(entry.actorId, pool);
    }
    for (const [actorId, pool] of pools) {
      // Only a read of a target the actor did not read within the window either side (among earlier
      // seqs) can be a new target: rereads, most of any stream, are settled here without a window.
      const byTarget = new Map<string, TDetectEntry[]>();
      for (const read of pool) {
        const reads = byTarget.get(targetOf(read));
        if (reads) reads.push(read);
        else byTarget.set(targetOf(read), [read]);
      }
      const mine = judged.filter(
        (entry) =>
          entry.actorId === actorId &&
          !byTarget
            .get(targetOf(entry))!
            .some((other) => other.seq < entry.seq && Math.abs(other.occurredAt.getTime() - entry.occurredAt.getTime()) <= windowMs),
      );
      if (byTarget.size <= settings.threshold || mine.length === 0) continue;
      const windows = windowsOf(pool, mine, windowMs, targetOf);
      for (const entry of mine) {
        const window = windows.get(entry.seq)!;
        const targets = new Map<string, bigint>();
        for (const read of window) {
          const seen = targets.get(targetOf(read));
          if (seen === undefined || read.seq < seen) targets.set(targetOf(read), read.seq);
        }
        // A sighting only when this read is the first (by seq) of its target in the window, past the threshold.
        if (targets.size <= settings.threshold || targets.get(targetOf(entry)) !== entry.seq) continue;
        const artifacts = new Set(window.map((read) => read.artifactId).filter((id) => id !== null));
        findings.push({
          dedupKey: actorId,
          title: `${entry.actorDisplay ?? actorId} read ${targets.size} distinct models or versions within ${settings.windowMinutes} minutes`,
          summary:
            `Observed: ${actorLabel(entry)} read ${targets.size} distinct artifacts or versions (${artifacts.size} artifacts) between ` +
            `${isoMinute(window[0]!.occurredAt)} and ${isoMinute(window[window.length - 1]!.occurredAt)}. ` +
            `Expected: at most ${settings.threshold} within ${settings.windowMinutes} minutes.`,
          observed: {
            distinctTargets: targets.size,
            distinctArtifacts: artifacts.size,
            windowStart: window[0]!.occurredAt.toISOString(),
            windowEnd: window[window.length - 1]!.occurredAt.toISOString(),
          },
          expected: { threshold: settings.threshold, windowMinutes: settings.windowMinutes },
          actorId,
          actorDisplay: entry.actorDisplay,
          artifactId: null,
          // The read that crossed, then the first read of every target in the window (at most 100).
          evidence: [entry.seq, ...[...targets.values()].filter((seq) => seq !== entry.seq).slice(0, 99)],
          occurredAt: entry.occurredAt,
        });
      }
    }
    return findings;
  },
};
