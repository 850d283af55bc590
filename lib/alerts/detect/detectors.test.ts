import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test/fresh-database";
import { createDetectionWorld, DAY, digestOf, HOUR, MINUTE } from "@/test/kits/detection-fixture";

// Each detector against a real PostgreSQL: a case that must fire and one that must not, with the
// clock in the test's hands (events carry explicit occurredAt; the pass gets `now`).

const database = await freshDatabase();
const db = database.db;
afterAll(() => database.close());
const now = new Date("2026-11-20T12:00:00.000Z");
const world = () => createDetectionWorld(db, { now });

describe("access without a grant", () => {
  it("fires for an actor without a grant and for a revoked one, not for a group grant, a pipeline's deploy or an unknown actor", async () => {
    const w = await world();
    await w.ingest([
      w.event({ at: w.at(-HOUR), action: "object.get", actor: w.users.carol }),
      w.event({ at: w.at(-HOUR), action: "object.put", actor: w.accounts.deploy }),
      w.event({ at: w.at(-HOUR), action: "model_version.deploy", actor: w.users.alice, environment: "dev", digest: w.digests.v1 }),
      // Allowed: through her group (project-wide read; deploy to prod on the artifact).
      w.event({ at: w.at(-HOUR), action: "model_version.download", actor: w.users.alice }),
      w.event({ at: w.at(-HOUR), action: "model_version.deploy", actor: w.users.alice, environment: "prod", digest: w.digests.v1 }),
      w.event({ at: w.at(-HOUR), action: "model_version.deploy", actor: w.accounts.deploy, environment: "prod", digest: w.digests.v1 }),
      // The pipeline's write grant was still valid ten days ago.
      w.event({ at: w.at(-10 * DAY), action: "object.put", actor: w.accounts.deploy }),
      w.event({ at: w.at(-HOUR), action: "object.get", actor: "usr_ghost" }),
      w.event({ at: w.at(-HOUR), action: "object.get", actor: w.users.carol, outcome: "denied" }),
    ]);
    await w.pass();
    const alerts = await w.alerts("access_without_grant");
    expect(alerts.map((alert) => alert.dedupKey).sort()).toEqual(
      [
        `${w.accounts.deploy}|${w.artifact}|write|`,
        `${w.users.alice}|${w.artifact}|deploy|dev`,
        `${w.users.carol}|${w.artifact}|read|`,
      ].sort(),
    );
    const revoked = alerts.find((alert) => alert.actorId === w.accounts.deploy)!;
    expect(revoked.summary).toContain("revoked or had expired");
    expect(revoked.severity).toBe("high");
    expect(revoked.evidence).toHaveLength(1);
  });
});

describe("inactive principal", () => {
  it("fires for a deactivated person, a disabled account and a revoked or expired token; not before they ended", async () => {
    const w = await world();
    await w.ingest([
      w.event({ at: w.at(-HOUR), action: "object.get", actor: w.users.bob }),
      w.event({ at: w.at(-HOUR), action: "model_version.deploy", actor: w.accounts.legacy, environment: "prod", digest: w.digests.v1 }),
      w.event({ at: w.at(-20 * DAY), action: "object.get", actor: w.users.bob }),
      w.event({ at: w.at(-40 * DAY), action: "model_version.deploy", actor: w.accounts.legacy, environment: "prod", digest: w.digests.v1 }),
      w.event({ at: w.at(-HOUR), action: "object.get", actor: w.users.alice }),
      w.event({ at: w.at(-HOUR), action: "object.get", actor: w.users.bob, outcome: "denied" }),
    ]);
    await w.ingest([w.event({ at: w.at(-HOUR), action: "object.get", actor: w.accounts.deploy })], {
      type: "service_account",
      id: w.accounts.deploy,
      tokenId: w.tokens.revoked,
    });
    await w.ingest([w.event({ at: w.at(-HOUR), action: "object.get", actor: w.accounts.deploy })], {
      type: "service_account",
      id: w.accounts.deploy,
      tokenId: w.tokens.expired,
    });
    await w.ingest([w.event({ at: w.at(-HOUR), action: "object.get", actor: w.accounts.deploy })], {
      type: "service_account",
      id: w.accounts.deploy,
      tokenId: w.tokens.live,
    });
    await w.pass();
    const alerts = await w.alerts("inactive_principal");
    expect(alerts.map((alert) => alert.dedupKey).sort()).toEqual(
      [
        `${w.users.bob}|person_deactivated`,
        `${w.accounts.legacy}|service_account_disabled`,
        `${w.accounts.deploy}|token_revoked`,
        `${w.accounts.deploy}|token_expired`,
      ].sort(),
    );
    // The deactivated person's denied attempt is off by default: the same alert counts one sighting.
    expect(alerts.find((alert) => alert.actorId === w.users.bob)!.count).toBe(1);
  });
});

