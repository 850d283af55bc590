import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectDb, db } from "@/lib/db";
import { appendRecords } from "@/lib/ledger/append-records";
import type { TLedgerRecord } from "@/lib/ledger/ledger-record";
import { createControlsFixture, type TControlsFixture } from "../../test/kits/controls-fixture";
import { summarizeLedger } from "./summarize-ledger";
import { countsQuery, manyMoments, unitsQuery } from "./test-units";

// The grant-use tests are set-based (uses gathered once per key of grants with the same access,
// spread over the moments by binary search, uses after revocation as a running count). Here they
// are checked against the plainest statement of what they mean — a subquery per grant and per
// moment over the ledger summary — on grants that share keys, at day ends and mid-day moments,
// with uses by every id a person's events may carry and uses later on the day than the moment.

process.env.DATABASE_URL = inject("databaseUrl");
const ledgerDb = connectDb(inject("ledgerUrl"));
const NOW = new Date("2026-11-20T12:00:00.000Z");
const HOUR_MS = 3_600_000;

let f: TControlsFixture;
let moments: Date[];
beforeAll(async () => {
  f = await createControlsFixture(db(), ledgerDb, NOW);
  const grant = (key: string, userId: string, artifact: string, action: "read" | "deploy", fromDays: number, extra = {}) => ({
    id: f.id(key),
    orgId: f.orgId,
    principalType: "user" as const,
    userId: f.id(userId),
    artifactId: f.id(artifact),
    action,
    validFrom: f.at(fromDays),
    createdAt: f.at(fromDays),
    origin: "request" as const,
    justification: "same access as another grant",
    ...extra,
  });
  await db().environment.create({ data: { id: f.id("staging"), orgId: f.orgId, name: "staging", rank: 2 } });
  await db().grant.createMany({
    data: [
      // Fay's read granted again after the revocation: her later uses are covered from then on.
      grant("fayReadAgain", "fay", "intent", "read", -8),
      // A second read of Eli's, revoked four days ago while his first stays: covered, never failing.
      grant("eliReadsRevoked", "eli", "defect", "read", -200, { revokedAt: f.at(-4), revokeReason: "duplicate" }),
      // Eli may deploy to staging too: his prod deploys are not uses of it.
      grant("eliDeploysStaging", "eli", "defect", "deploy", -160, { environmentId: f.id("staging") }),
      // Fay's read granted long ago and revoked: her later uses (by e-mail too) count against it once nothing covers them.
      grant("fayReadRevokedLongAgo", "fay", "intent", "read", -300, { revokedAt: f.at(-150), revokeReason: "review" }),
    ],
  });
  const event = (at: Date, actorId: string, action: string, artifactId: string, environment?: string): TLedgerRecord => ({
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: at.toISOString(),
    recordedAt: NOW.toISOString(),
    source: { system: "mlflow" },
    interface: "api",
    action,
    actor: { id: actorId, type: "user" },
    target: { artifactId, ...(environment ? { environment } : {}) },
    outcome: { status: "success" },
    submittedBy: { type: "system", id: "fixture" },
  });
  const fay = `fay@${f.orgId}.example`;
  const eli = `eli@${f.orgId}.example`;
  await db().$transaction((tx) =>
    appendRecords(tx, f.orgId, [
      event(new Date(f.at(-10).getTime() + 3 * HOUR_MS), fay, "object.get", f.id("intent")),
      event(new Date(f.at(-6).getTime() - 5 * HOUR_MS), fay, "model.load", f.id("intent")),
      event(new Date(f.at(-6).getTime() + 5 * HOUR_MS), f.id("fay"), "model.load", f.id("intent")),
      event(f.at(-120), fay, "object.get", f.id("intent")),
      event(f.at(-2.5), eli, "object.get", f.id("defect")),
      event(new Date(NOW.getTime() - HOUR_MS), f.id("eli"), "model.load", f.id("defect")),
      event(new Date(NOW.getTime() + 2 * HOUR_MS), eli, "object.get", f.id("defect")),
      event(f.at(-40), eli, "model_version.deploy", f.id("defect"), "staging"),
    ]),
  );
  await summarizeLedger({ client: db(), orgId: f.orgId });
  // Mid-day moments (as a page is read) and day ends (as rollups are kept), over 200 days.
  moments = Array.from({ length: 200 }, (_, index) => [
    f.at(-index),
    new Date(Date.parse(f.at(-index).toISOString().slice(0, 10)) + 86_399_999),
  ])
    .flat()
    .filter((moment) => moment.getTime() <= NOW.getTime() + 12 * HOUR_MS);
});
afterAll(async () => {
  await db().$disconnect();
  await ledgerDb.$disconnect();
});

