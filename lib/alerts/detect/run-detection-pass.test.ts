import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/fresh-database";
import { createDetectionWorld, DAY, HOUR, MINUTE, type TDetectionWorld } from "@/test/kits/detection-fixture";
import { runDetectionPass } from "./run-detection-pass";
import { forgetWarmState } from "./warm-state";

// The pass runner against a real PostgreSQL: grouping within and outside the dedup window,
// suppressions active and expired, a crash inside a batch's transaction, a history read in small
// batches giving the same alerts as one big one, two passes at once, and notifications.

const database = await freshDatabase();
const db = database.db;
afterAll(() => database.close());
const now = new Date("2026-11-20T12:00:00.000Z");

const noGrantRead = (w: TDetectionWorld, at: Date) => w.event({ at, action: "object.get", actor: w.users.carol });

/** What a person would compare: every alert with its key, count, times and evidence. */
async function snapshot(w: TDetectionWorld) {
  return (await w.alerts()).map((alert) => ({
    number: alert.number,
    detector: alert.detector,
    dedupKey: alert.dedupKey.replaceAll(w.digests.rogue, "<rogue>").replaceAll(w.orgId.replace("org_det_", ""), "*"),
    count: alert.count,
    firstSeenAt: alert.firstSeenAt.toISOString(),
    lastSeenAt: alert.lastSeenAt.toISOString(),
    evidence: alert.evidence.map((row) => row.seq.toString()).sort(),
  }));
}

describe("grouping", () => {
  it("counts repeats within the dedup window on one alert, and raises a new one outside it or after it was closed", async () => {
    const w = await createDetectionWorld(db, { now });
    await w.ingest([noGrantRead(w, w.at(-3 * DAY)), noGrantRead(w, w.at(-3 * DAY + HOUR))]);
    await w.pass();
    let alerts = await w.alerts("access_without_grant");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ count: 2, number: 1 });
    expect(alerts[0]!.history.map((row) => row.kind).sort()).toEqual(["raised", "repeated"]);
    // In a later pass, within the day: still the same alert.
    await w.ingest([noGrantRead(w, w.at(-3 * DAY + 5 * HOUR))]);
    await w.pass();
    alerts = await w.alerts("access_without_grant");
    expect(alerts.map((alert) => alert.count)).toEqual([3]);
    expect(alerts[0]!.lastSeenAt).toEqual(w.at(-3 * DAY + 5 * HOUR));
    // Two days later: outside the 24 h window, a new alert.
    await w.ingest([noGrantRead(w, w.at(-HOUR))]);
    await w.pass();
    alerts = await w.alerts("access_without_grant");
    expect(alerts.map((alert) => [alert.number, alert.count])).toEqual([
      [1, 3],
      [2, 1],
    ]);
    // A closed alert is not reopened by a repeat: the repeat is a new alert.
    await db.alert.update({ where: { id: alerts[1]!.id }, data: { status: "closed", closedAt: now, closeReason: "true_positive" } });
    await w.ingest([noGrantRead(w, w.at(-HOUR / 2))]);
    await w.pass();
    alerts = await w.alerts("access_without_grant");
    expect(alerts.map((alert) => [alert.number, alert.count, alert.status])).toEqual([
      [1, 3, "open"],
      [2, 1, "closed"],
      [3, 1, "open"],
    ]);
  });
});

describe("suppressions", () => {
  it("silence matching findings while active (counted, not raised) and stop at their expiry", async () => {
    const w = await createDetectionWorld(db, { now });
    const suppression = await db.alertSuppression.create({
      data: {
        orgId: w.orgId,
        detector: "access_without_grant",
        actorId: w.users.carol,
        reason: "contractor onboarding",
        createdById: w.users.owner,
        expiresAt: w.at(-DAY),
      },
    });
    await db.alertSuppression.create({
      data: {
        orgId: w.orgId,
        detector: "access_without_grant",
        artifactId: w.artifact,
        reason: "revoked already",
        createdById: w.users.owner,
        expiresAt: w.at(DAY),
        revokedAt: w.at(-5 * DAY),
        revokedById: w.users.owner,
      },
    });
    await w.ingest([noGrantRead(w, w.at(-3 * DAY)), noGrantRead(w, w.at(-2 * DAY)), noGrantRead(w, w.at(-HOUR))]);
    await w.pass();
    const alerts = await w.alerts("access_without_grant");
    // The two before expiry are silenced; the one after it raises (the revoked suppression never applies).
    expect(alerts.map((alert) => [alert.count, alert.firstSeenAt.toISOString()])).toEqual([[1, w.at(-HOUR).toISOString()]]);
    const silenced = await db.alertSuppressedFinding.findMany({ where: { orgId: w.orgId } });
    expect(silenced.map((row) => row.suppressionId)).toEqual([suppression.id, suppression.id]);
  });
});