describe("unregistered or unsigned digest", () => {
  it("fires for an unregistered digest in prod, not for a registered one or another environment", async () => {
    const w = await world();
    await w.ingest([
      w.event({ at: w.at(-HOUR), action: "model_version.deploy", actor: w.accounts.deploy, environment: "prod", digest: w.digests.rogue }),
      w.event({
        at: w.at(-HOUR),
        action: "model.load",
        actor: w.accounts.deploy,
        environment: "prod",
        digest: w.digests.rogue,
        interface: "serving",
      }),
      w.event({ at: w.at(-HOUR), action: "model_version.deploy", actor: w.accounts.deploy, environment: "prod", digest: w.digests.v1 }),
      w.event({ at: w.at(-HOUR), action: "model_version.deploy", actor: w.accounts.deploy, environment: "prod", digest: w.digests.v2 }),
      w.event({ at: w.at(-HOUR), action: "model_version.deploy", actor: w.accounts.deploy, environment: "dev", digest: digestOf("other") }),
      w.event({
        at: w.at(-HOUR),
        action: "model_version.undeploy",
        actor: w.accounts.deploy,
        environment: "prod",
        digest: digestOf("gone"),
      }),
    ]);
    await w.pass();
    const alerts = await w.alerts("unverified_digest");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ dedupKey: `${w.artifact}|${w.digests.rogue}|prod`, count: 2, severity: "critical" });
    expect(alerts[0]!.summary).toContain("none of its versions");
    expect(alerts[0]!.evidence).toHaveLength(2);
  });

  it("with requireSigned, an unsigned registered digest fires too", async () => {
    const w = await world();
    await db.alertRule.createMany({
      data: [
        { orgId: w.orgId, detector: "unverified_digest", severity: "critical", settings: { requireSigned: true, environments: ["prod"] } },
      ],
    });
    await w.ingest([
      w.event({ at: w.at(-HOUR), action: "model_version.deploy", actor: w.accounts.deploy, environment: "prod", digest: w.digests.v2 }),
      w.event({ at: w.at(-HOUR), action: "model_version.deploy", actor: w.accounts.deploy, environment: "prod", digest: w.digests.v1 }),
    ]);
    await w.pass();
    const alerts = await w.alerts("unverified_digest");
    expect(alerts.map((alert) => (alert.observed as { problem: string }).problem)).toEqual(["unsigned"]);
  });
});

