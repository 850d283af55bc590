import "server-only";
import type { Db, DbTransaction } from "@/lib/db";
import { grantActionOfLedgerAction } from "@/lib/reviews/ledger-usage-action";

// The ledger, summarised per UTC day into ControlLedgerDaily, so a test over 90 days of history
// reads a few thousand summary rows instead of millions of entries. Advanced by seq in chunks,
// each chunk and the cursor in one transaction: a crash repeats nothing and loses nothing, and
// events back-dated by their source land on their own day whatever order they arrive in.

const CHUNK = 100_000;
/** Entries read in one pass after which the summary table's statistics are refreshed. */
const ANALYZE_AFTER = 1_000;

type TGroupedEntry = {
  day: Date;
  actorId: string;
  artifactId: string | null;
  digest: string | null;
  action: string;
  environment: string | null;
  outcome: string;
  sourceSystem: string;
  tokenId: string | null;
  lastAt: Date;
  n: number;
};

type TSummaryRow = { kind: string; day: string; k1: string; k2: string; k3: string; n: number; lastAt: Date };

/** Summarises the entries appended since the last pass; returns how many it read. */
export async function summarizeLedger({
  client,
  orgId,
  maxEntries = Infinity,
  analyzeAfter = ANALYZE_AFTER,
}: {
  client: Db;
  orgId: string;
  maxEntries?: number;
  /** Entries read in this pass after which the summary table's statistics are refreshed. */
  analyzeAfter?: number;
}) {
  const resolve = await artifactResolver(client, orgId);
  let read = 0;
  for (;;) {
    const done = await client.$transaction(
      async (tx) => {
        await tx.$executeRaw`INSERT INTO "ControlLedgerCursor" ("orgId", "nextSeq") VALUES (${orgId}, 0) ON CONFLICT DO NOTHING`;
        const [cursor] = await tx.$queryRaw<{ nextSeq: bigint }[]>`
          SELECT "nextSeq" FROM "ControlLedgerCursor" WHERE "orgId" = ${orgId} FOR UPDATE`;
        const from = cursor!.nextSeq;
        const [top] = await tx.$queryRaw<{ size: bigint | null }[]>`
          SELECT max(seq) + 1 AS size FROM "LedgerEntry" WHERE "orgId" = ${orgId} AND seq >= ${from}`;
        const size = top?.size ?? from;
        if (size <= from) return true;
        const to = size < from + BigInt(CHUNK) ? size : from + BigInt(CHUNK);
        const grouped = await tx.$queryRaw<TGroupedEntry[]>`
          SELECT "occurredAt"::date AS day, "actorId", "artifactId", digest, action, environment, outcome, "sourceSystem", "tokenId",
                 max("occurredAt") AS "lastAt", count(*)::int AS n
          FROM "LedgerEntry" WHERE "orgId" = ${orgId} AND seq >= ${from} AND seq < ${to}
          GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;
        await upsertSummary(tx, orgId, summarize(grouped, resolve));
        await tx.$executeRaw`UPDATE "ControlLedgerCursor" SET "nextSeq" = ${to}, "updatedAt" = now() WHERE "orgId" = ${orgId}`;
        read += Number(to - from);
        return to >= size;
      },
      { timeout: 120_000 },
    );
    if (done || read >= maxEntries) break;
  }
  // After a large pass (the first one, a backfill), the planner's statistics still describe the
  // table before it: refresh them now, or the rollups computed next are planned for an empty table
  // (nested loops over tens of thousands of rows: 30 s per test instead of about one). Cheap: ANALYZE samples at most 30,000 rows..
  if (read >= analyzeAfter) await client.$executeRaw`ANALYZE "ControlLedgerDaily"`;
  return { read };
}

function summarize(grouped: TGroupedEntry[], resolve: (row: TGroupedEntry) => string | null): TSummaryRow[] {
  const rows = new Map<string, TSummaryRow>();
  const add = (kind: string, day: Date, k1: string, k2: string, k3: string, n: number, lastAt: Date) => {
    const dayText = new Date(day).toISOString().slice(0, 10);
    const key = [kind, dayText, k1, k2, k3].join("\u0000");
    const found = rows.get(key);
    if (found) {
      found.n += n;
      if (lastAt > found.lastAt) found.lastAt = lastAt;
    } else rows.set(key, { kind, day: dayText, k1, k2, k3, n, lastAt: new Date(lastAt) });
  };
  for (const row of grouped) {
    add("source", row.day, row.sourceSystem, "", "", row.n, row.lastAt);
    if (row.tokenId) add("token", row.day, row.tokenId, "", "", row.n, row.lastAt);
    if (row.outcome !== "success") continue;
    const used = grantActionOfLedgerAction(row.action);
    if (!used) continue;
    const artifactId = resolve(row);
    if (artifactId) add("use", row.day, row.actorId, artifactId, `${used}|${row.environment ?? ""}`, row.n, row.lastAt);
    const undeploy = /undeploy|rollback/.test(row.action.toLowerCase());
    if (used === "deploy" && !undeploy && row.environment === "prod" && row.digest)
      add("prod_deploy", row.day, artifactId ?? row.artifactId ?? "", row.digest.toLowerCase(), row.actorId, row.n, row.lastAt);
  }
  return [...rows.values()];
}

async function upsertSummary(tx: DbTransaction, orgId: string, rows: TSummaryRow[]) {
  for (let start = 0; start < rows.length; start += 5_000) {
    const batch = rows.slice(start, start + 5_000);
    await tx.$executeRaw`
      INSERT INTO "ControlLedgerDaily" ("orgId", kind, day, k1, k2, k3, n, "lastAt")
      SELECT ${orgId}, kind, day::date, k1, k2, k3, n, "lastAt"
      FROM unnest(${batch.map((row) => row.kind)}::text[], ${batch.map((row) => row.day)}::text[], ${batch.map((row) => row.k1)}::text[],
                  ${batch.map((row) => row.k2)}::text[], ${batch.map((row) => row.k3)}::text[], ${batch.map((row) => row.n)}::int[],
                  ${batch.map((row) => row.lastAt.toISOString())}::timestamp[]) AS s(kind, day, k1, k2, k3, n, "lastAt")
      ON CONFLICT ("orgId", kind, day, k1, k2, k3)
      DO UPDATE SET n = "ControlLedgerDaily".n + EXCLUDED.n, "lastAt" = GREATEST("ControlLedgerDaily"."lastAt", EXCLUDED."lastAt")`;
  }
}

/** An event's target as a Custody artifact id: by id, by registry name, or by a version's digest. */
async function artifactResolver(client: Db, orgId: string): Promise<(row: TGroupedEntry) => string | null> {
  const artifacts = await client.artifact.findMany({ where: { orgId }, select: { id: true, name: true } });
  const versions = await client.artifactVersion.findMany({ where: { orgId }, select: { artifactId: true, digest: true } });
  const byId = new Set(artifacts.map((artifact) => artifact.id));
  const byName = new Map(artifacts.map((artifact) => [artifact.name.toLowerCase(), artifact.id]));
  const byDigest = new Map(versions.map((version) => [version.digest.toLowerCase(), version.artifactId]));
  return (row) => {
    if (row.artifactId && byId.has(row.artifactId)) return row.artifactId;
    const named = row.artifactId ? byName.get(row.artifactId.toLowerCase()) : undefined;
    if (named) return named;
    return row.digest ? (byDigest.get(row.digest.toLowerCase()) ?? null) : null;
  };
}
