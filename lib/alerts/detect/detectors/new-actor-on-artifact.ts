import "server-only";
import { grantActionOfLedgerAction } from "@/lib/reviews/ledger-usage-action";
import { actorLabel, DAY_MS, isCustodyInternal, isoMinute, type TDetectEntry, type TDetector, type TFinding } from "../detector";
import { ledgerStart, maxDate, minDate, readActorHistory } from "../read-history";

/**
 * A sensitive action (write, deploy, retire by default) on an artifact by an actor who took no
 * such action on it in the look-back ("new terms" on actor × artifact). Not judged until the
 * ledger and the artifact are each older than the look-back: before that everyone is new.
 */
export const newActorOnArtifact: TDetector<"new_actor_on_artifact"> = {
  key: "new_actor_on_artifact",
  async judge({ client, orgId, entries, settings }) {
    const lookbackMs = settings.lookbackDays * DAY_MS;
    const ignored = new Set(settings.ignoreActorIds);
    const actionOf = (entry: TDetectEntry) => {
      if (isCustodyInternal(entry) || entry.outcome !== "success" || !entry.artifactId) return null;
      const action = grantActionOfLedgerAction(entry.action);
      return action && settings.actions.includes(action) ? action : null;
    };
    const candidates = entries.filter((entry) => actionOf(entry) !== null && !ignored.has(entry.actorId));
    if (candidates.length === 0) return [];
    const start = await ledgerStart(client, orgId);
    const artifacts = await client.artifact.findMany({
      where: { orgId, id: { in: [...new Set(candidates.map((entry) => entry.artifactId!))] } },
      select: { id: true, name: true, createdAt: true },
    });
    const artifactById = new Map(artifacts.map((artifact) => [artifact.id, artifact]));
    const judged = candidates.filter((entry) => {
      const artifact = artifactById.get(entry.artifactId!);
      const learnedFrom = Math.max(start?.getTime() ?? 0, artifact?.createdAt.getTime() ?? 0);
      return artifact !== undefined && entry.occurredAt.getTime() - learnedFrom >= lookbackMs;
    });
    if (judged.length === 0) return [];
    const history = await readActorHistory(client, {
      orgId,
      actorIds: [...new Set(judged.map((entry) => entry.actorId))],
      artifactIds: [...new Set(judged.map((entry) => entry.artifactId!))],
      from: new Date(minDate(judged.map((entry) => entry.occurredAt)).getTime() - lookbackMs),
      to: maxDate(judged.map((entry) => entry.occurredAt)),
      beforeSeq: entries[0]!.seq,
    });
    const pool = [...history.filter((entry) => actionOf(entry) !== null), ...candidates];
    const findings: TFinding[] = [];
    for (const entry of judged) {
      const since = entry.occurredAt.getTime() - lookbackMs;
      const before = pool.some(
        (other) =>
          other.seq < entry.seq &&
          other.actorId === entry.actorId &&
          other.artifactId === entry.artifactId &&
          other.occurredAt.getTime() >= since &&
          other.occurredAt <= entry.occurredAt,
      );
      if (before) continue;
      const artifact = artifactById.get(entry.artifactId!)!;
      const action = actionOf(entry)!;
      findings.push({
        dedupKey: `${entry.actorId}|${artifact.id}`,
        title: `${entry.actorDisplay ?? entry.actorId} took a first ${action} action on ${artifact.name}`,
        summary:
          `Observed: ${actorLabel(entry)} performed ${entry.action} (${action}) on ${artifact.name}${entry.environment ? ` in ${entry.environment}` : ""} at ${isoMinute(entry.occurredAt)}. ` +
          `Expected: an actor who wrote, deployed or retired it within the last ${settings.lookbackDays} days; they had not.`,
        observed: { action: entry.action, grantAction: action, environment: entry.environment, occurredAt: entry.occurredAt.toISOString() },
        expected: { priorSensitiveActionsWithinDays: settings.lookbackDays, actions: settings.actions },
        actorId: entry.actorId,
        actorDisplay: entry.actorDisplay,
        artifactId: artifact.id,
        evidence: [entry.seq],
        occurredAt: entry.occurredAt,
      });
    }
    return findings;
  },
};
