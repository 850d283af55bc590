import "server-only";
import type { Db } from "@/lib/db";
import type { GrantAction } from "@/lib/generated/prisma/enums";
import { grantActionOfLedgerAction } from "./ledger-usage-action";
import { emptyUsage, type TUsageByAction } from "./recommend-review-item";
import { USAGE_WINDOW_DAYS } from "./review-vocabulary";

const DAY_MS = 86_400_000;

/** One principal's successful ledger events, grouped by what they touched and did. */
export type TUsageRow = {
  artifactKey: string | null;
  digest: string | null;
  action: string;
  environment: string | null;
  lastAt: Date;
  recent: number;
  total: number;
};

/**
 * For each principal (by every id its events may carry: a user's id, subject and e-mail, a
 * service account's id and slug, a group's members), what it did in the ledger up to `now`:
 * one grouped query per principal over the (orgId, actorId, occurredAt) index.
 */
export async function gatherLedgerUsage(
  client: Db,
  {
    orgId,
    principals,
    now,
  }: {
    orgId: string;
    principals: { key: string; actorIds: string[] }[];
    now: Date;
  },
): Promise<Map<string, TUsageRow[]>> {
  const since = new Date(now.getTime() - USAGE_WINDOW_DAYS * DAY_MS);
  const result = new Map<string, TUsageRow[]>();
  const queue = [...principals];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (next.actorIds.length === 0) {
        result.set(next.key, []);
        continue;
      }
      const rows = await client.$queryRaw<TUsageRow[]>`
        SELECT "artifactId" AS "artifactKey", digest, action, environment, max("occurredAt") AS "lastAt",
               (count(*) FILTER (WHERE "occurredAt" >= ${since}))::int AS recent, count(*)::int AS total
        FROM "LedgerEntry"
        WHERE "orgId" = ${orgId} AND "actorId" = ANY(${next.actorIds}::text[]) AND outcome = 'success' AND "occurredAt" <= ${now}
        GROUP BY 1, 2, 3, 4`;
      result.set(next.key, rows);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return result;
}

/**
 * Usage of one grant, per grant action: events whose target resolves (by artifact id, registry
 * name or content digest) to an artifact in the grant's scope. A deploy grant for one environment
 * is not used by deploys to another.
 */
export function usageForGrant(
  rows: TUsageRow[],
  grant: { artifactIds: ReadonlySet<string>; environmentName: string | null },
  resolveArtifact: (row: TUsageRow) => string | null,
): TUsageByAction {
  const usage = emptyUsage();
  for (const row of rows) {
    const artifactId = resolveArtifact(row);
    if (!artifactId || !grant.artifactIds.has(artifactId)) continue;
    const used: GrantAction | null = grantActionOfLedgerAction(row.action);
    if (!used) continue;
    if (used === "deploy" && grant.environmentName && row.environment && row.environment !== grant.environmentName) continue;
    const entry = usage[used];
    const lastAt = new Date(row.lastAt).toISOString();
    if (!entry.lastAt || lastAt > entry.lastAt) entry.lastAt = lastAt;
    entry.uses90d += Number(row.recent);
    entry.uses += Number(row.total);
  }
  return usage;
}
