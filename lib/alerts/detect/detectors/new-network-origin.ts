import "server-only";
import { grantActionOfLedgerAction } from "@/lib/reviews/ledger-usage-action";
import { actorLabel, DAY_MS, isCustodyInternal, isoMinute, type TDetector, type TFinding } from "../detector";
import { addressRange, userAgentProduct } from "../network-origin";
import { maxDate, minDate, readRecords } from "../read-history";

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
    for (const actorId of new Set(judged.map((entry) => entry.actorId))) {
      const rows = await client.ledgerEntry.findMany({
        where: { orgId, actorId, occurredAt: { gte: from, lte: to }, seq: { lt: entries[0]!.seq } },
        select: { seq: true, occurredAt: true, canonical: true },
        orderBy: { occurredAt: "desc" },
        take: baselineLimit,
      });
      const origins: TOrigin[] = [];
      for (const row of rows) {
        try {
          const record = JSON.parse(Buffer.from(row.canonical).toString("utf8")) as { network?: { sourceIp?: string; userAgent?: string } };
          if (record.network) origins.push(originOf(row.seq, row.occurredAt, record.network));
        } catch {
          // Unparseable bytes are verify's to report.
        }
      }
      // The batch's own entries with a network are history for those after them.
      for (const entry of entries)
        if (entry.actorId === actorId && records.get(entry.seq)?.network)
          origins.push(originOf(entry.seq, entry.occurredAt, records.get(entry.seq)!.network));
      for (const entry of judged.filter((item) => item.actorId === actorId)) {
        const network = records.get(entry.seq)!.network!;
        const origin = originOf(entry.seq, entry.occurredAt, network);
        const since = entry.occurredAt.getTime() - lookbackMs;
        const baseline = origins.filter((item) => item.seq < entry.seq && item.at >= since && item.at <= origin.at);
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