type TReference = { as_of: Date; grant_id: string; last_at: Date | null; uses_after: number; covered: boolean; revoked_at: Date | null };

/** The plain statement: per grant and per moment, its last use, and its uses after its revocation in the 90 days to the moment. */
async function reference() {
  return db().$queryRaw<TReference[]>`
    WITH m AS (SELECT unnest(${moments.map((moment) => moment.toISOString())}::timestamp[]) AS as_of),
    matched AS (
      SELECT m.as_of, g.id AS grant_id, g."revokedAt" AS revoked_at, cl."lastAt", cl.n
      FROM m CROSS JOIN "Grant" g JOIN "User" u ON u.id = g."userId" LEFT JOIN "Environment" e ON e.id = g."environmentId"
      LEFT JOIN "ControlLedgerDaily" cl ON cl."orgId" = g."orgId" AND cl.kind = 'use' AND cl.k1 IN (u.id, u.subject, u.email)
        AND cl.k2 = g."artifactId" AND split_part(cl.k3, '|', 1) = g.action::text
        AND (g.action <> 'deploy' OR e.name IS NULL OR split_part(cl.k3, '|', 2) IN ('', e.name)) AND cl."lastAt" <= m.as_of
      WHERE g."orgId" = ${f.orgId})
    SELECT as_of, grant_id, revoked_at, max("lastAt") AS last_at,
      COALESCE(sum(n) FILTER (WHERE "lastAt" > revoked_at AND "lastAt" > as_of - interval '90 days'), 0)::int AS uses_after,
      EXISTS (SELECT 1 FROM "Grant" g, "Grant" o WHERE g.id = grant_id AND o.id <> g.id AND o."orgId" = g."orgId" AND o.action = g.action
        AND o."userId" = g."userId" AND o."artifactId" = g."artifactId" AND o."validFrom" <= as_of
        AND (o."revokedAt" IS NULL OR o."revokedAt" > as_of) AND (o."validUntil" IS NULL OR o."validUntil" > as_of)) AS covered
    FROM matched GROUP BY as_of, grant_id, revoked_at`;
}

type TUnit = { as_of: Date; ref_id: string; at: Date | null; detail: string };
const units = (testKey: string) =>
  db().$queryRaw<TUnit[]>`
    SELECT as_of, ref_id, at, detail FROM (${unitsQuery(testKey, { orgId: f.orgId, days: manyMoments(moments), threshold: 0, slaDays: 14 })}) u`;
const keyOf = (asOf: Date, grantId: string) => `${new Date(asOf).toISOString()} ${grantId}`;
const DAY_MS = 86_400_000;