describe("mass download", () => {
  it("fires once when one actor reads more than 20 distinct versions within an hour, not for 20 or for a slow crawl", async () => {
    const w = await world();
    const reads = (actor: string, count: number, stepMs: number, start: Date) =>
      Array.from({ length: count }, (_, i) =>
        w.event({ at: new Date(start.getTime() + i * stepMs), action: "object.get", actor, digest: digestOf(`${actor}:${i}`) }),
      );
    await w.ingest([
      ...reads(w.users.alice, 22, MINUTE, w.at(-2 * HOUR)),
      ...reads(w.users.carol, 20, MINUTE, w.at(-2 * HOUR)),
      ...reads(w.users.owner, 30, 5 * MINUTE, w.at(-5 * HOUR)),
    ]);
    await w.pass();
    const alerts = await w.alerts("mass_download");
    expect(alerts.map((alert) => alert.actorId)).toEqual([w.users.alice]);
    // The 21st and 22nd distinct reads are the sightings; the evidence holds every first read of a target.
    expect(alerts[0]!.count).toBe(2);
    expect(alerts[0]!.evidence.length).toBe(22);
  });
});

describe("new actor on an artifact", () => {
  it("fires for a first deploy, not for a regular deployer, nor while the ledger is younger than the look-back", async () => {
    const w = await world();
    await w.ingest([
      w.event({ at: w.at(-45 * DAY), action: "object.get", actor: w.users.alice }),
      w.event({ at: w.at(-20 * DAY), action: "model_version.deploy", actor: w.accounts.deploy, environment: "prod", digest: w.digests.v1 }),
      w.event({ at: w.at(-HOUR), action: "model_version.deploy", actor: w.accounts.deploy, environment: "prod", digest: w.digests.v1 }),
      w.event({ at: w.at(-HOUR), action: "model_version.deploy", actor: w.users.alice, environment: "prod", digest: w.digests.v1 }),
      // Reads are not sensitive.
      w.event({ at: w.at(-HOUR), action: "object.get", actor: w.users.carol }),
    ]);
    await w.pass();
    const alerts = await w.alerts("new_actor_on_artifact");
    // The pipeline's deploy 20 days ago fell in the learning month (the ledger begins 45 days ago) and makes today's not new.
    expect(alerts.map((alert) => alert.actorId)).toEqual([w.users.alice]);

    const young = await world();
    await young.ingest([
      young.event({
        at: young.at(-HOUR),
        action: "model_version.deploy",
        actor: young.users.alice,
        environment: "prod",
        digest: young.digests.v1,
      }),
    ]);
    await young.pass();
    expect(await young.alerts("new_actor_on_artifact")).toHaveLength(0);
  });
});

describe("new network origin", () => {
  it("fires for a deploy from a new /16 or a new client, not from the usual range", async () => {
    const w = await world();
    const usual = { sourceIp: "10.20.1.5", userAgent: "argo/3.6" };
    await w.ingest([
      w.event({ at: w.at(-5 * DAY), action: "object.get", actor: w.accounts.deploy, network: usual }),
      w.event({
        at: w.at(-2 * HOUR),
        action: "model_version.deploy",
        actor: w.accounts.deploy,
        environment: "prod",
        digest: w.digests.v1,
        network: { sourceIp: "10.20.7.7", userAgent: "argo/3.7" },
      }),
      w.event({
        at: w.at(-HOUR),
        action: "model_version.deploy",
        actor: w.accounts.deploy,
        environment: "prod",
        digest: w.digests.v1,
        network: { sourceIp: "203.0.113.9", userAgent: "argo/3.6" },
      }),
      w.event({
        at: w.at(-HOUR),
        action: "object.put",
        actor: w.accounts.deploy,
        network: { sourceIp: "10.20.2.2", userAgent: "python-requests/2.31" },
      }),
      // A user agent beyond ASCII is read back from the record as it was sent.
      w.event({
        at: w.at(-HOUR),
        action: "object.put",
        actor: w.accounts.deploy,
        network: { sourceIp: "10.20.2.3", userAgent: "Déployeur/1.0" },
      }),
      // No baseline at all: left to the new-actor detector.
      w.event({
        at: w.at(-HOUR),
        action: "model_version.deploy",
        actor: w.users.alice,
        environment: "prod",
        digest: w.digests.v1,
        network: usual,
      }),
    ]);
    await w.pass();
    const alerts = await w.alerts("new_network_origin");
    expect(alerts.map((alert) => alert.dedupKey).sort()).toEqual(
      [`${w.accounts.deploy}|203.0.0.0/16|`, `${w.accounts.deploy}||python-requests`, `${w.accounts.deploy}||déployeur`].sort(),
    );
  });
});

