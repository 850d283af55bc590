import "server-only";
import type { DbTransaction } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TLedgerRecord } from "@/lib/ledger/ledger-record";
import { detectEntrySelect, type TDetectEntry } from "./detector";

// Stateful detectors keep no memory between passes: the window before a batch is read from the
// ledger's indexes (entries with a smaller seq), and the batch itself is walked in seq order, so
// judging an entry sees exactly the entries with seq <= its own whichever pass it falls in.

type THistoryQuery = { orgId: string; from: Date; to: Date; beforeSeq: bigint };

/** A batch to judge: the entries from `fromSeq` on, in seq order (raw: the per-row cost of the ORM is most of a 5,000-row read). */
export async function readDetectEntries(client: DbTransaction, query: { orgId: string; fromSeq: bigint; limit: number }) {
  return client.$queryRaw<TDetectEntry[]>`
    SELECT seq, "eventId"::text AS "eventId", "occurredAt", "sourceSystem", action, "actorId", "actorType", "actorDisplay",
      "actorOnBehalfOf", "artifactId", digest, environment, outcome, "tokenId", "submittedBy"
    FROM "LedgerEntry" WHERE "orgId" = ${query.orgId} AND seq >= ${query.fromSeq} ORDER BY seq LIMIT ${query.limit}`;
}

/** Entries by these actors in [from, to] with seq < beforeSeq (index orgId, actorId, occurredAt). */
export async function readActorHistory(
  client: DbTransaction,
  query: Omit<THistoryQuery, "to"> & {
    /** Without it, everything from `from` on. */
    to?: Date;
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
      occurredAt: { gte: query.from, ...(query.to && { lte: query.to }) },
      seq: { lt: query.beforeSeq },
    },
    select: detectEntrySelect,
  }) as Promise<TDetectEntry[]>;
}

/**
 * For each digest, what a lifecycle check needs of its entries with seq < beforeSeq:
 * the earliest entry of each distinct action (so "was it ever registered / validated by then" is
 * exact) and its 20 earliest entries (evidence), aggregated in the database instead of reading
 * every entry of a much-used digest (index orgId, digest, occurredAt).
 */
export async function readDigestStages(client: DbTransaction, query: Omit<THistoryQuery, "from" | "to"> & { digests: string[] }) {
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

export type TEntryNetwork = {
  seq: bigint;
  actorId: string;
  occurredAt: Date;
  network: { sourceIp?: string; userAgent?: string } | undefined;
};

/**
 * The network (source address, user agent) of these actors' entries, which only the hashed
 * record holds: taken out in the database rather than by shipping and parsing every record.
 * The bytes are read as Latin-1 (which any bytes are), so a record that is not UTF-8 or not JSON
 * yields no network instead of failing the pass (such bytes are verify's business), and the
 * strings are turned back into UTF-8 here.
 */
export async function readNetworks(
  client: DbTransaction,
  query: { orgId: string; actorIds: string[]; beforeSeq: bigint } & ({ from: Date } | { fromSeq: bigint }),
): Promise<TEntryNetwork[]> {
  if (query.actorIds.length === 0) return [];
  // A batch's entries are read by seq (the key) and then by actor: the actor index would walk each actor's whole history.
  const range =
    "from" in query
      ? Prisma.sql`"actorId" = ANY(${query.actorIds}::text[]) AND "occurredAt" >= ${query.from} AND seq < ${query.beforeSeq}`
      : Prisma.sql`("actorId" || '') = ANY(${query.actorIds}::text[]) AND seq >= ${query.fromSeq} AND seq < ${query.beforeSeq}`;
  const rows = await client.$queryRaw<
    { seq: bigint; actorId: string; occurredAt: Date; has: boolean | null; ip: string | null; ua: string | null }[]
  >(Prisma.sql`
    SELECT seq, "actorId", "occurredAt", json_typeof(n) = 'object' AS has, (n -> 'sourceIp')::text AS ip, (n -> 'userAgent')::text AS ua FROM (
      SELECT seq, "actorId", "occurredAt", CASE WHEN pg_input_is_valid(t, 'json') THEN t::json -> 'network' END AS n FROM (
        SELECT seq, "actorId", "occurredAt", convert_from(canonical, 'LATIN1') AS t FROM "LedgerEntry"
        WHERE "orgId" = ${query.orgId} AND ${range}) bytes) parsed`);
  // Each value comes as its JSON text (so no escape can make the database refuse to turn it into text).
  const text = (value: string | null) => {
    if (value === null) return undefined;
    const parsed: unknown = JSON.parse(Buffer.from(value, "latin1").toString("utf8"));
    return typeof parsed === "string" ? parsed : undefined;
  };
  return rows.map((row) => ({
    seq: row.seq,
    actorId: row.actorId,
    occurredAt: row.occurredAt,
    network: row.has ? { sourceIp: text(row.ip), userAgent: text(row.ua) } : undefined,
  }));
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
