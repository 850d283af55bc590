import "server-only";
import { grantActionOfLedgerAction } from "@/lib/reviews/ledger-usage-action";
import { actorLabel, DAY_MS, isCustodyInternal, isoMinute, type TDetectEntry, type TDetector, type TFinding } from "../detector";
import { loadArtifacts } from "../load-principals";
import { reachBack, type ReadBuckets } from "../read-buckets";
import { ledgerStart, readActorHistory } from "../read-history";
import { warmState } from "../warm-state";

/** Pairs (actor and artifact) whose sensitive actions the memory holds at most. */
const pairLimit = 200_000;
/** Per actor and artifact, when it took sensitive actions (read-buckets.ts), carried from batch to batch (warm-state.ts). */
const memory = warmState<Map<string, ReadBuckets>>();

/**
 * A sensitive action (write, deploy, retire by default) on an artifact by an actor who took no
 * such action on it in the look-back ("new terms" on actor × artifact). Not judged until the
 * ledger and the artifact are each older than the look-back: before that everyone is new.
 */
export const newActorOnArtifact: TDetector<"new_actor_on_artifact"> = {
  key: "new_actor_on_artifact",
  async judge({ client, orgId, catalogue, entries, previousEventId, settings }) {
    const place = { orgId, entries, previousEventId };
    const settingsKey = JSON.stringify([settings.lookbackDays, settings.actions, settings.ignoreActorIds]);
    const pairs = memory.take(place, settingsKey, () => new Map());
    if (pairs.size > pairLimit) pairs.clear();
    try {
      return await judgeWith(pairs, { client, orgId, catalogue, entries, settings });
    } finally {
      // Kept even when judging fails: the failed batch's transaction is undone, so the next one will not follow it.
      memory.keep(place, settingsKey, pairs);
    }
  },
};

async function judgeWith(
  pairs: Map<string, ReadBuckets>,
  { client, orgId, catalogue, entries, settings }: Omit<Parameters<TDetector<"new_actor_on_artifact">["judge"]>[0], "previousEventId">,
): Promise<TFinding[]> {
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
  const artifactById = await loadArtifacts(
    catalogue,
    client,
    orgId,
    candidates.map((entry) => entry.artifactId!),
  );
  const judged = candidates.filter((entry) => {
    const artifact = artifactById.get(entry.artifactId!);
    const learnedFrom = Math.max(start?.getTime() ?? 0, artifact?.createdAt.getTime() ?? 0);
    return artifact !== null && artifact !== undefined && entry.occurredAt.getTime() - learnedFrom >= lookbackMs;
  });
  const pairOf = (entry: TDetectEntry) => `${entry.actorId}|${entry.artifactId}`;
  const needed = new Map<string, number>();
  for (const entry of judged)
    needed.set(pairOf(entry), Math.min(needed.get(pairOf(entry)) ?? Infinity, entry.occurredAt.getTime() - lookbackMs));
  await reachBack({
    memory: pairs,
    needed,
    bucketMs: Math.ceil(lookbackMs / 2),
    load: (keys, from) =>
      readActorHistory(client, {
        orgId,
        actorIds: [...new Set(keys.map((key) => key.slice(0, key.lastIndexOf("|"))))],
        artifactIds: [...new Set(keys.map((key) => key.slice(key.lastIndexOf("|") + 1)))],
        from,
        beforeSeq: entries[0]!.seq,
        outcomes: ["success"],
      }),
    subjectOf: pairOf,
    remember: (actions, row) => actionOf(row) !== null && actions.remember("", { at: row.occurredAt.getTime(), seq: row.seq }),
  });
  const isJudged = new Set(judged);
  const findings: TFinding[] = [];
  for (const entry of candidates) {
    const at = entry.occurredAt.getTime();
    const actions = pairs.get(pairOf(entry));
    const before = actions !== undefined && actions.within("", at - lookbackMs, at).length > 0;
    // Every candidate is history for those after it (pairs not remembered are read from the ledger when judged).
    actions?.remember("", { at, seq: entry.seq });
    if (!isJudged.has(entry)) continue;
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
}
