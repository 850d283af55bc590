import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { getInvestigation } from "@/lib/investigations/get-investigation";
import { freshDatabase, type TFreshDatabase } from "@/test/fresh-database";
import { createAlertFixture, type TAlertFixture } from "@/test/kits/alert-fixture";
import { latestEntries, ledgerSize } from "@/test/kits/investigation-fixture";
import { alertReader, alertTriager } from "./alert-actor";
import { ZAlertListFilters } from "./alert-filters";
import { changeAlertStatus } from "./change-alert-status";
import { createSuppression } from "./create-suppression";
import { escalateAlert } from "./escalate-alert";
import { getAlert } from "./get-alert";
import { listAlerts } from "./list-alerts";
import { listSuppressions } from "./list-suppressions";
import { revokeSuppression } from "./revoke-suppression";
import { summarizeAlerts } from "./summarize-alerts";

let database: TFreshDatabase;
let fixture: TAlertFixture;
const DAY = 86_400_000;

beforeAll(async () => {
  database = await freshDatabase();
  process.env.DATABASE_URL = database.url;
  fixture = await createAlertFixture(db());
});
afterAll(async () => {
  await db().$disconnect();
  await database.close();
});

const riley = () => alertTriager(fixture.principals.riley);
const morgan = () => alertTriager(fixture.principals.morgan);
const counts = async () => ({
  history: await db().alertHistory.count(),
  ledger: await ledgerSize(db()),
  suppressions: await db().alertSuppression.count(),
});

async function refused(code: AppError["code"], action: () => Promise<unknown>): Promise<AppError> {
  const before = await counts();
  const error = await action().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect(await counts()).toEqual(before);
  return error as AppError;
}

