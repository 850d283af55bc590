import "server-only";
import type pg from "pg";
import type { DbTransaction } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TLedgerRecord } from "@/lib/ledger/ledger-record";
import { detectEntrySelect, type TDetectEntry } from "./detector";

// What the detectors read of the ledger. The window before a batch comes from the ledger's indexes
// (entries with a smaller seq) when a detector's memory does not already hold it (warm-state.ts),
// and the batch itself is walked in seq order, so judging an entry sees exactly the entries with
// seq <= its own whichever pass it falls in.

type THistoryQuery = { orgId: string; from: Date; beforeSeq: bigint };

/**
 * A batch to judge: the entries from `fromSeq` on, in seq order, and the event id of the entry
 * before it (null at the ledger's start), in one read bounded by seq on both sides (seqs have no
 * gaps, so the key's range holds exactly the batch). On a node-postgres connection of its own,
 * rows as arrays: the ORM's per-row cost was most of a 5,000-row read. Committed entries never
 * change, so reading them outside the pass's transaction sees what it would.
 */
export async function readDetectEntries(
  pool: pg.Pool,
  query: { orgId: string; fromSeq: bigint; limit: number },
): Promise<{ entries: TDetectEntry[]; previousEventId: string | null }> {
  const low = query.fromSeq > 0n ? query.fromSeq - 1n : 0n;
  // occurredAt as epoch milliseconds: node-postgres would read a timestamp in the process's time zone.
  // (The order is the column's: `ORDER BY seq` would sort the text it is selected as.)
  const { rows } = await pool.query<unknown[]>({
    text: `SELECT seq::text, "eventId"::text, (extract(epoch FROM "occurredAt") * 1000)::float8, "sourceSystem", action, "actorId",
        "actorType", "actorDisplay", "actorOnBehalfOf", "artifactId", digest, environment, outcome, "tokenId", "submittedBy", "sourceIp", "userAgent"
      FROM "LedgerEntry" WHERE "orgId" = $1 AND seq >= $2 AND seq < $3 ORDER BY "LedgerEntry".seq`,
    values: [query.orgId, String(low), String(query.fromSeq + BigInt(query.limit))],
    rowMode: "array",
  });
  const entries = rows.map((row): TDetectEntry => ({
    seq: BigInt(row[0] as string),
    eventId: row[1] as string,
    occurredAt: new Date(row[2] as number),
    sourceSystem: row[3] as string,
    action: row[4] as string,
    actorId: row[5] as string,
    actorType: row[6] as string,
    actorDisplay: row[7] as string | null,
    actorOnBehalfOf: row[8] as string | null,
    artifactId: row[9] as string | null,
    digest: row[10] as string | null,
    environment: row[11] as string | null,
    outcome: row[12] as string,
    tokenId: row[13] as string | null,
    submittedBy: row[14] as string,
    sourceIp: row[15] as string | null,
    userAgent: row[16] as string | null,
  }));
  const previous = entries[0]?.seq === query.fromSeq - 1n ? entries.shift()! : null;
  return { entries, previousEventId: previous?.eventId ?? null };
}

/** Entries by these actors from `from` on with seq < beforeSeq (index orgId, actorId, occurredAt). */
export async function readActorHistory(
  client: DbTransaction,
  query: THistoryQuery & {
    actorIds: string[];
    artifactIds?: string[];
    outcomes?: string[];
  },
) {
  if (query.actorIds.length === 0) return [];
  return client.ledgerEntry.findMany({
    where: {
      orgId: query.orgId,
      actorId: { in: query.actorIds },
      ...(query.artifactIds ? { artifactId: { in: query.artifactIds } } : {}),
      ...(query.outcomes ? { outcome: { in: query.outcomes } } : {}),
      occurredAt: { gte: query.from },
      seq: { lt: query.beforeSeq },
    },
    select: detectEntrySelect,
  }) as Promise<TDetectEntry[]>;
}

/**
 * These actors' entries with these outcomes (none of them success) from `from` on with seq below
 * beforeSeq, from the partial index of unusual outcomes: an actor's successes, most of its
 * traffic, are never read (the actor index would walk them all).
 */
export async function readActorRefusals(
  client: DbTransaction,
  query: THistoryQuery & { actorIds: string[]; outcomes: ("denied" | "failure")[] },
): Promise<TDetectEntry[]> {
  if (query.actorIds.length === 0) return [];
  return client.$queryRaw<TDetectEntry[]>(Prisma.sql`
    SELECT seq, "eventId"::text AS "eventId", "occurredAt", "sourceSystem", action, "actorId", "actorType", "actorDisplay",
      "actorOnBehalfOf", "artifactId", digest, environment, outcome, "tokenId", "submittedBy", "sourceIp", "userAgent"
    FROM "LedgerEntry"
    WHERE "orgId" = ${query.orgId} AND outcome <> 'success' AND outcome = ANY(${query.outcomes}::text[])
      AND "occurredAt" >= ${query.from} AND seq < ${query.beforeSeq}
      AND "actorId" = ANY(${query.actorIds}::text[])`);
}

