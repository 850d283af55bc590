import "server-only";
import type { Db } from "@/lib/db";
import { testDefinitions } from "./catalogue";
import { ensureControlCatalogue } from "./ensure-catalogue";
import { fingerprintControlInputs } from "./fingerprint-inputs";
import { loadCatalogueSettings } from "./load-catalogue-settings";
import { summarizeLedger } from "./summarize-ledger";
import { countsQuery, manyMoments, unitsQuery } from "./test-units";

const DAY_MS = 86_400_000;
/** Today's rows are recomputed at least this often, for what changes with time alone (a source's silence, a verification's age). */
const TODAY_MAX_AGE_MS = 10 * 60_000;

/** Tests of alerts need the detectors (issue 11): without them they are "not available", never passing. */
const detectorOf: Record<string, string | "any"> = {
  "access-without-grant-alerts": "access_without_grant",
  "alerts-acknowledged-in-sla": "any",
  "open-critical-alerts": "any",
};
/** Tests with nothing to measure until the ledger has it: no row means "not available". */
const needsRows = new Set(["full-verification-fresh", "sources-reporting", "ledger-covers-six-months", "ledger-covers-ninety-days"]);

/** Tests whose queries take longest at scale (every grant at every moment). */
const slowTests = new Set(["grants-used", "use-after-revocation", "privileged-grants-certified", "deploy-never-used"]);
const TESTS_AT_ONCE = 2;

export type TMoment = { day: string; asOf: Date };

type TAggregate = { as_of: Date; team_id: string; failing: number; total: number; at_risk: number; measure: number | null };

/** A UTC day's moment: its last millisecond for past days, `now` for today. */
export function momentOf(day: string, now: Date): TMoment {
  const end = new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS - 1);
  return { day, asOf: end < now ? end : now };
}

export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The last `count` UTC days up to and including today's, oldest first. */
export function lastDays(now: Date, count: number): string[] {
  const today = Date.parse(`${dayOf(now)}T00:00:00.000Z`);
  return Array.from({ length: count }, (_, index) => dayOf(new Date(today - (count - 1 - index) * DAY_MS)));
}

export type TRollupRow = {
  day: string;
  testKey: string;
  teamId: string;
  available: boolean;
  failing: number;
  total: number;
  atRisk: number;
  measure: number | null;
};

/** Every test's counts per team at each moment, straight from the data (no rollup read). */
export async function aggregateTests({
  client,
  orgId,
  moments,
  onTest,
}: {
  client: Db;
  orgId: string;
  moments: TMoment[];
  /** Told how long each test's query took (the benchmark prints the slowest). */
  onTest?: (testKey: string, milliseconds: number) => void;
}): Promise<TRollupRow[]> {
  const settings = await loadCatalogueSettings(client, orgId);
  const rules = await client.alertRule.findMany({ where: { orgId, enabled: true }, select: { detector: true } });
  const [first] = await client.$queryRaw<{ recordedAt: Date }[]>`
    SELECT "recordedAt" FROM "LedgerEntry" WHERE "orgId" = ${orgId} ORDER BY seq LIMIT 1`;
  const byIso = new Map(moments.map((moment) => [moment.asOf.toISOString(), moment.day]));
  const computeTest = async (test: (typeof testDefinitions)[number]): Promise<TRollupRow[]> => {
    const rows: TRollupRow[] = [];
    const detector = detectorOf[test.key];
    const detectorOn = detector === undefined || (detector === "any" ? rules.length > 0 : rules.some((rule) => rule.detector === detector));
    if (!detectorOn) {
      for (const moment of moments)
        rows.push({ day: moment.day, testKey: test.key, teamId: "", available: false, failing: 0, total: 0, atRisk: 0, measure: null });
      return rows;
    }
    const { threshold, slaDays } = settings.forTest(test.key);
    const ctx = { orgId, days: manyMoments(moments.map((moment) => moment.asOf)), threshold, slaDays };
    const counted = countsQuery(test.key, ctx);
    const started = performance.now();
    // A backfill sorts and hashes millions of grant-moment rows: with the default work_mem (4 MB)
    // every sort spills to disk; a transaction-local 256 MB keeps them in memory (2-3x faster).
    const aggregates = await client.$transaction(
      async (tx) => {
        await tx.$executeRaw`SET LOCAL work_mem = '256MB'`;
        if (counted) return tx.$queryRaw<TAggregate[]>`${counted}`;
        return tx.$queryRaw<TAggregate[]>`
          SELECT as_of, team_id, (count(*) FILTER (WHERE failing))::int AS failing, count(*)::int AS total,
                 (count(*) FILTER (WHERE at_risk AND NOT failing))::int AS at_risk, max(measure) AS measure
          FROM (${unitsQuery(test.key, ctx)}) u GROUP BY as_of, team_id`;
      },
      { timeout: 600_000, maxWait: 60_000 },
    );
    onTest?.(test.key, performance.now() - started);
    const seen = new Set<string>();
    for (const row of aggregates) {
      const day = byIso.get(new Date(row.as_of).toISOString());
      if (!day) continue;
      seen.add(day);
      rows.push({
        day,
        testKey: test.key,
        teamId: row.team_id ?? "",
        available: true,
        failing: row.failing,
        total: row.total,
        atRisk: row.at_risk,
        measure: row.measure === null ? null : Math.round(row.measure * 1e4) / 1e4,
      });
    }
    for (const moment of moments) {
      if (seen.has(moment.day)) continue;
      const available =
        test.key === "checkpoints-continuous"
          ? first !== undefined && first.recordedAt.getTime() <= moment.asOf.getTime() - 10 * 60_000
          : !needsRows.has(test.key);
      rows.push({ day: moment.day, testKey: test.key, teamId: "", available, failing: 0, total: 0, atRisk: 0, measure: null });
    }
    return rows;
  };
  // Two tests at a time: each query runs on one core (the large ones are not parallelised by
  // PostgreSQL), so a backfill uses two. The slowest tests go first, so they do not end alone.
  const order = [...testDefinitions].sort((a, b) => Number(slowTests.has(b.key)) - Number(slowTests.has(a.key)));
  const results = new Map<string, TRollupRow[]>();
  const queue = [...order];
  const worker = async () => {
    for (let test = queue.shift(); test; test = queue.shift()) results.set(test.key, await computeTest(test));
  };
  await Promise.all(Array.from({ length: TESTS_AT_ONCE }, worker));
  return testDefinitions.flatMap((test) => results.get(test.key)!);
}

