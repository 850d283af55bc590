import "server-only";
import type { Db } from "@/lib/db";
import { testDefinitions } from "./catalogue";
import type { TTestCounts } from "./test-status";

const organisationTests = testDefinitions.filter((test) => test.scope === "organisation").map((test) => test.key);

/** Stored daily counts per test from `fromDay`, summed over the teams in scope (organisation-wide tests always whole). */
export async function readRollups({
  client,
  orgId,
  fromDay,
  teamIds,
}: {
  client: Db;
  orgId: string;
  fromDay: string;
  teamIds: string[] | null;
}) {
  const rows = await client.$queryRaw<
    { day: Date; testKey: string; available: boolean; failing: number; total: number; atRisk: number; measure: number | null }[]
  >`
    SELECT day, "testKey", bool_and(available) AS available, sum(failing)::int AS failing, sum(total)::int AS total,
           sum("atRisk")::int AS "atRisk", max(measure) AS measure
    FROM "ControlDailyRollup"
    WHERE "orgId" = ${orgId} AND day >= ${fromDay}::date
      AND (${teamIds === null} OR "testKey" = ANY(${organisationTests}::text[]) OR "teamId" = ANY(${teamIds ?? []}::text[]) OR NOT available)
    GROUP BY day, "testKey"`;
  const byDay = new Map<string, Map<string, TTestCounts>>();
  for (const row of rows) {
    const day = new Date(row.day).toISOString().slice(0, 10);
    let tests = byDay.get(day);
    if (!tests) byDay.set(day, (tests = new Map()));
    tests.set(row.testKey, { available: row.available, failing: row.failing, total: row.total, atRisk: row.atRisk, measure: row.measure });
  }
  return byDay;
}

/** Today's counts per team for one test (the breakdown by team). */
export async function readTeamBreakdown({ client, orgId, day, testKeys }: { client: Db; orgId: string; day: string; testKeys: string[] }) {
  return client.$queryRaw<
    { testKey: string; teamId: string; available: boolean; failing: number; total: number; atRisk: number; measure: number | null }[]
  >`
    SELECT "testKey", "teamId", available, failing, total, "atRisk", measure FROM "ControlDailyRollup"
    WHERE "orgId" = ${orgId} AND day = ${day}::date AND "testKey" = ANY(${testKeys}::text[])`;
}