/**
 * For each digest, what a lifecycle check needs of its entries with seq < beforeSeq:
 * the earliest entry of each distinct action (so "was it ever registered / validated by then" is
 * exact) and its 20 earliest entries (evidence), aggregated in the database instead of reading
 * every entry of a much-used digest (index orgId, digest, occurredAt).
 */
export async function readDigestStages(client: DbTransaction, query: Omit<THistoryQuery, "from"> & { digests: string[] }) {
  if (query.digests.length === 0) return [];
  return client.$queryRaw<{ seq: bigint; action: string; occurredAt: Date; digest: string }[]>(Prisma.sql`
    SELECT DISTINCT d.digest, s.seq, s.action, s."occurredAt" FROM unnest(${query.digests}::text[]) AS d(digest)
    CROSS JOIN LATERAL (
      (SELECT DISTINCT ON (action) seq, action, "occurredAt" FROM "LedgerEntry"
        WHERE "orgId" = ${query.orgId} AND digest = d.digest AND seq < ${query.beforeSeq}
        ORDER BY action, "occurredAt", seq)
      UNION ALL
      (SELECT seq, action, "occurredAt" FROM "LedgerEntry"
        WHERE "orgId" = ${query.orgId} AND digest = d.digest AND seq < ${query.beforeSeq}
        ORDER BY "occurredAt", seq LIMIT 20)
    ) s`);
}

/** What the network-origin detector remembers of an entry: when, where in the ledger, and from where. */
export type TEntryOrigin = { seq: bigint; actorId: string; occurredAt: Date; sourceIp: string | null; userAgent: string | null };

/**
 * These actors' origins in [from, beforeSeq), summed up in the database as ReadBuckets would sum
 * them (read-buckets.ts): for each actor, origin and bucket of `bucketMs`, its first entry by seq,
 * its earliest and its latest. Remembering those gives the same memory as remembering every
 * entry, whatever an actor's traffic: a busy pipeline's month is a few rows, not millions.
 */
export async function readOrigins(
  client: DbTransaction,
  query: { orgId: string; actorIds: string[]; from: Date; beforeSeq: bigint; bucketMs: number },
): Promise<TEntryOrigin[]> {
  if (query.actorIds.length === 0) return [];
  const group = Prisma.sql`"actorId", "sourceIp", "userAgent", bucket`;
  return client.$queryRaw<TEntryOrigin[]>(Prisma.sql`
    WITH origins AS MATERIALIZED (
      SELECT seq, "actorId", "occurredAt", "sourceIp", "userAgent",
        floor(extract(epoch FROM "occurredAt") * 1000 / ${query.bucketMs}) AS bucket
      FROM "LedgerEntry"
      WHERE "orgId" = ${query.orgId} AND "actorId" = ANY(${query.actorIds}::text[]) AND "occurredAt" >= ${query.from}
        AND seq < ${query.beforeSeq} AND ("sourceIp" IS NOT NULL OR "userAgent" IS NOT NULL))
    SELECT seq, "actorId", "occurredAt", "sourceIp", "userAgent" FROM (
      (SELECT DISTINCT ON (${group}) * FROM origins ORDER BY ${group}, seq)
      UNION ALL (SELECT DISTINCT ON (${group}) * FROM origins ORDER BY ${group}, "occurredAt", seq)
      UNION ALL (SELECT DISTINCT ON (${group}) * FROM origins ORDER BY ${group}, "occurredAt" DESC, seq)) summed`);
}

/** When this organisation's ledger begins (its earliest occurredAt), or null when it is empty. */
export async function ledgerStart(client: DbTransaction, orgId: string): Promise<Date | null> {
  const first = await client.ledgerEntry.findFirst({ where: { orgId }, orderBy: { occurredAt: "asc" }, select: { occurredAt: true } });
  return first?.occurredAt ?? null;
}

/** The hashed records of these entries, parsed: only for what no column holds (network, details, outcome message). */
export async function readRecords(client: DbTransaction, orgId: string, seqs: bigint[]): Promise<Map<bigint, TLedgerRecord>> {
  const records = new Map<bigint, TLedgerRecord>();
  for (let i = 0; i < seqs.length; i += 5_000) {
    const rows = await client.ledgerEntry.findMany({
      where: { orgId, seq: { in: seqs.slice(i, i + 5_000) } },
      select: { seq: true, canonical: true },
    });
    for (const row of rows) {
      try {
        records.set(row.seq, JSON.parse(Buffer.from(row.canonical).toString("utf8")) as TLedgerRecord);
      } catch {
        // Bytes that do not parse are verify's business (a `bytes` failure), not a detector's.
      }
    }
  }
  return records;
}

export function minDate(dates: Date[]): Date {
  return new Date(Math.min(...dates.map((date) => date.getTime())));
}

export function maxDate(dates: Date[]): Date {
  return new Date(Math.max(...dates.map((date) => date.getTime())));
}