describe("burst of denied outcomes", () => {
  it("fires at 10 refusals within 10 minutes, not at 9 nor when spread over an hour", async () => {
    const w = await world();
    const refusals = (actor: string, count: number, stepMs: number) =>
      Array.from({ length: count }, (_, i) =>
        w.event({ at: new Date(w.at(-2 * HOUR).getTime() + i * stepMs), action: "model_version.download", actor, outcome: "denied" }),
      );
    await w.ingest([
      ...refusals(w.users.carol, 11, 30_000),
      ...refusals(w.users.alice, 9, 30_000),
      ...refusals(w.users.owner, 12, 6 * MINUTE),
    ]);
    await w.pass();
    const alerts = await w.alerts("denied_burst");
    expect(alerts.map((alert) => alert.actorId)).toEqual([w.users.carol]);
    expect(alerts[0]!.count).toBe(2);
    // The alert says what its latest sighting observed: all 11.
    expect((alerts[0]!.observed as { refusals: number }).refusals).toBe(11);
  });
});

describe("skipped lifecycle stage", () => {
  it("fires for a digest deployed to prod without validation, not for one registered and validated, nor for versions older than the ledger", async () => {
    const w = await world();
    const skipped = digestOf("skipped");
    const proper = digestOf("proper");
    await w.ingest([
      w.event({ at: w.at(-3 * DAY), action: "model_version.create", actor: w.users.alice, digest: skipped }),
      w.event({ at: w.at(-3 * DAY), action: "model_version.create", actor: w.users.alice, digest: proper }),
      w.event({ at: w.at(-2 * DAY), action: "model_version.validate", actor: w.users.alice, digest: proper }),
      w.event({ at: w.at(-HOUR), action: "model_version.deploy", actor: w.accounts.deploy, environment: "prod", digest: skipped }),
      w.event({ at: w.at(-HOUR), action: "model_version.deploy", actor: w.accounts.deploy, environment: "prod", digest: proper }),
      w.event({ at: w.at(-HOUR), action: "model_version.deploy", actor: w.accounts.deploy, environment: "prod", digest: w.digests.v1 }),
      w.event({
        at: w.at(-HOUR),
        action: "model_version.deploy",
        actor: w.accounts.deploy,
        environment: "dev",
        digest: digestOf("dev-only"),
      }),
    ]);
    await w.pass();
    const alerts = await w.alerts("skipped_stage");
    expect(alerts.map((alert) => alert.dedupKey)).toEqual([`${w.artifact}|${skipped}|prod`]);
    expect((alerts[0]!.expected as { missing: string[] }).missing).toEqual(["validation"]);
  });
});

/** A world whose volume-spike rule sees an hour of more than 20 events as a possible spike. */
async function volumeSpikeWorld() {
  const w = await world();
  await db.alertRule.create({
    data: {
      orgId: w.orgId,
      detector: "volume_spike",
      severity: "medium",
      settings: { minEvents: 20, deviations: 4, baselineDays: 14, minBaselineDays: 7 },
    },
  });
  return w;
}