/** Computes every test for the moments and replaces their rollup rows (per team) in one transaction. */
export async function computeRollups({
  client,
  orgId,
  moments,
  onTest,
  inputs = null,
}: {
  client: Db;
  orgId: string;
  moments: TMoment[];
  onTest?: (testKey: string, milliseconds: number) => void;
  /** The fingerprint of the inputs (for today's rows), taken before computing. */
  inputs?: string | null;
}) {
  if (moments.length === 0) return { rows: 0 };
  const [size] = await client.$queryRaw<{ size: bigint | null }[]>`SELECT max(seq) + 1 AS size FROM "LedgerEntry" WHERE "orgId" = ${orgId}`;
  const throughSeq = size?.size ?? 0n;
  const rows = await aggregateTests({ client, orgId, moments, onTest });
  const days = moments.map((moment) => moment.day);
  const asOfByDay = new Map(moments.map((moment) => [moment.day, moment.asOf.toISOString()]));
  await client.$transaction(async (tx) => {
    await tx.$executeRaw`DELETE FROM "ControlDailyRollup" WHERE "orgId" = ${orgId} AND day = ANY(${days}::date[])`;
    for (let start = 0; start < rows.length; start += 5_000) {
      const batch = rows.slice(start, start + 5_000);
      await tx.$executeRaw`
        INSERT INTO "ControlDailyRollup" ("orgId", day, "testKey", "teamId", available, failing, total, "atRisk", measure, "computedAt", "throughSeq", inputs)
        SELECT ${orgId}, day::date, test, team, available, failing, total, at_risk, measure, as_of, ${throughSeq}, ${inputs}
        FROM unnest(${batch.map((r) => r.day)}::text[], ${batch.map((r) => r.testKey)}::text[], ${batch.map((r) => r.teamId)}::text[],
          ${batch.map((r) => r.available)}::boolean[], ${batch.map((r) => r.failing)}::int[], ${batch.map((r) => r.total)}::int[],
          ${batch.map((r) => r.atRisk)}::int[], ${batch.map((r) => r.measure)}::float8[],
          ${batch.map((r) => asOfByDay.get(r.day)!)}::timestamp[]) AS s(day, test, team, available, failing, total, at_risk, measure, as_of)`;
    }
  });
  return { rows: rows.length };
}

/**
 * Keeps the rollups current, incrementally: summarises new ledger entries, computes each past day
 * (of the last `daysBack`) that has no final row yet (computed after its end), and recomputes
 * today's rows when what they depend on changed (fingerprintControlInputs) or they are 10 minutes
 * old — not merely because the ledger grew: reading a page is itself a ledger entry.
 */
export async function refreshRollups({
  client,
  orgId,
  now = new Date(),
  daysBack = 180,
}: {
  client: Db;
  orgId: string;
  now?: Date;
  daysBack?: number;
}) {
  await ensureControlCatalogue(client, orgId);
  await summarizeLedger({ client, orgId });
  const days = lastDays(now, daysBack);
  const today = days[days.length - 1]!;
  const [state, inputs] = await Promise.all([
    client.$queryRaw<{ day: Date; computedAt: Date; inputs: string | null }[]>`
      SELECT day, min("computedAt") AS "computedAt", min(inputs) AS inputs FROM "ControlDailyRollup"
      WHERE "orgId" = ${orgId} AND day >= ${days[0]}::date GROUP BY day`,
    fingerprintControlInputs({ client, orgId, today }),
  ]);
  const byDay = new Map(state.map((row) => [dayOf(new Date(row.day)), row]));
  const pastMissing = days.slice(0, -1).filter((day) => {
    const row = byDay.get(day);
    // computedAt is the moment the figures are as of: a day is final once computed as of its last millisecond.
    return !row || row.computedAt.getTime() < Date.parse(`${day}T00:00:00.000Z`) + DAY_MS - 1;
  });
  if (pastMissing.length > 0) await computeRollups({ client, orgId, moments: pastMissing.map((day) => momentOf(day, now)) });
  const todays = byDay.get(today);
  const stale = !todays || todays.inputs !== inputs || todays.computedAt.getTime() < now.getTime() - TODAY_MAX_AGE_MS;
  if (stale) await computeRollups({ client, orgId, moments: [momentOf(today, now)], inputs });
  return { pastComputed: pastMissing.length, todayComputed: stale };
}
