import { describe, expect, it } from "vitest";
import { ZEvent, type TEvent } from "@/lib/ingest/event-schema";
import { DAY_MS, HOUR_MS, localDayStart, isWorkday, localHour } from "./demo-events-kit";
import { buildDemoEventsWorld } from "./demo-events-world";
import { demoIncident, planDemoIncident } from "./demo-incident";
import { generateDemoEvents } from "./generate-demo-events";
import { generateDemoOrganization } from "./generate-demo-organization";

const now = new Date("2026-11-28T09:30:00.000Z");
const organization = generateDemoOrganization({ now });
const events = [...generateDemoEvents({ organization, now })];
const windowStart = now.getTime() - 180 * DAY_MS;
const at = (event: TEvent) => Date.parse(event.occurredAt);
const registeredDigests = new Set(organization.versions.map((version) => version.digest));
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("generateDemoEvents", () => {
  it("is lazy: a generator that hands out the first event without building the rest", () => {
    const iterator = generateDemoEvents({ organization, now });
    expect(typeof iterator.next).toBe("function");
    expect(iterator.next().value).toEqual(events[0]);
  });

  it("gives identical events, ids included, for the same inputs, and other ids for another seed", () => {
    expect([...generateDemoEvents({ organization, now })]).toEqual(events);
    const other = [...generateDemoEvents({ organization, now, seed: 7, days: 20 })];
    const ids = new Set(events.map((event) => event.eventId));
    expect(other.filter((event) => ids.has(event.eventId))).toEqual([]);
  });

  it("gives every event a distinct version-4 UUID", () => {
    for (const event of events) expect(event.eventId).toMatch(uuidV4);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
  });

  it("emits only valid schema-version-1 events, with nothing the schema would drop or the ledger could not encode", () => {
    const invalid = events.flatMap((event) => {
      const parsed = ZEvent.safeParse(event);
      return parsed.success ? [] : [{ event, issues: parsed.error.issues }];
    });
    expect(invalid).toEqual([]);
    // Nothing stripped by the schema, no `undefined` members (the canonical encoding rejects them).
    expect(events.map((event) => ZEvent.parse(event))).toEqual(events);
    expect(JSON.parse(JSON.stringify(events))).toEqual(events);
  });

  it("produces 40-60k events at scale 1 over 180 days, growing with scale", () => {
    expect(events.length).toBeGreaterThanOrEqual(40_000);
    expect(events.length).toBeLessThanOrEqual(60_000);
    const month = (org: typeof organization) => [...generateDemoEvents({ organization: org, now, days: 30 })].length;
    const ratio = month(generateDemoOrganization({ now, scale: 2 })) / month(organization);
    expect(ratio).toBeGreaterThan(1.6);
    expect(ratio).toBeLessThan(2.4);
  });

  it("keeps every timestamp inside the window, none in the future, oldest first", () => {
    expect(events.filter((event) => at(event) < windowStart || at(event) > now.getTime())).toEqual([]);
    expect(events.filter((event, i) => i > 0 && at(event) < at(events[i - 1] as TEvent))).toEqual([]);
    expect(at(events[0] as TEvent) - windowStart).toBeLessThan(DAY_MS);
    const fortnight = [...generateDemoEvents({ organization, now, days: 14 })];
    expect(fortnight.length).toBeGreaterThan(2000);
    expect(fortnight.filter((event) => at(event) < now.getTime() - 14 * DAY_MS || at(event) > now.getTime())).toEqual([]);
  });

  it("draws its volume from storage and serving, with every source the users named", () => {
    const count = (predicate: (event: TEvent) => boolean) => events.filter(predicate).length;
    expect(count((event) => event.action === "object.get" || event.action === "model.load")).toBeGreaterThan(events.length * 0.6);
    for (const system of ["mlflow", "github-actions", "argo", "aws-s3", "kserve", "wandb", "huggingface"])
      expect(
        count((event) => event.source.system === system),
        system,
      ).toBeGreaterThan(0);
    for (const action of [
      "model_version.create",
      "training_run.complete",
      "model_artifact.upload",
      "model_version.validate",
      "model_version.stage_transition",
      "model_version_alias.set",
      "model_version.deploy",
      "object.get",
      "model.load",
      "artifact.download",
      "repo.update",
      "model_version.download",
    ]) {
      expect(
        count((event) => event.action === action),
        action,
      ).toBeGreaterThan(0);
    }
    const mlflow = events.find((event) => event.action === "model_version.create");
    expect(mlflow?.source).toEqual({ system: "mlflow", component: "model-registry", version: "3.1.0" });
    const s3 = events.find((event) => event.action === "object.get" && event.source.system === "aws-s3");
    expect(s3?.network?.sourceIp).toBeTruthy();
    expect(s3?.network?.userAgent).toBeTruthy();
    expect(s3?.target?.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(count((event) => event.outcome.status === "failure")).toBeGreaterThan(50);
    expect(count((event) => event.outcome.status === "denied")).toBeGreaterThan(5);
    const aliases = events.filter((event) => event.action === "model_version_alias.set").map((event) => event.details?.alias);
    expect(aliases).toContain("champion");
  });

  it("has people work weekdays in office hours, and batch jobs run at night", () => {
    const people = events.filter((event) => event.actor.type === "user");
    const inHours = people.filter((event) => isWorkday(localDayStart(at(event))) && localHour(at(event)) >= 8 && localHour(at(event)) < 19);
    expect(inHours.length / people.length).toBeGreaterThan(0.85);
    const nightly = events.filter((event) => event.details?.schedule === "nightly" || event.details?.reason === "nightly-batch");
    expect(nightly.length).toBeGreaterThan(1000);
    for (const event of nightly) expect(localHour(at(event))).toBeLessThan(5.25);
  });

  it("has people read only what they may read, and be denied what they may not", () => {
    const world = buildDemoEventsWorld(organization);
    const reads = events.filter(
      (event) => event.actor.type === "user" && ["model_version.download", "artifact.download", "object.get"].includes(event.action),
    );
    expect(reads.length).toBeGreaterThan(1000);
    for (const event of reads) {
      const allowed = world.mayRead({ userId: event.actor.id }, event.target?.artifactId as string, at(event));
      expect(allowed, `${event.actor.id} ${event.outcome.status} ${event.target?.artifactId} at ${event.occurredAt}`).toBe(
        event.outcome.status !== "denied",
      );
    }
    const users = new Set(organization.users.map((user) => user.id));
    const accounts = new Set(organization.serviceAccounts.map((account) => account.id));
    for (const event of events) {
      if (event.actor.type === "user") expect(users.has(event.actor.id), event.actor.id).toBe(true);
      else if (event.actor.id !== "kserve") expect(accounts.has(event.actor.id), event.actor.id).toBe(true);
    }
  });

  it("deploys exactly what the Deployment rows say, when they say, through the team's deploy pipeline", () => {
    const plan = planDemoIncident({ organization, now });
    const deploys = events.filter((event) => event.action === "model_version.deploy" && event.target?.digest !== plan?.unregisteredDigest);
    const environments = new Map(organization.environments.map((environment) => [environment.id, environment.name]));
    const versions = new Map(organization.versions.map((version) => [version.id, version]));
    const accounts = new Map(organization.serviceAccounts.map((account) => [account.id, account]));
    const world = buildDemoEventsWorld(organization);
    const rows = organization.deployments.filter(
      (deployment) => deployment.startedAt.getTime() >= windowStart && deployment.startedAt.getTime() + 20_000 <= now.getTime(),
    );
    expect(rows.length).toBeGreaterThan(20);
    expect(deploys).toHaveLength(rows.length);
    for (const row of rows) {
      const match = deploys.filter(
        (event) =>
          event.target?.artifactId === row.artifactId &&
          event.target?.environment === environments.get(row.environmentId) &&
          Math.abs(at(event) - row.startedAt.getTime()) <= 60_000,
      );
      expect(match, row.id).toHaveLength(1);
      expect(match[0]?.target?.digest).toBe(versions.get(row.versionId)?.digest);
      // The team's deploy pipeline; by hand (a person with a deploy grant, on the CLI) only while the team had none.
      const account = accounts.get(match[0]?.actor.id as string);
      if (account) {
        expect(account.kind).toBe("deploy_pipeline");
        expect(match[0]?.interface).toBe("pipeline");
      } else {
        const artifact = organization.artifacts.find((candidate) => candidate.id === row.artifactId);
        const teamPipelines = organization.serviceAccounts.filter(
          (candidate) =>
            candidate.kind === "deploy_pipeline" &&
            candidate.teamId === artifact?.teamId &&
            candidate.createdAt <= row.startedAt &&
            (!candidate.disabledAt || candidate.disabledAt > row.startedAt),
        );
        expect(teamPipelines, row.id).toEqual([]);
        expect(match[0]).toMatchObject({ interface: "cli", actor: { type: "user" } });
        expect(
          world.deployersAt(row.artifactId, row.environmentId, row.startedAt.getTime()).map((user) => user.id),
          row.id,
        ).toContain(match[0]?.actor.id);
      }
    }
  });

  it("registers each version in the window from MLflow, by whoever created it", () => {
    const created = events.filter((event) => event.action === "model_version.create");
    const inWindow = organization.versions.filter((version) => version.createdAt.getTime() >= windowStart);
    expect(created).toHaveLength(inWindow.length);
    for (const version of inWindow) {
      const event = created.find((candidate) => candidate.target?.digest === version.digest);
      expect(event?.actor.id).toBe(version.createdByServiceId ?? version.createdByUserId);
      expect(at(event as TEvent)).toBe(version.createdAt.getTime());
    }
  });

  describe("the planted incident", () => {
    const plan = planDemoIncident({ organization, now });
    const incident = events.filter(
      (event) =>
        event.actor.type === "token" ||
        event.target?.digest === plan?.unregisteredDigest ||
        (event.action === "model.prediction_drift_alert" && event.target?.artifactId === demoIncident.artifactId),
    );

    it("is planned on the named production model with the named digests and actors", () => {
      expect(plan).toMatchObject({
        artifactId: demoIncident.artifactId,
        productionVersionId: demoIncident.productionVersionId,
        productionVersion: demoIncident.productionVersion,
        productionDigest: demoIncident.productionDigest,
        unregisteredDigest: demoIncident.unregisteredDigest,
        tokenServiceAccountId: demoIncident.tokenServiceAccountId,
        onBehalfOf: demoIncident.onBehalfOf,
        monitorServiceAccountId: demoIncident.monitorServiceAccountId,
      });
      expect(organization.serviceAccounts.find((account) => account.id === demoIncident.tokenServiceAccountId)).toMatchObject({
        kind: "partner_integration",
        external: true,
      });
      expect(organization.users.find((user) => user.id === demoIncident.onBehalfOf)).toMatchObject({
        subject: "taylor",
        kind: "contractor",
      });
      expect(registeredDigests.has(demoIncident.unregisteredDigest)).toBe(false);
      expect(registeredDigests.has(demoIncident.productionDigest)).toBe(true);
    });

    it("happens in order within the last 14 days: night download, upload of a new digest, deploy to prod, drift alert next morning", () => {
      const [download, upload, deploy] = incident.filter((event) => event.actor.type === "token");
      const drift = incident.find((event) => event.action === "model.prediction_drift_alert");
      const token = { id: demoIncident.tokenServiceAccountId, type: "token", onBehalfOf: demoIncident.onBehalfOf };
      const network = { sourceIp: demoIncident.sourceIp, userAgent: demoIncident.userAgent };

      expect(download).toMatchObject({
        action: "model_version.download",
        interface: "api",
        actor: token,
        network,
        outcome: { status: "success" },
        target: {
          artifactId: demoIncident.artifactId,
          version: String(demoIncident.productionVersion),
          digest: demoIncident.productionDigest,
        },
      });
      const downloadAt = new Date(at(download as TEvent));
      expect(downloadAt.getUTCHours()).toBeGreaterThanOrEqual(0);
      expect(downloadAt.getUTCHours()).toBeLessThan(5);
      expect(now.getTime() - downloadAt.getTime()).toBeLessThan(14 * DAY_MS);
      expect([...demoIncident.sourceIp.split(".").slice(0, 3)].join(".")).toBe("203.0.113");
      expect(
        events.filter((event) => event.network?.sourceIp?.startsWith("203.0.113.")).every((event) => event.actor.type === "token"),
      ).toBe(true);

      expect(upload).toMatchObject({
        action: "model_artifact.upload",
        actor: token,
        outcome: { status: "success" },
        target: { artifactId: demoIncident.artifactId, digest: demoIncident.unregisteredDigest },
      });
      expect((at(upload as TEvent) - at(download as TEvent)) / 60_000).toBeGreaterThan(35);
      expect((at(upload as TEvent) - at(download as TEvent)) / 60_000).toBeLessThan(45);

      expect(deploy).toMatchObject({
        action: "model_version.deploy",
        interface: "pipeline",
        actor: token,
        outcome: { status: "success" },
        target: { artifactId: demoIncident.artifactId, digest: demoIncident.unregisteredDigest, environment: "prod" },
      });
      expect(deploy?.target?.version).toBeUndefined();
      expect(deploy?.provenance?.verified ?? false).toBe(false);
      expect((at(deploy as TEvent) - at(upload as TEvent)) / 60_000).toBeGreaterThan(15);
      expect((at(deploy as TEvent) - at(upload as TEvent)) / 60_000).toBeLessThan(25);

      expect(drift).toMatchObject({
        action: "model.prediction_drift_alert",
        actor: { id: demoIncident.monitorServiceAccountId, type: "service" },
        outcome: { status: "failure" },
        target: { artifactId: demoIncident.artifactId, environment: "prod" },
      });
      const driftAt = at(drift as TEvent);
      expect(Math.floor(driftAt / DAY_MS) - Math.floor(at(download as TEvent) / DAY_MS)).toBe(1);
      expect(new Date(driftAt).getUTCHours()).toBeGreaterThanOrEqual(6);
      expect(new Date(driftAt).getUTCHours()).toBeLessThan(10);
      expect(driftAt).toBeLessThanOrEqual(now.getTime());
      // The token appears nowhere else.
      expect(events.filter((event) => event.actor.type === "token")).toHaveLength(3);
    });

    it("leaves the organisation's rows alone: the digest is no version's, and no Deployment row points at it", () => {
      expect(organization.versions.some((version) => version.digest === demoIncident.unregisteredDigest)).toBe(false);
      const deployedAt = at(incident.find((event) => event.action === "model_version.deploy") as TEvent);
      expect(
        organization.deployments.some(
          (deployment) =>
            deployment.artifactId === demoIncident.artifactId && Math.abs(deployment.startedAt.getTime() - deployedAt) < HOUR_MS,
        ),
      ).toBe(false);
    });

    it("shows production serving the unregistered digest from then on", () => {
      const deployedAt = at(incident.find((event) => event.action === "model_version.deploy") as TEvent);
      const loads = events.filter(
        (event) =>
          event.action === "model.load" &&
          event.target?.artifactId === demoIncident.artifactId &&
          event.target?.environment === "prod" &&
          at(event) > deployedAt,
      );
      expect(loads.length).toBeGreaterThan(3);
      for (const load of loads) expect(load.target?.digest).toBe(demoIncident.unregisteredDigest);
    });

    it("is left out when the window does not reach back to it, though prod still serves its digest", () => {
      const short = [...generateDemoEvents({ organization, now, days: 3 })];
      expect(short.some((event) => event.actor.type === "token")).toBe(false);
      expect(short.some((event) => event.action === "model.load" && event.target?.digest === demoIncident.unregisteredDigest)).toBe(true);
    });
  });
});
