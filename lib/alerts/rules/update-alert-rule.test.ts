import { afterAll, describe, expect, it } from "vitest";
import type { TPrincipal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors/app-error";
import { freshDatabase } from "@/test/fresh-database";
import { createDetectionWorld } from "@/test/kits/detection-fixture";
import { listAlertRules } from "./list-alert-rules";
import { updateAlertRule } from "./update-alert-rule";

const database = await freshDatabase();
const db = database.db;
afterAll(() => database.close());
const now = new Date("2026-11-20T12:00:00.000Z");

const admin = (orgId: string, userId: string): TPrincipal => ({
  userId,
  orgId,
  name: "Olive Owner",
  email: "owner@test",
  kind: "employee",
  roles: ["admin"],
  sessionId: "s1",
});

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const valid = {
  enabled: true,
  severity: "high",
  dedupWindowSeconds: 3600,
  settings: { threshold: 50, windowMinutes: 30, ignoreActorIds: [] },
};

describe("updateAlertRule", () => {
  it("saves a valid change, records before and after in the ledger in the same transaction", async () => {
    const w = await createDetectionWorld(db, { now });
    const principal = admin(w.orgId, w.users.owner);
    const result = await updateAlertRule(principal, "mass_download", valid, { client: db, now });
    expect(result.rule).toMatchObject({ severity: "high", dedupWindowSeconds: 3600, updatedById: w.users.owner });
    expect(result.rule.settings).toEqual({ threshold: 50, windowMinutes: 30, ignoreActorIds: [] });
    const entry = await db.ledgerEntry.findUniqueOrThrow({ where: { orgId_seq: { orgId: w.orgId, seq: result.ledgerSeq } } });
    expect(entry).toMatchObject({ action: "alert.rule.update", actorId: w.users.owner });
    const record = JSON.parse(Buffer.from(entry.canonical).toString("utf8")) as {
      details: { before: { settings: { threshold: number } }; after: { settings: { threshold: number } } };
    };
    expect(record.details.before.settings.threshold).toBe(20);
    expect(record.details.after.settings.threshold).toBe(50);
    const listed = await listAlertRules(principal, { client: db });
    expect(listed).toHaveLength(10);
    expect(listed.find((rule) => rule.detector === "mass_download")).toMatchObject({ severity: "high", updatedByName: "Olive Owner" });
  });

  it("refuses bad settings field by field, and hostile ones, changing nothing", async () => {
    const w = await createDetectionWorld(db, { now });
    const principal = admin(w.orgId, w.users.owner);
    const error = await refusal(
      updateAlertRule(
        principal,
        "mass_download",
        {
          enabled: "yes",
          severity: "urgent",
          dedupWindowSeconds: 1e308,
          settings: { threshold: -1, windowMinutes: 1.5, ignoreActorIds: ["a\u0000b"], extra: 1 },
        },
        { client: db, now },
      ),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.fieldErrors.map((item) => item.field)).toEqual(expect.arrayContaining(["dedupWindowSeconds", "enabled", "severity"]));
    const settings = await refusal(
      updateAlertRule(
        principal,
        "mass_download",
        { ...valid, settings: { threshold: -1, windowMinutes: 1.5, ignoreActorIds: ["a\u0000b"], extra: 1 } },
        { client: db, now },
      ),
    );
    expect(settings.fieldErrors.map((item) => item.field).sort()).toEqual(
      ["settings", "settings.ignoreActorIds.0", "settings.threshold", "settings.windowMinutes"].sort(),
    );
    expect((await refusal(updateAlertRule(principal, "no_such_detector", valid, { client: db, now }))).code).toBe("NOT_FOUND");
    expect(await db.ledgerEntry.count({ where: { orgId: w.orgId, action: "alert.rule.update" } })).toBe(0);
  });

  it("refuses to disable the integrity detector with a field error", async () => {
    const w = await createDetectionWorld(db, { now });
    const error = await refusal(
      updateAlertRule(
        admin(w.orgId, w.users.owner),
        "integrity_failure",
        { enabled: false, severity: "critical", dedupWindowSeconds: 86400, settings: {} },
        { client: db, now },
      ),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.status).toBe(400);
    expect(error.fieldErrors).toEqual([{ field: "enabled", message: expect.stringContaining("always on") }]);
  });

  it("refuses people without alerts.rules.manage", async () => {
    const w = await createDetectionWorld(db, { now });
    const responder = { ...admin(w.orgId, w.users.responder), roles: ["incident_responder" as const] };
    expect((await refusal(updateAlertRule(responder, "mass_download", valid, { client: db, now }))).code).toBe("FORBIDDEN");
  });

  it("enabling a disabled detector rewinds its cursor, so its next pass reads the history", async () => {
    const w = await createDetectionWorld(db, { now });
    const principal = admin(w.orgId, w.users.owner);
    await w.ingest([w.event({ at: w.at(-3_600_000), action: "object.get", actor: w.users.carol })]);
    await updateAlertRule(
      principal,
      "access_without_grant",
      { enabled: false, severity: "high", dedupWindowSeconds: 86400, settings: {} },
      { client: db, now },
    );
    await w.pass();
    expect(await w.alerts("access_without_grant")).toHaveLength(0);
    const cursor = () =>
      db.alertCursor.findUniqueOrThrow({ where: { orgId_detector: { orgId: w.orgId, detector: "access_without_grant" } } });
    expect((await cursor()).nextSeq).toBe(0n);
    const enabled = await updateAlertRule(
      principal,
      "access_without_grant",
      { enabled: true, severity: "high", dedupWindowSeconds: 86400, settings: {} },
      { client: db, now },
    );
    expect(enabled.historyRerun).toBe(true);
    await w.pass();
    expect((await w.alerts("access_without_grant")).map((alert) => alert.actorId)).toEqual([w.users.carol]);
  });
});
