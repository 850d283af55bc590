import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectDb, db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createControlsFixture, type TControlsFixture } from "../../test/kits/controls-fixture";
import { testDefinitions } from "./catalogue";
import { aggregateTests, momentOf, dayOf } from "./compute-rollups";
import { ensureControlCatalogue } from "./ensure-catalogue";
import { summarizeLedger } from "./summarize-ledger";
import { addCounts, emptyCounts, evaluateTest, type TTestCounts } from "./test-status";
import { manyMoments, oneMoment, unitsQuery } from "./test-units";

process.env.DATABASE_URL = inject("databaseUrl");
const ledgerDb = connectDb(inject("ledgerUrl"));
const NOW = new Date("2026-11-20T12:00:00.000Z");

let f: TControlsFixture;
beforeAll(async () => {
  f = await createControlsFixture(db(), ledgerDb, NOW);
  await ensureControlCatalogue(db(), f.orgId);
  await summarizeLedger({ client: db(), orgId: f.orgId });
});
afterAll(async () => {
  await db().$disconnect();
  await ledgerDb.$disconnect();
});

/** Every test's status and value at `asOf` for the teams (null: whole organisation). */
async function resultsAt(asOf: Date, teamIds: string[] | null = null) {
  const rows = await aggregateTests({ client: db(), orgId: f.orgId, moments: [{ day: dayOf(asOf), asOf }] });
  const result: Record<string, { status: string; value: number | null; counts: TTestCounts }> = {};
  for (const test of testDefinitions) {
    const mine = rows.filter(
      (row) =>
        row.testKey === test.key && (teamIds === null || test.scope === "organisation" || !row.available || teamIds.includes(row.teamId)),
    );
    const counts = mine.reduce<TTestCounts>((sum, row) => addCounts(sum, row), emptyCounts(true));
    result[test.key] = { ...evaluateTest(test, test.threshold, counts), counts };
  }
  return result;
}

const statusAt = async (key: string, asOf: Date, teamIds: string[] | null = null) => (await resultsAt(asOf, teamIds))[key]!;