describe("volume spike", () => {
  it("fires for an hour far above the artifact's baseline, not for an ordinary hour nor a model without enough history", async () => {
    const w = await volumeSpikeWorld();
    const spikeHour = w.at(-3 * HOUR);
    const baseline = Array.from({ length: 10 * 12 }, (_, i) =>
      w.event({
        at: new Date(spikeHour.getTime() - (i + 1) * 2 * HOUR),
        action: "object.get",
        actor: w.users.alice,
        artifactId: w.others[0],
      }),
    );
    const spike = Array.from({ length: 30 }, (_, i) =>
      w.event({ at: new Date(spikeHour.getTime() + i * MINUTE), action: "object.get", actor: w.users.alice, artifactId: w.others[0] }),
    );
    const ordinary = Array.from({ length: 10 }, (_, i) =>
      w.event({
        at: new Date(spikeHour.getTime() + HOUR + i * MINUTE),
        action: "object.get",
        actor: w.users.alice,
        artifactId: w.others[0],
      }),
    );
    const young = Array.from({ length: 40 }, (_, i) =>
      w.event({ at: new Date(spikeHour.getTime() + i * MINUTE), action: "object.get", actor: w.users.alice, artifactId: w.others[1] }),
    );
    await w.ingest([...baseline, ...spike, ...ordinary, ...young]);
    await w.pass();
    const alerts = await w.alerts("volume_spike");
    expect(alerts.map((alert) => alert.artifactId)).toEqual([w.others[0]]);
    // Sighted when the hour passed the threshold (20) and at each doubling from there: 30 events is one sighting.
    expect(alerts[0]!.count).toBe(1);
    expect(alerts[0]!.evidence).toHaveLength(1);
    expect((alerts[0]!.expected as { mean: number }).mean).toBeLessThan(1);
  });
});

describe("volume spike, late events", () => {
  it("judges an hour against a baseline that late events into the hours before it have since raised", async () => {
    const w = await volumeSpikeWorld();
    const spikeHour = w.at(-3 * HOUR);
    const read = (at: Date) => w.event({ at, action: "object.get", actor: w.users.alice, artifactId: w.others[0] });
    const inHour = (start: Date, count: number) =>
      Array.from({ length: count }, (_, i) => read(new Date(start.getTime() + (i % 50) * MINUTE + Math.floor(i / 50) * 1000)));
    // A quiet baseline, then 21 events in the hour: past the threshold of 20, one sighting.
    await w.ingest([
      ...Array.from({ length: 10 * 12 }, (_, i) => read(new Date(spikeHour.getTime() - (i + 1) * 2 * HOUR))),
      ...inHour(spikeHour, 21),
    ]);
    await w.pass();
    const key = `${w.others[0]}|${spikeHour.toISOString().slice(0, 13)}:00:00.000Z`;
    expect((await w.alerts("volume_spike")).find((alert) => alert.dedupKey === key)?.count).toBe(1);
    // 200 events arrive late for the hour before: the spike hour's baseline is now far higher.
    await w.ingest(inHour(new Date(spikeHour.getTime() - HOUR), 200));
    await w.pass();
    // 21 more in the spike hour make 42: a doubling of the old threshold, but not past the new one.
    await w.ingest(inHour(new Date(spikeHour.getTime() + 5 * MINUTE), 21));
    await w.pass();
    expect((await w.alerts("volume_spike")).find((alert) => alert.dedupKey === key)?.count).toBe(1);
  });
});

describe("ledger integrity failure", () => {
  it("fires (critical) for Custody's own failed verification, not for an ingested event that claims to be one", async () => {
    const w = await world();
    const failure = {
      ...w.event({
        at: w.at(-HOUR),
        action: "ledger.verify.fail",
        actor: "custody-verifier",
        actorType: "service",
        artifactId: null,
        outcome: "failure",
        source: "custody",
        interface: "cli",
      }),
    };
    await w.ingest([failure], { type: "system", id: "custody-verifier" });
    await w.ingest(
      [
        w.event({
          at: w.at(-HOUR),
          action: "ledger.verify.fail",
          actor: "attacker",
          artifactId: null,
          outcome: "failure",
          source: "custody",
        }),
      ],
      {
        type: "service_account",
        id: w.accounts.deploy,
        tokenId: w.tokens.live,
      },
    );
    await w.pass();
    const alerts = await w.alerts("integrity_failure");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: "critical", dedupKey: "ledger", count: 1 });
  });
});