describe("set-based grant-use tests against a subquery per grant and per moment", () => {
  it("grants used: every grant's last use in the 90 days to each moment", async () => {
    const expected = new Map((await reference()).map((row) => [keyOf(row.as_of, row.grant_id), row]));
    const rows = await units("grants-used");
    expect(rows.length).toBeGreaterThan(500);
    for (const row of rows) {
      const want = expected.get(keyOf(row.as_of, row.ref_id))!;
      const within = want.last_at !== null && want.last_at.getTime() > new Date(row.as_of).getTime() - 90 * DAY_MS;
      expect([keyOf(row.as_of, row.ref_id), row.at?.toISOString() ?? null]).toEqual([
        keyOf(row.as_of, row.ref_id),
        within ? want.last_at!.toISOString() : null,
      ]);
    }
    // Fay's uses by e-mail count for her grants; a use later on the day than the moment does not.
    const eliNow = rows.find((row) => keyOf(row.as_of, row.ref_id) === keyOf(NOW, f.id("eliReads")))!;
    expect(eliNow.at).toEqual(new Date(NOW.getTime() - HOUR_MS));
  });

  it("deploy grants never used: a prod deploy is not a use of the staging grant", async () => {
    const expected = new Map((await reference()).map((row) => [keyOf(row.as_of, row.grant_id), row]));
    const rows = await units("deploy-never-used");
    for (const row of rows) {
      const want = expected.get(keyOf(row.as_of, row.ref_id))!;
      const grant = await db().grant.findUniqueOrThrow({ where: { id: row.ref_id } });
      expect(want.last_at === null || want.last_at <= grant.validFrom).toBe(true);
    }
    const staging = rows.filter((row) => row.ref_id === f.id("eliDeploysStaging")).map((row) => new Date(row.as_of).getTime());
    expect(staging.length).toBeGreaterThan(0);
    expect(Math.max(...staging)).toBeLessThan(f.at(-40).getTime());
  });

  it("uses after revocation: the same grants and moments, counts and last uses", async () => {
    const expected = (await reference())
      .filter(
        (row) =>
          row.revoked_at !== null &&
          row.uses_after > 0 &&
          !row.covered &&
          row.revoked_at <= row.as_of &&
          row.revoked_at.getTime() > new Date(row.as_of).getTime() - 180 * DAY_MS,
      )
      .map((row) => `${keyOf(row.as_of, row.grant_id)} ${row.uses_after} ${row.last_at!.toISOString()}`)
      .sort();
    const actual = (await units("use-after-revocation"))
      .map((row) => `${keyOf(row.as_of, row.ref_id)} ${/used (\d+) time/.exec(row.detail)![1]} ${row.at!.toISOString()}`)
      .sort();
    expect(actual).toEqual(expected);
    expect(actual.some((line) => line.includes(`${f.id("fayReadRevokedLongAgo")} `))).toBe(true);
    expect(actual.some((line) => line.includes(`${f.id("eliReadsRevoked")} `))).toBe(false);
    // Fay's first read, revoked 30 days ago, is covered again from the new grant on.
    const fay = actual.filter((line) => line.includes(`${f.id("fayReadRevoked")} `)).map((line) => Date.parse(line.slice(0, 24)));
    expect(fay.length).toBeGreaterThan(0);
    expect(Math.max(...fay)).toBeLessThan(f.at(-8).getTime());
  });
});

describe("counts per team and moment in their cheaper form", () => {
  it("equal the units aggregated, whatever the SLA", async () => {
    let failing = 0;
    let atRisk = 0;
    for (const slaDays of [14, 0, 89, 120]) {
      const ctx = { orgId: f.orgId, days: manyMoments(moments), threshold: 0, slaDays };
      const key = (row: TAggregate) => `${new Date(row.as_of).toISOString()} ${row.team_id} ${row.failing} ${row.total} ${row.at_risk}`;
      const fromUnits = await db().$queryRaw<TAggregate[]>`
        SELECT as_of, team_id, (count(*) FILTER (WHERE failing))::int AS failing, count(*)::int AS total,
               (count(*) FILTER (WHERE at_risk AND NOT failing))::int AS at_risk
        FROM (${unitsQuery("grants-used", ctx)}) u GROUP BY as_of, team_id`;
      const counted = await db().$queryRaw<TAggregate[]>`SELECT * FROM (${countsQuery("grants-used", ctx)!}) c`;
      expect(counted.map(key).sort()).toEqual(fromUnits.map(key).sort());
      failing += fromUnits.filter((row) => row.failing > 0).length;
      atRisk += fromUnits.filter((row) => row.at_risk > 0).length;
    }
    expect([failing > 0, atRisk > 0]).toEqual([true, true]);
  });
});

type TAggregate = { as_of: Date; team_id: string; failing: number; total: number; at_risk: number };