describe("control tests at a controllable clock: a failing and a passing moment each", () => {
  it("reviews on time: privileged grants certified, campaigns closed on time, overdue items", async () => {
    expect(await statusAt("privileged-grants-certified", NOW)).toMatchObject({ status: "failing", value: 0, counts: { total: 3 } });
    expect((await statusAt("privileged-grants-certified", f.at(-150))).status).toBe("passing");
    expect(await statusAt("campaigns-closed-on-time", NOW)).toMatchObject({ status: "failing", value: 0 });
    expect(await statusAt("campaigns-closed-on-time", f.at(-6))).toMatchObject({ status: "passing", value: 100 });
    expect(await statusAt("overdue-review-items", NOW)).toMatchObject({ status: "failing", value: 1 });
    expect(await statusAt("overdue-review-items", f.at(-6))).toMatchObject({ status: "attention", value: 0 });
    expect(await statusAt("overdue-review-items", f.at(-20))).toMatchObject({ status: "passing", value: 0 });
  });

  it("revocations take effect: latency from the signed revoke and uses after revocation", async () => {
    expect(await statusAt("revocation-latency", NOW)).toMatchObject({ status: "failing", value: 48 });
    const pending = await statusAt("revocation-latency", new Date(f.at(-32).getTime() + 12 * 3_600_000));
    expect(pending).toMatchObject({ status: "attention", value: 12 });
    expect(await statusAt("use-after-revocation", NOW)).toMatchObject({ status: "failing", value: 1 });
    expect(await statusAt("use-after-revocation", f.at(-20))).toMatchObject({ status: "passing", value: 0 });
  });

  it("least privilege: grants used in 90 days, deploy grants never used", async () => {
    expect(await statusAt("grants-used", NOW)).toMatchObject({ status: "passing", value: 50 });
    expect(await statusAt("grants-used", f.at(-5))).toMatchObject({ status: "failing", value: 0 });
    const never = await statusAt("deploy-never-used", NOW);
    expect(never).toMatchObject({ value: 1, counts: { failing: 1 } });
    expect(evaluateTest({ kind: "count", direction: "atMost" }, 0, never.counts).status).toBe("failing");
    expect((await statusAt("deploy-never-used", f.at(-175))).value).toBe(0);
  });

  it("dormant access: the deactivated engineer and the contractor past the end date", async () => {
    expect(await statusAt("deactivated-holding-grants", NOW)).toMatchObject({ status: "failing", value: 1 });
    expect(await statusAt("deactivated-holding-grants", f.at(-11))).toMatchObject({ status: "passing", value: 0 });
    expect(await statusAt("external-past-end-date", NOW)).toMatchObject({ status: "failing", value: 1 });
    expect(await statusAt("external-past-end-date", f.at(-8))).toMatchObject({ status: "attention", value: 0 });
    expect(await statusAt("external-past-end-date", f.at(-20))).toMatchObject({ status: "passing", value: 0 });
  });

  it("credentials: no expiry, not rotated, unused", async () => {
    expect(await statusAt("tokens-without-expiry", NOW)).toMatchObject({ status: "failing", value: 1 });
    expect(await statusAt("tokens-without-expiry", f.at(-121))).toMatchObject({ status: "passing", value: 0 });
    expect(await statusAt("tokens-not-rotated", NOW)).toMatchObject({ status: "failing", value: 1 });
    expect(await statusAt("tokens-not-rotated", f.at(-40))).toMatchObject({ status: "attention", value: 0 });
    expect(await statusAt("tokens-not-rotated", f.at(-100))).toMatchObject({ status: "passing", value: 0 });
    expect(await statusAt("tokens-unused", NOW)).toMatchObject({ status: "failing", value: 1 });
    expect(await statusAt("tokens-unused", f.at(-100))).toMatchObject({ status: "passing", value: 0 });
  });

  it("supply chain: an unsigned version and an unregistered digest in prod", async () => {
    const now = await statusAt("signed-production-deployments", NOW);
    expect(now.status).toBe("failing");
    expect(now.counts).toMatchObject({ failing: 2, total: 3 });
    expect(await statusAt("signed-production-deployments", f.at(-25))).toMatchObject({ status: "passing", value: 100 });
  });

  it("log integrity: verification age, sources' silence", async () => {
    expect(await statusAt("full-verification-fresh", NOW)).toMatchObject({ status: "passing", value: 30 });
    expect((await statusAt("full-verification-fresh", f.at(1))).status).toBe("failing");
    expect((await statusAt("full-verification-fresh", f.at(-1))).status).toBe("unavailable");
    expect(await statusAt("sources-reporting", NOW)).toMatchObject({ status: "passing", value: 48 });
    expect(await statusAt("sources-reporting", f.at(3))).toMatchObject({ status: "failing", value: 120 });
  });

  it("retention: six months and 90 days; a young but complete ledger needs attention", async () => {
    expect((await statusAt("ledger-covers-six-months", NOW)).status).toBe("passing");
    expect((await statusAt("ledger-covers-six-months", f.at(-100))).status).toBe("attention");
    expect((await statusAt("ledger-covers-ninety-days", f.at(-100))).status).toBe("passing");
    expect((await statusAt("ledger-covers-ninety-days", f.at(-120))).status).toBe("attention");
    expect((await statusAt("ledger-covers-ninety-days", f.at(-200))).status).toBe("unavailable");
  });

  it("team scoping: a team's figures hold only its rows", async () => {
    expect((await statusAt("deactivated-holding-grants", NOW, [f.teams.language])).value).toBe(0);
    expect((await statusAt("deactivated-holding-grants", NOW, [f.teams.vision])).value).toBe(1);
    expect((await statusAt("use-after-revocation", NOW, [f.teams.vision])).value).toBe(0);
  });
});

describe("tests that depend on the ledger's signing and on alerts (changes at the same clock)", () => {
  it("checkpoints: entries older than 10 minutes without a checkpoint fail, a checkpoint covering them passes", async () => {
    expect(await statusAt("checkpoints-continuous", NOW)).toMatchObject({ status: "failing", value: 4 });
    await ledgerDb.ledgerCheckpoint.create({
      data: { orgId: f.orgId, size: 8n, rootHash: Buffer.alloc(32), note: "n", keyName: "k", createdAt: f.at(-0.5) },
    });
    expect(await statusAt("checkpoints-continuous", NOW)).toMatchObject({ status: "passing", value: 0 });
  });

  it("alerts: not available without a detector, never passing; then counted from the Alert table", async () => {
    for (const key of ["access-without-grant-alerts", "alerts-acknowledged-in-sla", "open-critical-alerts"])
      expect((await statusAt(key, NOW)).status).toBe("unavailable");
    await db().alertRule.create({
      data: { orgId: f.orgId, detector: "access_without_grant", severity: "high", settings: {}, enabled: false },
    });
    expect((await statusAt("access-without-grant-alerts", NOW)).status).toBe("unavailable");
    await db().alertRule.update({
      where: { orgId_detector: { orgId: f.orgId, detector: "access_without_grant" } },
      data: { enabled: true },
    });
    expect(await statusAt("access-without-grant-alerts", NOW)).toMatchObject({ status: "passing", value: 0 });
    expect(await statusAt("open-critical-alerts", NOW)).toMatchObject({ status: "passing", value: 0 });
    const alert = (number: number, severity: "critical" | "high", createdDays: number, extra: Record<string, unknown> = {}) => ({
      orgId: f.orgId,
      number,
      detector: "access_without_grant",
      dedupKey: `k${number}`,
      severity,
      title: "read without a grant",
      summary: "s",
      observed: {},
      expected: {},
      artifactId: f.id("defect"),
      firstSeenAt: f.at(createdDays),
      lastSeenAt: f.at(createdDays),
      createdAt: f.at(createdDays),
      ...extra,
    });
    await db().alert.createMany({
      data: [
        alert(1, "critical", -2),
        alert(2, "high", -3, { acknowledgedAt: new Date(f.at(-3).getTime() + 3_600_000) }),
        alert(3, "high", -4, { status: "closed", closedAt: f.at(-3.9), closeReason: "false_positive" }),
      ],
    });
    expect(await statusAt("access-without-grant-alerts", NOW)).toMatchObject({ status: "failing", value: 2 });
    expect(await statusAt("open-critical-alerts", NOW)).toMatchObject({ status: "failing", value: 1 });
    // Alert 1 (critical) waited two days unacknowledged; 2 and 3 were answered within 4 h.
    expect(await statusAt("alerts-acknowledged-in-sla", NOW)).toMatchObject({ status: "failing", counts: { failing: 1, total: 3 } });
    expect(await statusAt("open-critical-alerts", f.at(-5))).toMatchObject({ status: "passing", value: 0 });
    expect(await statusAt("alerts-acknowledged-in-sla", f.at(-5))).toMatchObject({ status: "passing", value: 100 });
  });
});

