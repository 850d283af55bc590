import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectDb, db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { createControlsFixture, type TControlsFixture } from "../../test/kits/controls-fixture";
import { aggregateTests, lastDays, momentOf, refreshRollups } from "./compute-rollups";
import { resolveControlScope } from "./control-scope";
import { exportControlHealth } from "./export-control-health";
import { getControlDetail } from "./get-control-detail";
import { getControlHealth } from "./get-control-health";
import { recordInternalEvent } from "@/lib/ledger/record-internal-event";
import { updateControl } from "./update-control";

process.env.DATABASE_URL = inject("databaseUrl");
const ledgerDb = connectDb(inject("ledgerUrl"));
const NOW = new Date("2026-11-20T12:00:00.000Z");
const DAY_MS = 86_400_000;

let f: TControlsFixture;
beforeAll(async () => {
  f = await createControlsFixture(db(), ledgerDb, NOW);
});
afterAll(async () => {
  await db().$disconnect();
  await ledgerDb.$disconnect();
});

const storedRows = async (orgId: string, beforeDay: string) =>
  (
    await db().controlDailyRollup.findMany({
      where: { orgId, day: { lt: new Date(`${beforeDay}T00:00:00Z`) } },
      select: { day: true, testKey: true, teamId: true, available: true, failing: true, total: true, atRisk: true, measure: true },
    })
  )
    .map((row) => ({ ...row, day: row.day.toISOString().slice(0, 10) }))
    .sort((a, b) => `${a.day}${a.testKey}${a.teamId}`.localeCompare(`${b.day}${b.testKey}${b.teamId}`));

describe("daily rollups", () => {
  it("kept incrementally as the clock moves equal the same days computed from scratch", async () => {
    for (const daysAgo of [12, 7, 3, 0])
      await refreshRollups({ client: db(), orgId: f.orgId, now: new Date(NOW.getTime() - daysAgo * DAY_MS), daysBack: 40 });
    const today = lastDays(NOW, 1)[0]!;
    const days = lastDays(NOW, 40).slice(0, -1);
    const incremental = (await storedRows(f.orgId, today)).filter((row) => row.day >= days[0]!);
    const scratch = (await aggregateTests({ client: db(), orgId: f.orgId, moments: days.map((day) => momentOf(day, NOW)) }))
      .map((row) => ({ ...row }))
      .sort((a, b) => `${a.day}${a.testKey}${a.teamId}`.localeCompare(`${b.day}${b.testKey}${b.teamId}`));
    expect(incremental.length).toBeGreaterThan(39 * 10);
    expect(incremental).toEqual(scratch);
    // The history has changes in it: Eve was deactivated ten days before the clock.
    const eve = incremental.filter((row) => row.testKey === "deactivated-holding-grants" && row.failing > 0).map((row) => row.day);
    expect(eve[0]).toBe(new Date(NOW.getTime() - 10 * DAY_MS).toISOString().slice(0, 10));
  });

  it("recomputes today when what it depends on changes (a revoked grant), not when a page read grows the ledger", async () => {
    const first = await refreshRollups({ client: db(), orgId: f.orgId, now: NOW, daysBack: 40 });
    expect(first).toEqual({ pastComputed: 0, todayComputed: false });
    // Reading a page appends a ledger entry; that alone must not recompute today.
    await db().$transaction((tx) =>
      recordInternalEvent(tx, { orgId: f.orgId, action: "ledger.read", actor: { id: f.id("ada"), type: "user", display: "Ada" } }),
    );
    expect(await refreshRollups({ client: db(), orgId: f.orgId, now: NOW, daysBack: 40 })).toEqual({
      pastComputed: 0,
      todayComputed: false,
    });
    // Nor, within 10 minutes, does time alone; after that it does.
    const later = new Date(NOW.getTime() + 9 * 60_000);
    expect((await refreshRollups({ client: db(), orgId: f.orgId, now: later, daysBack: 40 })).todayComputed).toBe(false);
    expect(
      (await refreshRollups({ client: db(), orgId: f.orgId, now: new Date(NOW.getTime() + 11 * 60_000), daysBack: 40 })).todayComputed,
    ).toBe(true);
    await db().grant.update({
      where: { id: f.id("eveDeploys") },
      data: { revokedAt: new Date(NOW.getTime() - 60_000), revokedById: f.id("ada"), revokeReason: "left" },
    });
    await updateControl({ principal: f.principals.ada, controlKey: "dormant-access", input: { slaDays: 5 } });
    const second = await refreshRollups({ client: db(), orgId: f.orgId, now: NOW, daysBack: 40 });
    expect(second.todayComputed).toBe(true);
    const health = await getControlHealth({ principal: f.principals.ada, now: NOW });
    const test = health.controls.find((c) => c.key === "dormant-access")!.tests.find((t) => t.key === "deactivated-holding-grants")!;
    expect(test).toMatchObject({ status: "passing", value: 0 });
    expect(test.spark.at(-2)).toMatchObject({ status: "failing", value: 1 });
  });
});

