import "server-only";
import { actorLabel, isoMinute, MINUTE_MS, type TDetectEntry, type TDetector, type TFinding } from "../detector";
import { readActorRefusals } from "../read-history";
import { windowsOf } from "../sliding-window";
import { warmState } from "../warm-state";

/** Actors whose refusals the memory holds at most; past it, it starts afresh. */
const actorLimit = 100_000;
/** Per actor that was refused: its refusals from `from` on (seq below the next batch), carried from batch to batch (warm-state.ts). */
type TRefusals = { from: number; latestAt: number; entries: TDetectEntry[] };
const memory = warmState<Map<string, TRefusals>>();

/**
 * At least `threshold` denied (and, by default, failed) outcomes by one actor within the window:
 * someone trying doors. Custody's own refusals count too (a token probing the API), except its
 * alert bookkeeping. Refusals are few: each actor's recent ones are remembered between batches,
 * and an actor not remembered (or not far enough back) is read from the partial index of unusual
 * outcomes once.
 */
export const deniedBurst: TDetector<"denied_burst"> = {
  key: "denied_burst",
  async judge({ client, orgId, entries, previousEventId, settings }) {
    const place = { orgId, entries, previousEventId };
    const settingsKey = JSON.stringify([settings.windowMinutes, settings.includeFailures]);
    const actors = memory.take(place, settingsKey, () => new Map());
    if (actors.size > actorLimit) actors.clear();
    const findings = await judgeWith(actors, { client, orgId, entries, settings });
    memory.keep(place, settingsKey, actors);
    return findings;
  },
};

async function judgeWith(
  actors: Map<string, TRefusals>,
  { client, orgId, entries, settings }: Omit<Parameters<TDetector<"denied_burst">["judge"]>[0], "previousEventId" | "catalogue">,
): Promise<TFinding[]> {
  const refused = (entry: TDetectEntry) =>
    !entry.action.startsWith("alert.") && (entry.outcome === "denied" || (settings.includeFailures && entry.outcome === "failure"));
  const judged = entries.filter(refused);
  if (judged.length === 0) return [];
  const windowMs = settings.windowMinutes * MINUTE_MS;
  const needed = new Map<string, number>();
  for (const entry of judged)
    needed.set(entry.actorId, Math.min(needed.get(entry.actorId) ?? Infinity, entry.occurredAt.getTime() - windowMs));
  const missing = [...needed].filter(([actorId, from]) => (actors.get(actorId)?.from ?? Infinity) > from);
  if (missing.length > 0) {
    const history = await readActorRefusals(client, {
      orgId,
      actorIds: missing.map(([actorId]) => actorId),
      from: new Date(Math.min(...missing.map(([, from]) => from))),
      beforeSeq: entries[0]!.seq,
      outcomes: settings.includeFailures ? ["denied", "failure"] : ["denied"],
    });
    for (const [actorId, from] of missing) {
      const known = actors.get(actorId);
      const until = known?.from ?? Infinity;
      const earlier = history.filter(
        (entry) => entry.actorId === actorId && refused(entry) && entry.occurredAt.getTime() >= from && entry.occurredAt.getTime() < until,
      );
      const latestAt = Math.max(known?.latestAt ?? from, ...earlier.map((entry) => entry.occurredAt.getTime()));
      actors.set(actorId, { from, latestAt, entries: [...earlier, ...(known?.entries ?? [])] });
    }
  }
  const findings: TFinding[] = [];
  for (const actorId of needed.keys()) {
    const mine = judged.filter((entry) => entry.actorId === actorId);
    const remembered = actors.get(actorId)!;
    const windows = windowsOf([...remembered.entries, ...mine], mine, windowMs);
    for (const entry of mine) {
      const window = windows.get(entry.seq)!;
      if (window.length < settings.threshold) continue;
      const denied = window.filter((item) => item.outcome === "denied").length;
      const actions = [...new Set(window.map((item) => item.action))].slice(0, 5);
      findings.push({
        dedupKey: actorId,
        title: `${entry.actorDisplay ?? actorId} was refused ${window.length} times within ${settings.windowMinutes} minutes`,
        summary:
          `Observed: ${window.length} ${settings.includeFailures ? "denied or failed" : "denied"} outcomes (${denied} denied) by ${actorLabel(entry)} ` +
          `between ${isoMinute(window[0]!.occurredAt)} and ${isoMinute(window[window.length - 1]!.occurredAt)} (${actions.join(", ")}). Expected: fewer than ${settings.threshold} within ${settings.windowMinutes} minutes.`,
        observed: {
          refusals: window.length,
          denied,
          failed: window.length - denied,
          actions,
          windowStart: window[0]!.occurredAt.toISOString(),
          windowEnd: window[window.length - 1]!.occurredAt.toISOString(),
        },
        expected: { threshold: settings.threshold, windowMinutes: settings.windowMinutes },
        actorId,
        actorDisplay: entry.actorDisplay,
        artifactId: entry.artifactId,
        evidence: [
          entry.seq,
          ...window
            .filter((item) => item.seq !== entry.seq)
            .map((item) => item.seq)
            .slice(-99),
        ],
        occurredAt: entry.occurredAt,
      });
    }
    // Remembered for the next batches; three windows behind the latest refusal, nothing judged later can look.
    remembered.entries.push(...mine);
    remembered.latestAt = Math.max(remembered.latestAt, ...mine.map((entry) => entry.occurredAt.getTime()));
    const horizon = remembered.latestAt - 3 * windowMs;
    if (horizon > remembered.from) {
      remembered.entries = remembered.entries.filter((entry) => entry.occurredAt.getTime() >= horizon);
      remembered.from = horizon;
    }
  }
  return findings;
}
