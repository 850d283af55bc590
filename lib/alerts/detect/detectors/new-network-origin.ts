import "server-only";
import { grantActionOfLedgerAction } from "@/lib/reviews/ledger-usage-action";
import { actorLabel, DAY_MS, isCustodyInternal, isoMinute, type TDetectEntry, type TDetector, type TFinding } from "../detector";
import { addressRange, userAgentProduct } from "../network-origin";
import { reachBack, type ReadBuckets } from "../read-buckets";
import { readOrigins } from "../read-history";
import { warmState } from "../warm-state";

type TNetwork = { sourceIp: string | null; userAgent: string | null };

/** An entry's origin (its derived columns), or null when its record names none. */
function networkOf(row: TNetwork): TNetwork | null {
  return row.sourceIp === null && row.userAgent === null ? null : { sourceIp: row.sourceIp, userAgent: row.userAgent };
}

/** `derive` of each distinct value computed once (null stays null). */
function onceEach(derive: (value: string) => string | null): (value: string | null) => string | null {
  const derived = new Map<string, string | null>();
  return (value) => {
    if (value === null) return null;
    let result = derived.get(value);
    if (result === undefined) derived.set(value, (result = derive(value)));
    return result;
  };
}

/** Actors whose origins the memory holds at most. */
const actorLimit = 50_000;
/**
 * Per actor that took a sensitive action, the origins of all its entries (read-buckets.ts, keys
 * `range:…`, `product:…` and `any`), carried from batch to batch (warm-state.ts).
 */
const memory = warmState<Map<string, ReadBuckets>>();

/**
 * A sensitive action from an address range (or a user-agent product) the actor used for none of
 * its entries in the look-back (any action: a pipeline reads from where it deploys). An actor
 * with no earlier origin at all has no baseline and is left to the new-actor detector. An actor's
 * look-back is read from the ledger once, when it first takes a sensitive action; after that each
 * batch's entries of it are remembered as they are judged (the origin columns come with the batch).
 */
export const newNetworkOrigin: TDetector<"new_network_origin"> = {
  key: "new_network_origin",
  async judge({ client, orgId, catalogue, entries, previousEventId, settings }) {
    const place = { orgId, entries, previousEventId };
    const settingsKey = JSON.stringify([settings.lookbackDays, settings.ipv4PrefixLength]);
    const actors = memory.take(place, settingsKey, () => new Map());
    if (actors.size > actorLimit) actors.clear();
    try {
      return await judgeWith(actors, { client, orgId, catalogue, entries, settings });
    } finally {
      // Kept even when judging fails: the failed batch's transaction is undone, so the next one will not follow it.
      memory.keep(place, settingsKey, actors);
    }
  },
};

