import "server-only";
import { grantActionOfLedgerAction } from "@/lib/reviews/ledger-usage-action";
import { actorLabel, DAY_MS, isCustodyInternal, isoMinute, type TDetector, type TFinding } from "../detector";
import { addressRange, userAgentProduct } from "../network-origin";
import { maxDate, minDate, readRecords } from "../read-history";
import { Prisma } from "@/lib/generated/prisma/client";

type TNetwork = { sourceIp?: string; userAgent?: string };

/**
 * Parsed networks by event id (unique, random, and never reused: a ledger entry never changes), for
 * this process; bounded by clearing it past `networkCacheLimit`.
 */
let networkCache = new Map<string, TNetwork | null>();
const networkCacheLimit = 1_000_000;

type TOrigin = { seq: bigint; at: number; range: string | null; product: string | null };

/** How many earlier entries of one actor make its baseline at most (the newest). */
const baselineLimit = 2_000;

/**
 * A sensitive action from an address range (or a user-agent product) the actor used for none of
 * its entries in the look-back. An actor with no earlier origin at all has no baseline and is
 * left to the new-actor detector.
 */
export const newNetworkOrigin: TDetector<"new_network_origin"> = {
  key: "new_network_origin",
  async judge({ client, orgId, entries, settings }) {
    const lookbackMs = settings.lookbackDays * DAY_MS;
    const candidates = entries.filter((entry) => {
      if (isCustodyInternal(entry) || entry.outcome !== "success") return false;
      const action = grantActionOfLedgerAction(entry.action);
      return action !== null && settings.actions.includes(action);
    });
    if (candidates.length === 0) return [];
    const records = await readRecords(
      client,
      orgId,
      candidates.map((entry) => entry.seq),
    );
    const originOf = (seq: bigint, at: Date, network: { sourceIp?: string; userAgent?: string } | undefined): TOrigin => ({
      seq,
      at: at.getTime(),
      range: addressRange(network?.sourceIp, settings.ipv4PrefixLength),
      product: userAgentProduct(network?.userAgent),
    });
    const judged = candidates.filter((entry) => records.get(entry.seq)?.network);
    if (judged.length === 0) return [];
    const from = new Date(minDate(judged.map((entry) => entry.occurredAt)).getTime() - lookbackMs);
    const to = maxDate(judged.map((entry) => entry.occurredAt));
    const findings: TFinding[] = [];
    const actorIds = [...new Set(judged.map((entry) => entry.actorId))];
    // Each actor's newest entries before the batch (one query over the (orgId, actorId, occurredAt)
    // index), then the network of those not parsed before in this process: a ledger entry never
    // changes, so its bytes are parsed once, not once per batch.
    const rows = await client.$queryRaw<{ actorId: string; seq: bigint; eventId: string; occurredAt: Date }[]>(Prisma.sql`
      SELECT a.id AS "actorId", h.seq, h."eventId"::text AS "eventId", h."occurredAt" FROM unnest(${actorIds}::text[]) AS a(id)
      CROSS JOIN LATERAL (
        SELECT seq, "eventId", "occurredAt" FROM "LedgerEntry"
        WHERE "orgId" = ${orgId} AND "actorId" = a.id AND "occurredAt" >= ${from} AND "occurredAt" <= ${to} AND seq < ${entries[0]!.seq}
        ORDER BY "occurredAt" DESC LIMIT ${baselineLimit}
      ) h`);
    if (networkCache.size > networkCacheLimit) networkCache = new Map();
    const networks = networkCache;
    const unknown = rows.filter((row) => !networks.has(row.eventId));
    const parsed = await readRecords(
      client,
      orgId,
      unknown.map((row) => row.seq),
    );
    for (const row of unknown) networks.set(row.eventId, parsed.get(row.seq)?.network ?? null);
    const historyOf = new Map<string, typeof rows>();
    for (const row of rows) {
      const list = historyOf.get(row.actorId);
      if (list) list.push(row);
      else historyOf.set(row.actorId, [row]);
    }
    for (const actorId of actorIds) {
      const origins: TOrigin[] = [];
      for (const row of historyOf.get(actorId) ?? []) {
        const network = networks.get(row.eventId);
        if (network) origins.push(originOf(row.seq, row.occurredAt, network));
      }
      // The batch's own entries with a network are history for those after them.
      for (const entry of entries)
        if (entry.actorId === actorId && records.get(entry.seq)?.network)
          origins.push(originOf(entry.seq, entry.occurredAt, records.get(entry.seq)!.network));
      // By range and by product, so the usual verdict (an origin seen before) is one short scan.
      const byRange = groupOrigins(origins, (item) => item.range);
      const byProduct = groupOrigins(origins, (item) => item.product);
      for (const entry of judged.filter((item) => item.actorId === actorId)) {
        const network = records.get(entry.seq)!.network!;
        const origin = originOf(entry.seq, entry.occurredAt, network);
        const since = entry.occurredAt.getTime() - lookbackMs;
        const inBaseline = (item: TOrigin) => item.seq < entry.seq && item.at >= since && item.at <= origin.at;
        const rangeSeen = origin.range === null || (byRange.get(origin.range) ?? []).some(inBaseline);
        const productSeen = !settings.userAgent || origin.product === null || (byProduct.get(origin.product) ?? []).some(inBaseline);
        if (rangeSeen && productSeen) continue;
        const baseline = origins.filter(inBaseline);
        if (baseline.length === 0) continue;
        const ranges = new Set(baseline.map((item) => item.range).filter((range) => range !== null));
        const products = new Set(baseline.map((item) => item.product).filter((product) => product !== null));
        const newRange = origin.range !== null && !ranges.has(origin.range);
        const newProduct = settings.userAgent && origin.product !== null && products.size > 0 && !products.has(origin.product);
        if (!newRange && !newProduct) continue;
        const what = [newRange ? `address range ${origin.range}` : null, newProduct ? `user agent ${origin.product}` : null]
          .filter(Boolean)
          .join(" and ");
        findings.push({
          dedupKey: `${actorId}|${newRange ? origin.range : ""}|${newProduct ? origin.product : ""}`,
          title: `${entry.actorDisplay ?? actorId} ran ${entry.action} from a new ${newRange ? "network" : "client"}`,
          summary:
            `Observed: ${actorLabel(entry)} performed ${entry.action}${entry.artifactId ? ` on ${entry.artifactId}` : ""} at ${isoMinute(entry.occurredAt)} from ` +
            `${network.sourceIp ?? "an unknown address"} with ${network.userAgent ?? "no user agent"}. Expected: the ${what} seen before; ` +
            `in the last ${settings.lookbackDays} days they used ${[...ranges].slice(0, 5).join(", ") || "no known range"}` +
            `${settings.userAgent ? ` with ${[...products].slice(0, 5).join(", ") || "no known user agent"}` : ""}.`,
          observed: {
            sourceIp: network.sourceIp ?? null,
            range: origin.range,
            userAgent: network.userAgent ?? null,
            product: origin.product,
          },
          expected: { ranges: [...ranges].slice(0, 20), products: [...products].slice(0, 20), lookbackDays: settings.lookbackDays },
          actorId,
          actorDisplay: entry.actorDisplay,
          artifactId: entry.artifactId,
          evidence: [entry.seq],
          occurredAt: entry.occurredAt,
        });
      }
    }
    return findings;
  },
};

function groupOrigins(origins: TOrigin[], keyOf: (origin: TOrigin) => string | null): Map<string, TOrigin[]> {
  const groups = new Map<string, TOrigin[]>();
  for (const origin of origins) {
    const key = keyOf(origin);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(origin);
    else groups.set(key, [origin]);
  }
  return groups;
}