describe("team scoping", () => {
  it("a manager sees his teams only; another team is not found; an engineer is refused", async () => {
    const scope = await resolveControlScope({ principal: f.principals.sam });
    expect(scope).toMatchObject({ organisationWide: false, teamIds: [f.teams.vision], selectedTeamId: null });
    expect(scope.teams.map((team) => team.id)).toEqual([f.teams.vision]);
    await expect(resolveControlScope({ principal: f.principals.sam, teamId: f.teams.language })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(resolveControlScope({ principal: f.principals.eli })).rejects.toBeInstanceOf(AppError);
    await expect(getControlHealth({ principal: f.principals.eli, now: NOW })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("the manager's figures and failing rows hold his team's rows; the auditor's the organisation's, with a selector", async () => {
    const sam = await getControlDetail({ principal: f.principals.sam, controlKey: "revocations-take-effect", now: NOW });
    const used = sam.control.tests.find((test) => test.key === "use-after-revocation")!;
    expect(used.value).toBe(0);
    expect(sam.failingRows.filter((row) => row.testKey === "use-after-revocation")).toEqual([]);
    const avi = await getControlDetail({ principal: f.principals.avi, controlKey: "revocations-take-effect", now: NOW });
    expect(avi.control.tests.find((test) => test.key === "use-after-revocation")!.value).toBe(1);
    const row = avi.failingRows.find((candidate) => candidate.testKey === "use-after-revocation")!;
    expect(row).toMatchObject({ refId: f.id("fayReadRevoked"), teamName: "Language", failing: true });
    expect(row.href).toBe(`/access/principals/user/${f.id("fay")}`);
    expect(avi.scope.teams.map((team) => team.name)).toEqual(["Language", "Vision"]);
    const language = await getControlHealth({ principal: f.principals.avi, teamId: f.teams.language, now: NOW });
    expect(language.scope.label).toBe("Team Language");
    const supply = language.controls.find((c) => c.key === "supply-chain")!.tests[0]!;
    expect(supply).toMatchObject({ status: "passing", value: 100 });
  });

  it("exports the dashboard as CSV for the scope", async () => {
    const file = await exportControlHealth({ principal: f.principals.sam, now: NOW });
    const lines = file.body.trim().split(/\r?\n/);
    expect(lines[0]).toContain("control,control_status,owner");
    expect(lines.length).toBe(1 + 21);
    expect(file.body).toContain("Team Vision");
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("editing a control", () => {
  it("refuses bad values field by field and changes nothing", async () => {
    const before = await db().ledgerEntry.count({ where: { orgId: f.orgId } });
    const error = await updateControl({
      principal: f.principals.ada,
      controlKey: "credentials",
      input: { slaDays: -1, thresholds: { "tokens-unused": "1e400" } },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors.map((field) => field.field).sort()).toEqual(["slaDays", "thresholds.tokens-unused"]);
    const unknown = await updateControl({
      principal: f.principals.ada,
      controlKey: "credentials",
      input: { thresholds: { "grants-used": 3 } },
    }).catch((caught: unknown) => caught);
    expect((unknown as AppError).fieldErrors).toEqual([{ field: "thresholds.grants-used", message: "This control has no such test." }]);
    const stranger = await updateControl({
      principal: f.principals.ada,
      controlKey: "credentials",
      input: { ownerId: "usr_nobody\u0000" },
    }).catch((caught: unknown) => caught);
    expect((stranger as AppError).code).toBe("INVALID_INPUT");
    await expect(updateControl({ principal: f.principals.sam, controlKey: "credentials", input: { slaDays: 3 } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(updateControl({ principal: f.principals.ada, controlKey: "nope", input: {} })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db().ledgerEntry.count({ where: { orgId: f.orgId } })).toBe(before);
  });

  it("records owner, SLA and thresholds, before and after, in the ledger", async () => {
    const result = await updateControl({
      principal: f.principals.ada,
      controlKey: "credentials",
      input: { ownerId: f.id("sam"), slaDays: 21, thresholds: { "tokens-unused": 2 } },
    });
    expect(result.changed).toBe(true);
    const entry = await db().ledgerEntry.findFirstOrThrow({
      where: { orgId: f.orgId, action: "control.update" },
      orderBy: { seq: "desc" },
    });
    const record = JSON.parse(Buffer.from(entry.canonical).toString("utf8"));
    expect(record.details).toEqual({
      controlKey: "credentials",
      changes: { ownerId: { from: null, to: f.id("sam") }, slaDays: { from: 14, to: 21 }, "thresholds.tokens-unused": { from: 0, to: 2 } },
    });
    const health = await getControlHealth({ principal: f.principals.ada, now: NOW });
    const credentials = health.controls.find((c) => c.key === "credentials")!;
    expect(credentials.owner?.name).toBe("Sam Manager");
    expect(credentials.tests.find((t) => t.key === "tokens-unused")).toMatchObject({ threshold: 2, status: "attention", value: 1 });
  });
});
