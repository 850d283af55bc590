import "server-only";
import { grantActionOfLedgerAction } from "@/lib/reviews/ledger-usage-action";
import { actorLabel, isCustodyInternal, isoMinute, MINUTE_MS, type TDetectEntry, type TDetector, type TFinding } from "../detector";
import { firstSeq, reachBack, type ReadBuckets } from "../read-buckets";
import { readActorHistory } from "../read-history";
import { warmState } from "../warm-state";

const isRead = (entry: TDetectEntry) =>
  !isCustodyInternal(entry) &&
  entry.outcome === "success" &&
  (entry.artifactId !== null || entry.digest !== null) &&
  grantActionOfLedgerAction(entry.action) === "read";

const targetOf = (entry: TDetectEntry) => `${entry.artifactId ?? ""}|${entry.digest ?? ""}`;
const sightingOf = (entry: TDetectEntry) => ({ at: entry.occurredAt.getTime(), seq: entry.seq });

/** Actors whose reads the memory holds at most; past it, it starts afresh (and reads again what it needs). */
const actorLimit = 100_000;
/** Per actor, its reads per target (read-buckets.ts), carried from batch to batch (warm-state.ts). */
const memory = warmState<Map<string, ReadBuckets>>();

/**
 * One actor reading more than `threshold` distinct artifacts or versions (artifact and digest)
 * within `windowMinutes` before or after a read (sources deliver out of time order; a read is
 * judged against the reads with a smaller seq). Each read of a target the actor had not read
 * within the window, once past the threshold, is a sighting of the same alert (key: the actor).
 * A batch costs what is in it: the actors' reads are remembered between batches, and an actor
 * not remembered is read from the ledger's index once.
 */
export const massDownload: TDetector<"mass_download"> = {
  key: "mass_download",
  async judge({ client, orgId, entries, previousEventId, settings }) {
    const place = { orgId, entries, previousEventId };
    const windowMs = settings.windowMinutes * MINUTE_MS;
    const settingsKey = JSON.stringify([windowMs, settings.ignoreActorIds]);
    const actors = memory.take(place, settingsKey, () => new Map());
    if (actors.size > actorLimit) actors.clear();
    const ignored = new Set(settings.ignoreActorIds);
    const judged = entries.filter((entry) => isRead(entry) && !ignored.has(entry.actorId));
    const needed = new Map<string, number>();
    for (const entry of judged)
      needed.set(entry.actorId, Math.min(needed.get(entry.actorId) ?? Infinity, entry.occurredAt.getTime() - windowMs));
    await reachBack({
      memory: actors,
      needed,
      bucketMs: Math.ceil(windowMs / 2),
      load: (actorIds, from) => readActorHistory(client, { orgId, actorIds, from, beforeSeq: entries[0]!.seq, outcomes: ["success"] }),
      subjectOf: (row) => row.actorId,
      remember: (reads, row) => isRead(row) && reads.remember(targetOf(row), sightingOf(row)),
    });

    const findings: TFinding[] = [];
    for (const entry of judged) {
      const reads = actors.get(entry.actorId)!;
      const at = entry.occurredAt.getTime();
      const isNew = reads.within(targetOf(entry), at - windowMs, at + windowMs).length === 0;
      reads.remember(targetOf(entry), sightingOf(entry));
      if (!isNew) continue;
      // The window before the read and the one after it: the busier one is what is reported.
      const windows = [
        [at - windowMs, at],
        [at, at + windowMs],
      ].map(([low, high]) => {
        const targets = [...reads.keys.keys()]
          .map((target) => ({ target, within: reads.within(target, low!, high!) }))
          .filter(({ within }) => within.length > 0);
        return { targets, times: targets.flatMap(({ within }) => within.map((read) => read.at)) };
      });
      const window = windows[1]!.targets.length > windows[0]!.targets.length ? windows[1]! : windows[0]!;
      const distinct = window.targets.length;
      if (distinct <= settings.threshold) continue;
      const artifacts = new Set(window.targets.map(({ target }) => target.slice(0, target.indexOf("|"))).filter(Boolean));
      const cited = window.targets.map(({ within }) => firstSeq(within)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const windowStart = new Date(Math.min(...window.times));
      const windowEnd = new Date(Math.max(...window.times));
      findings.push({
        dedupKey: entry.actorId,
        title: `${entry.actorDisplay ?? entry.actorId} read ${distinct} distinct models or versions within ${settings.windowMinutes} minutes`,
        summary:
          `Observed: ${actorLabel(entry)} read ${distinct} distinct artifacts or versions (${artifacts.size} artifacts) between ` +
          `${isoMinute(windowStart)} and ${isoMinute(windowEnd)}. Expected: at most ${settings.threshold} within ${settings.windowMinutes} minutes.`,
        observed: {
          distinctTargets: distinct,
          distinctArtifacts: artifacts.size,
          windowStart: windowStart.toISOString(),
          windowEnd: windowEnd.toISOString(),
        },
        expected: { threshold: settings.threshold, windowMinutes: settings.windowMinutes },
        actorId: entry.actorId,
        actorDisplay: entry.actorDisplay,
        artifactId: null,
        // The read that crossed, then one read of every target in the window (at most 100; the same ones however the ledger was batched).
        evidence: [entry.seq, ...cited.filter((seq) => seq !== entry.seq).slice(0, 99)],
        occurredAt: entry.occurredAt,
      });
    }
    // Three windows behind an actor's latest read, nothing judged later can look.
    for (const actorId of needed.keys()) actors.get(actorId)!.forgetBefore(actors.get(actorId)!.latestAt - 3 * windowMs);
    memory.keep(place, settingsKey, actors);
    return findings;
  },
};