describe("restart safety", () => {
  it("a crash inside a batch leaves nothing behind; the rerun writes exactly what an uninterrupted run writes", async () => {
    const build = async (label: string) => {
      const w = await createDetectionWorld(db, { now, label });
      await w.ingest([
        noGrantRead(w, w.at(-3 * DAY)),
        w.event({
          at: w.at(-HOUR),
          action: "model_version.deploy",
          actor: w.accounts.deploy,
          environment: "prod",
          digest: w.digests.rogue,
        }),
        w.event({ at: w.at(-HOUR), action: "object.get", actor: w.users.bob }),
        noGrantRead(w, w.at(-2 * DAY)),
        w.event({
          at: w.at(-HOUR),
          action: "model_version.deploy",
          actor: w.accounts.deploy,
          environment: "prod",
          digest: w.digests.rogue,
        }),
      ]);
      return w;
    };
    const crashed = await build("crash-a");
    const clean = await build("crash-b");
    await expect(
      runDetectionPass({
        client: db,
        orgId: crashed.orgId,
        now,
        batchSize: 2,
        beforeCommit: ({ entries }) => {
          if (entries > 0) throw new Error("killed mid-pass");
        },
      }),
    ).rejects.toThrow("killed mid-pass");
    expect(await crashed.alerts()).toHaveLength(0);
    expect((await db.alertCursor.findMany({ where: { orgId: crashed.orgId } })).map((cursor) => cursor.nextSeq)).toEqual(
      Array(10).fill(0n),
    );
    // Crash in the second batch: the first batch's alerts stay, the second's are undone.
    let batches = 0;
    await expect(
      runDetectionPass({
        client: db,
        orgId: crashed.orgId,
        now,
        batchSize: 2,
        beforeCommit: () => {
          if (++batches === 2) throw new Error("killed again");
        },
      }),
    ).rejects.toThrow("killed again");
    await runDetectionPass({ client: db, orgId: crashed.orgId, now, batchSize: 2 });
    await runDetectionPass({ client: db, orgId: clean.orgId, now, batchSize: 2 });
    const [a, b] = [await snapshot(crashed), await snapshot(clean)];
    expect(a.length).toBeGreaterThan(2);
    expect(a).toEqual(b);
  });

  it("reading the history in batches of 3 gives the same alerts as one batch (stateful detectors included)", async () => {
    const build = async (label: string) => {
      const w = await createDetectionWorld(db, { now, label });
      const events = [
        w.event({ at: w.at(-40 * DAY), action: "object.get", actor: w.users.alice }),
        ...Array.from({ length: 12 }, (_, i) =>
          w.event({ at: w.at(-2 * HOUR + i * 1000), action: "object.get", actor: w.users.carol, outcome: "denied" }),
        ),
        // A burst spread over most of the window: judged late, each refusal needs ones remembered from earlier batches.
        ...Array.from({ length: 12 }, (_, i) =>
          w.event({ at: w.at(-4 * HOUR + i * 55_000), action: "object.get", actor: w.users.owner, outcome: "denied" }),
        ),
        ...Array.from({ length: 23 }, (_, i) =>
          w.event({ at: w.at(-3 * HOUR + i * 60_000), action: "object.get", actor: w.users.alice, digest: `${i}`.padStart(64, "0") }),
        ),
        w.event({ at: w.at(-HOUR), action: "model_version.deploy", actor: w.users.alice, environment: "prod", digest: w.digests.v1 }),
      ];
      // Out of time order, as sources deliver them.
      events.reverse();
      await w.ingest(events);
      return w;
    };
    const whole = await build("hist-a");
    const pieces = await build("hist-b");
    await runDetectionPass({ client: db, orgId: whole.orgId, now });
    await runDetectionPass({ client: db, orgId: pieces.orgId, now, batchSize: 3 });
    const [a, b] = [await snapshot(whole), await snapshot(pieces)];
    expect(new Set(a.map((alert) => alert.detector))).toEqual(new Set(["denied_burst", "mass_download", "new_actor_on_artifact"]));
    const byKey = (rows: typeof a) =>
      rows.map((row) => ({ ...row, number: 0 })).sort((x, y) => `${x.detector}${x.dedupKey}`.localeCompare(`${y.detector}${y.dedupKey}`));
    expect(byKey(a)).toEqual(byKey(b));
  });

  it("a detector starting afresh before every batch (a restart each time) gives the same alerts as one warm pass", async () => {
    const build = async (label: string) => {
      const w = await createDetectionWorld(db, { now, label });
      const usual = { sourceIp: "10.20.1.5", userAgent: "argo/3.6" };
      const deploy = (at: Date, network: { sourceIp: string; userAgent: string }) =>
        w.event({ at, action: "model_version.deploy", actor: w.accounts.deploy, environment: "prod", digest: w.digests.v1, network });
      const events = [
        // The pipeline's usual origin over three weeks (several buckets of the look-back), and one odd read.
        ...Array.from({ length: 14 }, (_, i) =>
          w.event({ at: w.at(-(14 - i) * 1.5 * DAY), action: "object.get", actor: w.accounts.deploy, network: usual }),
        ),
        w.event({
          at: w.at(-3 * DAY),
          action: "object.get",
          actor: w.accounts.deploy,
          network: { sourceIp: "192.0.2.7", userAgent: "curl/8" },
        }),
        deploy(w.at(-2 * DAY), usual),
        deploy(w.at(-HOUR), { sourceIp: "203.0.113.9", userAgent: "argo/3.6" }),
        deploy(w.at(-50 * MINUTE), { sourceIp: "192.0.2.9", userAgent: "curl/8.1" }),
        deploy(w.at(-40 * MINUTE), { sourceIp: "10.20.9.9", userAgent: "python-requests/2.31" }),
        ...Array.from({ length: 12 }, (_, i) =>
          w.event({ at: w.at(-3 * HOUR + i * 60_000), action: "object.get", actor: w.users.alice, digest: `${i}`.padStart(64, "0") }),
        ),
        // Refusals: a burst spread over batches, some delivered late, and a slow trickle that never is one.
        ...Array.from({ length: 14 }, (_, i) =>
          w.event({ at: w.at(-2 * HOUR + ((i * 7) % 14) * 20_000), action: "object.get", actor: w.users.carol, outcome: "denied" }),
        ),
        ...Array.from({ length: 12 }, (_, i) =>
          w.event({ at: w.at(-10 * HOUR + i * 30 * MINUTE), action: "object.get", actor: w.users.bob, outcome: "denied" }),
        ),
      ];
      await w.ingest(events);
      return w;
    };
    const warm = await build("cold-a");
    const cold = await build("cold-b");
    await runDetectionPass({ client: db, orgId: warm.orgId, now });
    for (;;) {
      forgetWarmState();
      const pass = await runDetectionPass({ client: db, orgId: cold.orgId, now, batchSize: 3, maxBatches: 1 });
      if (pass.caughtUp) break;
    }
    const [a, b] = [await snapshot(warm), await snapshot(cold)];
    expect(a.filter((alert) => alert.detector === "new_network_origin").map((alert) => alert.dedupKey)).toEqual(
      expect.arrayContaining(["sa_deploy_*|203.0.0.0/16|", "sa_deploy_*||python-requests"]),
    );
    expect(a.filter((alert) => alert.detector === "denied_burst").map((alert) => [alert.dedupKey, alert.count])).toEqual([
      ["usr_carol_*", 5],
    ]);
    const byKey = (rows: typeof a) =>
      rows.map((row) => ({ ...row, number: 0 })).sort((x, y) => `${x.detector}${x.dedupKey}`.localeCompare(`${y.detector}${y.dedupKey}`));
    expect(byKey(b)).toEqual(byKey(a));
  });

  it("two passes at once: one runs, the other stands aside, and nothing is written twice", async () => {
    const w = await createDetectionWorld(db, { now });
    await w.ingest(Array.from({ length: 30 }, (_, i) => noGrantRead(w, w.at(-HOUR + i * 1000))));
    const results = await Promise.all([w.pass(now, 5), w.pass(now, 5), w.pass(now, 5)]);
    await w.pass();
    expect(results.some((result) => !result.busy)).toBe(true);
    const alerts = await w.alerts("access_without_grant");
    expect(alerts.map((alert) => [alert.count, alert.evidence.length])).toEqual([[30, 30]]);
  });

  it("re-enabling a detector reads the history again without raising what it already raised", async () => {
    const w = await createDetectionWorld(db, { now });
    await w.ingest([noGrantRead(w, w.at(-HOUR))]);
    await w.pass();
    await db.alertCursor.update({ where: { orgId_detector: { orgId: w.orgId, detector: "access_without_grant" } }, data: { nextSeq: 0n } });
    const again = await w.pass();
    expect(again.skipped).toBe(1);
    expect((await w.alerts("access_without_grant")).map((alert) => alert.count)).toEqual([1]);
  });
});

describe("notifications", () => {
  it("a new high alert notifies each responder once, in the app; repeats and old history do not", async () => {
    const w = await createDetectionWorld(db, { now });
    await w.ingest([noGrantRead(w, w.at(-30 * DAY)), noGrantRead(w, w.at(-HOUR))]);
    await w.pass();
    await w.ingest([noGrantRead(w, w.at(-HOUR / 2))]);
    await w.pass();
    const notifications = await db.notification.findMany({ where: { orgId: w.orgId } });
    const recent = (await w.alerts("access_without_grant")).find((alert) => alert.count === 2)!;
    expect(notifications.map((row) => [row.userId, row.kind, row.href])).toEqual([
      [w.users.responder, "alert.raised", `/alerts/${recent.number}`],
    ]);
    expect(notifications[0]!.title).toContain(`ALR-${recent.number} (high)`);
  });
});
