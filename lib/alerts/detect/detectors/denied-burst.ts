import "server-only";
import { actorLabel, isoMinute, MINUTE_MS, type TDetectEntry, type TDetector, type TFinding } from "../detector";
import { maxDate, minDate, readActorRefusals } from "../read-history";
import { windowsOf } from "../sliding-window";

/**
 * At least `threshold` denied (and, by default, failed) outcomes by one actor within the window:
 * someone trying doors. Custody's own refusals count too (a token probing the API), except its
 * alert bookkeeping.
 */
export const deniedBurst: TDetector<"denied_burst"> = {
  key: "denied_burst",
  async judge({ client, orgId, entries, settings }) {
    const refused = (entry: TDetectEntry) =>
      !entry.action.startsWith("alert.") && (entry.outcome === "denied" || (settings.includeFailures && entry.outcome === "failure"));
    const judged = entries.filter(refused);
    if (judged.length === 0) return [];
    const windowMs = settings.windowMinutes * MINUTE_MS;
    const history = await readActorRefusals(client, {
      orgId,
      actorIds: [...new Set(judged.map((entry) => entry.actorId))],
      from: new Date(minDate(judged.map((entry) => entry.occurredAt)).getTime() - windowMs),
      to: new Date(maxDate(judged.map((entry) => entry.occurredAt)).getTime() + windowMs),
      beforeSeq: entries[0]!.seq,
      outcomes: settings.includeFailures ? ["denied", "failure"] : ["denied"],
    });
    const findings: TFinding[] = [];
    const pool = [...history.filter(refused), ...judged];
    for (const actorId of new Set(judged.map((entry) => entry.actorId))) {
      const mine = judged.filter((entry) => entry.actorId === actorId);
      const windows = windowsOf(
        pool.filter((entry) => entry.actorId === actorId),
        mine,
        windowMs,
      );
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
    }
    return findings;
  },
};