describe("set-based grant-use tests (one pass over every moment)", () => {
  type TUnit = { as_of: Date; ref_id: string; failing: boolean; at_risk: boolean; at: Date | null; detail: string };
  const unitsAt = async (testKey: string, moments: Prisma.Sql) =>
    (
      await db().$queryRaw<TUnit[]>`
        SELECT as_of, ref_id, failing, at_risk, at, detail FROM (${unitsQuery(testKey, { orgId: f.orgId, days: moments, threshold: 0, slaDays: 14 })}) u`
    )
      .map(
        (unit) =>
          `${new Date(unit.as_of).toISOString()} ${unit.ref_id} ${unit.failing} ${unit.at_risk} ${unit.at?.toISOString()} ${unit.detail}`,
      )
      .sort();

  it("list for 180 days at once exactly the rows each day lists alone", async () => {
    const moments = Array.from({ length: 180 }, (_, index) => f.at(-index));
    for (const testKey of ["use-after-revocation", "grants-used", "deploy-never-used"]) {
      const together = await unitsAt(testKey, manyMoments(moments));
      const alone: string[] = [];
      for (const moment of moments.filter((_, index) => index % 7 === 0 || index < 8))
        alone.push(...(await unitsAt(testKey, oneMoment(moment))));
      const sampled = new Set(moments.filter((_, index) => index % 7 === 0 || index < 8).map((moment) => moment.toISOString()));
      expect(together.filter((row) => sampled.has(row.slice(0, 24)))).toEqual(alone.sort());
      expect(together.length).toBeGreaterThan(0);
    }
  });

  it("count a use at the moment itself, not a use after it", async () => {
    const [use] = await db().$queryRaw<{ at: Date }[]>`
      SELECT max("lastAt") AS at FROM "ControlLedgerDaily" WHERE "orgId" = ${f.orgId} AND kind = 'use' AND "lastAt" <= ${NOW}`;
    const at = use!.at;
    const atTheUse = await unitsAt("grants-used", oneMoment(at));
    const justBefore = await unitsAt("grants-used", oneMoment(new Date(at.getTime() - 1)));
    expect(atTheUse.some((row) => row.includes(` false false ${at.toISOString()} last used `))).toBe(true);
    expect(justBefore.some((row) => row.includes(` ${at.toISOString()} `))).toBe(false);
  });
});

describe("the summary table's planner statistics", () => {
  it("are refreshed by the app role itself after a large pass (it holds MAINTAIN), not after a small one", async () => {
    const analyzed = async () =>
      (
        await db().$queryRaw<{ n: bigint }[]>`
          SELECT analyze_count + autoanalyze_count AS n FROM pg_stat_user_tables WHERE relname = 'ControlLedgerDaily'`
      )[0]!.n;
    const before = await analyzed();
    await db().$executeRaw`UPDATE "ControlLedgerCursor" SET "nextSeq" = 0 WHERE "orgId" = ${f.orgId}`;
    await db().$executeRaw`DELETE FROM "ControlLedgerDaily" WHERE "orgId" = ${f.orgId}`;
    const pass = await summarizeLedger({ client: db(), orgId: f.orgId, analyzeAfter: 1 });
    expect(pass.read).toBeGreaterThan(0);
    await db().$executeRaw`SELECT pg_stat_clear_snapshot()`;
    expect(await analyzed()).toBeGreaterThan(before);
    const again = await analyzed();
    expect((await summarizeLedger({ client: db(), orgId: f.orgId, analyzeAfter: 1 })).read).toBe(0);
    await db().$executeRaw`SELECT pg_stat_clear_snapshot()`;
    expect(await analyzed()).toBe(again);
  });
});

void momentOf;