describe("lifecycle", () => {
  it("acknowledges with the acting person as assignee; alert, history and ledger entry together", async () => {
    const id = fixture.alerts.unregistered.id;
    const before = await ledgerSize(db());
    const changed = await changeAlertStatus({ actor: riley(), alertKey: id, input: { step: "acknowledge", expectedStatus: "open" } });
    expect(changed).toMatchObject({ status: "acknowledged", assigneeId: "usr_riley" });
    expect(await ledgerSize(db())).toBe(before + 1);
    const [entry] = await latestEntries(db());
    expect(entry!.record.action).toBe("alert.acknowledge");
    expect(entry!.record.actor).toMatchObject({ id: "usr_riley", type: "user", display: "Riley Okafor" });
    expect(entry!.record.details).toMatchObject({ alertId: id, alert: "ALR-1", from: "open", to: "acknowledged" });
    const history = await db().alertHistory.findFirstOrThrow({ where: { alertId: id, kind: "acknowledged" } });
    expect(history).toMatchObject({ authorId: "usr_riley", ledgerSeq: entry!.seq });
  });

  it("refuses acknowledging twice, closing a closed alert and reopening an open one with 409, writing nothing", async () => {
    const error = await refused("CONFLICT", () =>
      changeAlertStatus({ actor: morgan(), alertKey: "ALR-1", input: { step: "acknowledge" } }),
    );
    expect(error.message).toMatch(/ALR-1 is acknowledged; it cannot be acknowledged/);
    await refused("CONFLICT", () => changeAlertStatus({ actor: morgan(), alertKey: "ALR-2", input: { step: "reopen", note: "why not" } }));
    await refused("CONFLICT", () =>
      changeAlertStatus({
        actor: morgan(),
        alertKey: "ALR-2",
        input: { step: "close", reason: "other", note: "gone", expectedStatus: "acknowledged" },
      }),
    );
  });

  it("assigns only active people who may triage", async () => {
    const error = await refused("INVALID_INPUT", () =>
      changeAlertStatus({ actor: riley(), alertKey: "ALR-1", input: { step: "assign", assigneeId: "usr_avery" } }),
    );
    expect(error.fieldErrors[0]).toMatchObject({ field: "assigneeId" });
    await changeAlertStatus({ actor: riley(), alertKey: "ALR-1", input: { step: "assign", assigneeId: "usr_morgan" } });
    expect((await db().alert.findUniqueOrThrow({ where: { id: fixture.alerts.unregistered.id } })).assigneeId).toBe("usr_morgan");
  });

  it("closes with a reason and a note, and reopens; each step recorded", async () => {
    await refused("INVALID_INPUT", () =>
      changeAlertStatus({ actor: riley(), alertKey: "ALR-1", input: { step: "close", reason: "nope", note: "x" } }),
    );
    await refused("INVALID_INPUT", () =>
      changeAlertStatus({ actor: riley(), alertKey: "ALR-1", input: { step: "close", reason: "other", note: "a\u0000b" } }),
    );
    await changeAlertStatus({
      actor: riley(),
      alertKey: "ALR-1",
      input: { step: "close", reason: "true_positive", note: "Rolled back the deploy." },
    });
    const closed = await db().alert.findUniqueOrThrow({ where: { id: fixture.alerts.unregistered.id } });
    expect(closed).toMatchObject({
      status: "closed",
      closeReason: "true_positive",
      closeNote: "Rolled back the deploy.",
      closedById: "usr_riley",
    });
    expect((await latestEntries(db()))[0]!.record.details).toMatchObject({ reason: "true_positive", note: "Rolled back the deploy." });
    await changeAlertStatus({ actor: morgan(), alertKey: "1", input: { step: "reopen", note: "The partner did it again." } });
    const reopened = await db().alert.findUniqueOrThrow({ where: { id: fixture.alerts.unregistered.id } });
    expect(reopened).toMatchObject({ status: "open", closeReason: null, closedAt: null });
    const kinds = (await db().alertHistory.findMany({ where: { alertId: reopened.id }, orderBy: { id: "asc" } })).map((row) => row.kind);
    expect(kinds).toEqual(["raised", "acknowledged", "assigned", "closed", "reopened"]);
  });

  it("serves concurrent acknowledgements one after the other: one wins, the other gets 409", async () => {
    const results = await Promise.allSettled([
      changeAlertStatus({ actor: riley(), alertKey: "ALR-3", input: { step: "acknowledge" } }),
      changeAlertStatus({ actor: morgan(), alertKey: "ALR-3", input: { step: "acknowledge" } }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as AppError).code).toBe("CONFLICT");
    expect(await db().alertHistory.count({ where: { alertId: fixture.alerts.spike.id, kind: "acknowledged" } })).toBe(1);
  });

  it("rolls the alert back when the ledger write after the update fails", async () => {
    const admin = new pg.Client({ connectionString: database.superuserUrl });
    await admin.connect();
    await admin.query(`CREATE FUNCTION t_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'ledger down'; END $$`);
    await admin.query(`CREATE TRIGGER t_fail BEFORE INSERT ON "LedgerEntry" FOR EACH ROW EXECUTE FUNCTION t_fail()`);
    try {
      const before = await counts();
      await expect(changeAlertStatus({ actor: riley(), alertKey: "ALR-4", input: { step: "acknowledge" } })).rejects.toThrow();
      expect(await counts()).toEqual(before);
      expect((await db().alert.findUniqueOrThrow({ where: { id: fixture.alerts.denied.id } })).status).toBe("open");
    } finally {
      await admin.query(`DROP TRIGGER t_fail ON "LedgerEntry"; DROP FUNCTION t_fail()`);
      await admin.end();
    }
  });

  it("refuses people without alerts.triage, and hides another organisation's alerts", async () => {
    expect(() => alertTriager(fixture.principals.avery)).toThrow(AppError);
    const stranger = alertTriager(fixture.principals.stranger);
    await refused("NOT_FOUND", () =>
      changeAlertStatus({ actor: stranger, alertKey: fixture.alerts.denied.id, input: { step: "acknowledge" } }),
    );
    await expect(getAlert({ reader: alertReader(fixture.principals.stranger), alertKey: "ALR-4" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("suppressions", () => {
  it("validates detector, target, reason and expiry with field errors", async () => {
    const future = new Date(Date.now() + 30 * DAY).toISOString();
    const fields = async (input: object) =>
      (await refused("INVALID_INPUT", () => createSuppression({ actor: riley(), input }))).fieldErrors.map((e) => e.field);
    expect(await fields({ detector: "volume_spike", reason: "noisy job", expiresAt: future })).toContain("actorId");
    expect(await fields({ detector: "volume_spike", actorId: "usr_jordan", reason: "no\u0000pe", expiresAt: future })).toContain("reason");
    expect(await fields({ detector: "volume_spike", actorId: "usr_jordan", reason: "noisy", expiresAt: "2026-02-30T00:00:00Z" })).toContain(
      "expiresAt",
    );
    expect(await fields({ detector: "volume_spike", actorId: "usr_jordan", reason: "noisy", expiresAt: "2020-01-01T00:00:00Z" })).toContain(
      "expiresAt",
    );
    expect(
      await fields({
        detector: "volume_spike",
        actorId: "usr_jordan",
        reason: "noisy",
        expiresAt: new Date(Date.now() + 400 * DAY).toISOString(),
      }),
    ).toContain("expiresAt");
  });

  it("creates, lists as active, expires by time, and revokes once; each a ledger entry", async () => {
    const now = new Date();
    const created = await createSuppression({
      actor: riley(),
      input: {
        detector: "denied_burst",
        actorId: "usr_jordan",
        reason: "Known flaky client",
        expiresAt: new Date(now.getTime() + DAY).toISOString(),
      },
    });
    expect((await latestEntries(db()))[0]!.record).toMatchObject({
      action: "alert.suppression.create",
      details: { suppressionId: created.id },
    });
    const reader = alertReader(fixture.principals.casey);
    expect((await listSuppressions({ reader, now })).find((row) => row.id === created.id)?.state).toBe("active");
    expect((await listSuppressions({ reader, now: new Date(now.getTime() + 2 * DAY) })).find((row) => row.id === created.id)?.state).toBe(
      "expired",
    );
    await revokeSuppression({ actor: morgan(), suppressionId: created.id, input: { reason: "Client fixed." } });
    expect((await latestEntries(db()))[0]!.record.action).toBe("alert.suppression.revoke");
    await refused("CONFLICT", () => revokeSuppression({ actor: morgan(), suppressionId: created.id, input: { reason: "again" } }));
  });

  it("closes as false positive and suppresses in one step, or neither", async () => {
    const expiresAt = new Date(Date.now() + 7 * DAY).toISOString();
    await refused("INVALID_INPUT", () =>
      changeAlertStatus({
        actor: riley(),
        alertKey: "ALR-4",
        input: { step: "close", reason: "false_positive", note: "Test client.", suppress: { scope: "actor", reason: "x", expiresAt } },
      }),
    );
    await changeAlertStatus({
      actor: riley(),
      alertKey: "ALR-4",
      input: {
        step: "close",
        reason: "false_positive",
        note: "Test client.",
        suppress: { scope: "actor", reason: "Jordan's test client", expiresAt },
      },
    });
    const suppression = await db().alertSuppression.findFirstOrThrow({
      where: { actorId: "usr_jordan", detector: "denied_burst", revokedAt: null },
    });
    expect(suppression.ledgerSeq).not.toBeNull();
    const kinds = (await db().alertHistory.findMany({ where: { alertId: fixture.alerts.denied.id }, orderBy: { id: "asc" } })).map(
      (row) => row.kind,
    );
    expect(kinds.slice(-2)).toEqual(["closed", "suppressed"]);
  });
});

describe("escalation", () => {
  it("opens an investigation holding the evidence, linked both ways, once", async () => {
    const result = await escalateAlert({ actor: riley(), alertKey: "ALR-2" });
    const alert = await db().alert.findUniqueOrThrow({ where: { id: fixture.alerts.withoutGrant.id } });
    expect(alert.investigationId).toBe(result.investigation.id);
    const investigation = await getInvestigation({ principal: fixture.principals.riley, investigationId: result.investigation.id });
    expect(investigation).toMatchObject({ severity: "high", scope: { artifacts: [{ id: fixture.ids.artifact }] } });
    expect(investigation.title).toMatch(/^ALR-2: /);
    const events = await db().investigationEvent.findMany({ where: { investigationId: result.investigation.id } });
    expect(events.map((row) => row.seq.toString())).toEqual([fixture.seqs.deploy]);
    const detail = await getAlert({ reader: alertReader(fixture.principals.riley), alertKey: "ALR-2" });
    expect(detail.investigation?.id).toBe(result.investigation.id);
    expect(detail.history.at(-1)).toMatchObject({ kind: "escalated", author: "Riley Okafor" });
    await refused("CONFLICT", () => escalateAlert({ actor: riley(), alertKey: "ALR-2" }));
  });
});

describe("listing", () => {
  const reader = () => alertReader(fixture.principals.avery);
  it("pages by keyset, newest last-seen first (ties by id, across the page boundary), with filters", async () => {
    const first = await listAlerts({ reader: reader(), filters: ZAlertListFilters.parse({ limit: "2" }) });
    expect(first.items.map((row) => row.label)).toEqual(["ALR-4", "ALR-2"]);
    const second = await listAlerts({ reader: reader(), filters: ZAlertListFilters.parse({ limit: "2", cursor: first.nextCursor }) });
    expect(second.items.map((row) => row.label)).toEqual(["ALR-1", "ALR-3"]);
    expect(second.nextCursor).toBeNull();
    const byActor = await listAlerts({
      reader: reader(),
      filters: ZAlertListFilters.parse({ actor: "sa_vector-labs-sync", severity: "critical" }),
    });
    expect(byActor.items.map((row) => row.label)).toEqual(["ALR-1"]);
    const byDetector = await listAlerts({
      reader: reader(),
      filters: ZAlertListFilters.parse({ detector: "volume_spike", status: "acknowledged" }),
    });
    expect(byDetector.items.map((row) => row.label)).toEqual(["ALR-3"]);
    const window = await listAlerts({
      reader: reader(),
      filters: ZAlertListFilters.parse({
        from: fixture.at(-3 * DAY + 3_600_000 * 2).toISOString(),
        to: fixture.at(-3 * DAY + 3_600_000 * 3.5).toISOString(),
      }),
    });
    expect(window.items.map((row) => row.label).sort()).toEqual(["ALR-1", "ALR-2"]);
  });

  it("counts per status and per detector by day", async () => {
    const summary = await summarizeAlerts({ reader: reader(), filters: ZAlertListFilters.parse({}) });
    expect(summary.byStatus).toEqual({ open: 2, acknowledged: 1, closed: 1 });
    const day = fixture
      .at(-3 * DAY)
      .toISOString()
      .slice(0, 10);
    const total = summary.days
      .filter((row) => row.day <= day)
      .reduce((sum, row) => sum + Object.values(row.counts).reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(4);
    expect(summary.detectors).toContain("volume_spike");
  });

  it("refuses hostile filters with the parameter's name", () => {
    const bad = (query: Record<string, string>) => {
      const parsed = ZAlertListFilters.safeParse(query);
      expect(parsed.success).toBe(false);
      return [...new Set(parsed.error!.issues.map((issue) => issue.path.join(".")))];
    };
    expect(bad({ actor: "usr\u0000x" })).toEqual(["actor"]);
    expect(bad({ artifact: "\ud800" })).toEqual(["artifact"]);
    expect(bad({ limit: "1e400" })).toEqual(["limit"]);
    expect(bad({ limit: "99999999999999999999" })).toEqual(["limit"]);
    expect(bad({ from: "2026-13-01T00:00:00Z" })).toEqual(["from"]);
    expect(bad({ from: "yesterday" })).toEqual(["from"]);
    expect(bad({ cursor: "not-a-cursor" })).toEqual(["cursor"]);
    expect(bad({ status: "OPEN" })).toEqual(["status"]);
    expect(bad({ from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z" })).toEqual(["to"]);
  });

  it("shows an alert's evidence as recorded, the actor's grants at the time, related alerts; the read is recorded", async () => {
    const before = await ledgerSize(db());
    const detail = await getAlert({ reader: reader(), alertKey: fixture.alerts.spike.id });
    expect(await ledgerSize(db())).toBe(before + 1);
    expect((await latestEntries(db()))[0]!.record).toMatchObject({
      action: "ledger.read",
      details: { view: "alert", alertId: fixture.alerts.spike.id },
    });
    expect(detail.evidence.map((event) => event.seq)).toEqual([fixture.seqs.download]);
    expect(detail.evidence[0]!.leafHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(detail.evidence[0]!.canonical)).toMatchObject({ action: "model_version.download" });
    expect(Array.isArray(detail.grants)).toBe(true);
    expect(detail.related.map((row) => row.label).sort()).toEqual(["ALR-1", "ALR-2", "ALR-4"]);
  });
});