async function judgeWith(
  actors: Map<string, ReadBuckets>,
  { client, orgId, entries, settings }: Omit<Parameters<TDetector<"new_network_origin">["judge"]>[0], "previousEventId">,
): Promise<TFinding[]> {
  const lookbackMs = settings.lookbackDays * DAY_MS;
  // A batch holds few distinct origins: each is turned into its range and product once.
  const rangeOf = onceEach((ip) => addressRange(ip, settings.ipv4PrefixLength));
  const productOf = onceEach(userAgentProduct);
  const isCandidate = (entry: TDetectEntry) => {
    if (isCustodyInternal(entry) || entry.outcome !== "success") return false;
    const action = grantActionOfLedgerAction(entry.action);
    return action !== null && settings.actions.includes(action);
  };
  const candidates = entries.filter(isCandidate);
  const candidateActors = new Set(candidates.map((entry) => entry.actorId));
  const tracked = entries.filter((entry) => actors.has(entry.actorId) || candidateActors.has(entry.actorId));
  const needed = new Map<string, number>();
  for (const entry of candidates)
    if (networkOf(entry))
      needed.set(entry.actorId, Math.min(needed.get(entry.actorId) ?? Infinity, entry.occurredAt.getTime() - lookbackMs));
  const bucketMs = Math.ceil(lookbackMs / 2);
  await reachBack({
    memory: actors,
    needed,
    bucketMs,
    load: (actorIds, from) => readOrigins(client, { orgId, actorIds, from, beforeSeq: entries[0]!.seq, bucketMs }),
    subjectOf: (row) => row.actorId,
    remember: (origins, row) => remember(origins, row, networkOf(row)),
  });

  const findings: TFinding[] = [];
  for (const entry of tracked) {
    const origins = actors.get(entry.actorId);
    if (!origins) continue;
    const network = networkOf(entry);
    const judged = network && isCandidate(entry) ? judge(origins, entry, network) : null;
    if (judged) findings.push(judged);
    remember(origins, entry, network);
  }
  for (const actorId of new Set(tracked.map((entry) => entry.actorId))) {
    const origins = actors.get(actorId);
    origins?.forgetBefore(origins.latestAt - 2 * lookbackMs);
  }
  return findings;

  function remember(origins: ReadBuckets, entry: Pick<TDetectEntry, "seq" | "occurredAt">, network: TNetwork | null) {
    if (!network) return;
    const sighting = { at: entry.occurredAt.getTime(), seq: entry.seq };
    const range = rangeOf(network.sourceIp);
    const product = productOf(network.userAgent);
    origins.remember("any", sighting);
    if (range !== null) origins.remember(`range:${range}`, sighting);
    if (product !== null) origins.remember(`product:${product}`, sighting);
  }

  function judge(origins: ReadBuckets, entry: TDetectEntry, network: TNetwork): TFinding | null {
    const at = entry.occurredAt.getTime();
    const since = at - lookbackMs;
    const range = rangeOf(network.sourceIp);
    const product = productOf(network.userAgent);
    const seen = (key: string) => origins.within(key, since, at).length > 0;
    const rangeSeen = range === null || seen(`range:${range}`);
    const productSeen = !settings.userAgent || product === null || seen(`product:${product}`);
    if ((rangeSeen && productSeen) || !seen("any")) return null;
    const known = (prefix: string) =>
      [...origins.keys.keys()].filter((key) => key.startsWith(prefix) && seen(key)).map((key) => key.slice(prefix.length));
    const ranges = known("range:");
    const products = known("product:");
    const newRange = !rangeSeen;
    const newProduct = !productSeen && products.length > 0;
    if (!newRange && !newProduct) return null;
    const what = [newRange ? `address range ${range}` : null, newProduct ? `user agent ${product}` : null].filter(Boolean).join(" and ");
    return {
      dedupKey: `${entry.actorId}|${newRange ? range : ""}|${newProduct ? product : ""}`,
      title: `${entry.actorDisplay ?? entry.actorId} ran ${entry.action} from a new ${newRange ? "network" : "client"}`,
      summary:
        `Observed: ${actorLabel(entry)} performed ${entry.action}${entry.artifactId ? ` on ${entry.artifactId}` : ""} at ${isoMinute(entry.occurredAt)} from ` +
        `${network.sourceIp ?? "an unknown address"} with ${network.userAgent ?? "no user agent"}. Expected: the ${what} seen before; ` +
        `in the last ${settings.lookbackDays} days they used ${ranges.slice(0, 5).join(", ") || "no known range"}` +
        `${settings.userAgent ? ` with ${products.slice(0, 5).join(", ") || "no known user agent"}` : ""}.`,
      observed: { sourceIp: network.sourceIp ?? null, range, userAgent: network.userAgent ?? null, product },
      expected: { ranges: ranges.slice(0, 20), products: products.slice(0, 20), lookbackDays: settings.lookbackDays },
      actorId: entry.actorId,
      actorDisplay: entry.actorDisplay,
      artifactId: entry.artifactId,
      evidence: [entry.seq],
      occurredAt: entry.occurredAt,
    };
  }
}
