import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFindings } from "@/lib/alerts/detect/write-findings";
import type { TAlertActor } from "@/lib/alerts/triage/alert-actor";
import { changeAlertStatus } from "@/lib/alerts/triage/change-alert-status";
import { db } from "@/lib/db";
import {
  eventually,
  openForwardingDatabase,
  ORG_ID,
  type TForwardingDatabase,
  forwardingRunnersForTestFile,
} from "@/test/kits/forwarding-fixture";
import { startSyslogReceiver } from "@/test/support/forwarding-receivers";
import { parseRfc5424, sdParams } from "@/test/support/rfc5424";
import { expectOcsfDetectionFinding } from "@/test/support/ocsf-detection-finding";
import { createDestination } from "./create-destination";
import { enqueueDeliveries } from "./enqueue-deliveries";
import { retryDelivery } from "./retry-delivery";
import type { TForwarderSettings } from "./start-forwarder";

// The finding follows its alert's lifecycle at the SIEM: raised by the real detector writer,
// acknowledged and closed by the real triage code, delivered to a real receiver on localhost,
// every message verified with `standardwebhooks` and checked against OCSF 1.3 Detection Finding.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TPayload = Record<string, any>;

let database: TForwardingDatabase;
const settings: TForwarderSettings = { timeoutMs: 800, maxAttempts: 3, retryBaseMs: 50, concurrency: 4 };
let responder: TAlertActor;
const rule = { detector: "mass_download", severity: "high" as const, dedupWindowSeconds: 86_400, title: "Mass download" };

const { forwarder, webhookReceiver, keep } = forwardingRunnersForTestFile(() => database, settings);

const enqueue = () => enqueueDeliveries({ client: database.db, orgId: ORG_ID, publicUrl: "https://custody.example.com" });

/** One detection pass's finding for `key`, as the mass-download detector makes it (on a real ledger entry). */
async function detect(key: string) {
  const [seq] = await database.appendEvents([{ action: "artifact.download", environment: "production" }]);
  const occurredAt = new Date();
  return db().$transaction((tx) =>
    writeFindings(tx, {
      orgId: ORG_ID,
      now: occurredAt,
      batches: [
        {
          rule,
          judgedThrough: 0n,
          findings: [
            {
              dedupKey: key,
              title: `svc-etl read 40 models in 10 minutes (${key})`,
              summary: "40 distinct versions read; the threshold is 25.",
              observed: { distinct: 40 },
              expected: { threshold: 25 },
              actorId: `svc-${key}`,
              actorDisplay: "ETL pipeline",
              artifactId: "art_fraud-model",
              evidence: [seq!],
              occurredAt,
            },
          ],
        },
      ],
    }),
  );
}

const alertOf = (key: string) => db().alert.findFirstOrThrow({ where: { orgId: ORG_ID, dedupKey: key } });

beforeAll(async () => {
  database = await openForwardingDatabase();
  await database.db.organization.create({ data: { id: ORG_ID, slug: ORG_ID, name: "Forwarding test org" } }).catch(() => undefined);
  await database.db.user.create({
    data: {
      id: "usr_dana",
      orgId: ORG_ID,
      subject: "dana",
      email: "dana@example.test",
      name: "Dana Responder",
      roles: ["incident_responder"],
    },
  });
  responder = { orgId: ORG_ID, id: "usr_dana", type: "user", display: "Dana Responder", principal: null };
});
afterAll(async () => {
  await db().$disconnect();
  await database.close();
});

describe("forwarding an alert's lifecycle", () => {
  it("create → acknowledge → repeat ×30 → close arrives as Create, Update, four coalesced repeat Updates and Close, in order, signed, valid OCSF", async () => {
    const receiver = await webhookReceiver();
    const { destination, secret } = await createDestination({
      principal: database.admin,
      input: { name: "SIEM lifecycle", kind: "webhook", endpoint: receiver.url, minSeverity: "high" },
    });
    const filtered = await createDestination({
      principal: database.admin,
      input: { name: "Critical only", kind: "webhook", endpoint: receiver.url.replace("/hooks/", "/critical/"), minSeverity: "critical" },
    });
    const otherDetector = await createDestination({
      principal: database.admin,
      input: {
        name: "Digests only",
        kind: "webhook",
        endpoint: receiver.url.replace("/hooks/", "/digests/"),
        detectors: "unregistered_digest",
      },
    });

    await detect("lifecycle");
    await enqueue();
    const alert = await alertOf("lifecycle");
    await changeAlertStatus({ actor: responder, alertKey: alert.id, input: { step: "acknowledge", assigneeId: "usr_dana" } });
    await enqueue();
    // The worst case for a SIEM: a forwarder tick after every single repeat.
    for (let repeat = 0; repeat < 30; repeat += 1) {
      await detect("lifecycle");
      await enqueue();
    }
    expect((await alertOf("lifecycle")).count).toBe(31);
    await changeAlertStatus({
      actor: responder,
      alertKey: alert.id,
      input: { step: "close", reason: "true_positive", note: "Token revoked; the partner was told." },
    });
    await enqueue();
    await enqueue();

    // The receiver refuses the first attempt: the Create is retried, and nothing overtakes it.
    receiver.setBehaviour("fail");
    const started = forwarder();
    await eventually(async () => receiver.received.length >= 1, 10_000, "the first attempt");
    receiver.setBehaviour("ok");
    await eventually(
      async () => (await database.deliveries(destination.id)).every((row) => row.status === "delivered"),
      20_000,
      "every delivery",
    );
    await started.stop();

    const accepted = receiver.received.filter((request) => request.at >= 0).slice(1);
    const payloads = accepted.map((request) => new Webhook(secret!).verify(request.body, request.headers) as TPayload);
    expect(payloads.map((payload) => [payload.activity_name, payload.status, payload.count])).toEqual([
      ["Create", "New", expect.any(Number)],
      ["Update", "In Progress", expect.any(Number)],
      ["Update", "In Progress", 2],
      ["Update", "In Progress", 5],
      ["Update", "In Progress", 10],
      ["Update", "In Progress", 20],
      ["Close", "Resolved", 31],
    ]);
    // The refused first attempt was the Create, under the same webhook-id as its redelivery.
    expect(receiver.received[0]!.headers["webhook-id"]).toBe(accepted[0]!.headers["webhook-id"]);
    for (const payload of payloads) {
      expectOcsfDetectionFinding(payload);
      expect(payload.finding_info.uid).toBe(alert.id);
      expect(payload.finding_info.first_seen_time).toBe(alert.firstSeenAt.getTime());
    }
    expect(new Set(payloads.map((payload) => payload.metadata.uid)).size).toBe(7);
    const [create, acknowledged, , , , twenty, close] = payloads;
    expect(create!.is_alert).toBe(true);
    expect(acknowledged).toMatchObject({
      type_uid: 200402,
      status_id: 2,
      status_detail: "Acknowledged by Dana Responder; assigned to Dana Responder",
      unmapped: { custody: { assignee: { id: "usr_dana", name: "Dana Responder" }, status: "acknowledged" } },
    });
    expect(twenty!.finding_info.last_seen_time).toBeGreaterThan(create!.finding_info.last_seen_time);
    expect(close).toMatchObject({
      type_uid: 200403,
      status_id: 4,
      is_alert: false,
      comment: "Token revoked; the partner was told.",
      status_detail: "Closed as true positive by Dana Responder",
      unmapped: { custody: { close_reason: "true_positive" } },
    });
    expect(close!.finding_info.related_events.length).toBe(31);
    // The delivery log says what each message was.
    const rows = await database.deliveries(destination.id);
    expect(rows.map((row) => [row.activity, row.note])).toEqual([
      ["create", null],
      ["update", "Acknowledged by Dana Responder; assigned to Dana Responder"],
      ["update", "Seen 2 times"],
      ["update", "Seen 5 times"],
      ["update", "Seen 10 times"],
      ["update", "Seen 20 times"],
      ["close", "Closed as true positive by Dana Responder"],
    ]);
    // Destinations whose filters leave the alert out never hear of it, nor of its changes.
    expect(await database.deliveries(filtered.destination.id)).toEqual([]);
    expect(await database.deliveries(otherDetector.destination.id)).toEqual([]);
    expect(receiver.received.filter((request) => !request.headers["webhook-id"])).toEqual([]);
  });

  it("closes a finding as Suppressed when the close silences the actor, and reopens it as New", async () => {
    const receiver = await webhookReceiver();
    const { destination, secret } = await createDestination({
      principal: database.admin,
      input: { name: "SIEM suppress", kind: "webhook", endpoint: receiver.url },
    });
    await detect("suppress");
    const alert = await alertOf("suppress");
    await changeAlertStatus({
      actor: responder,
      alertKey: alert.id,
      input: {
        step: "close",
        reason: "false_positive",
        note: "Nightly ETL",
        suppress: { scope: "actor", reason: "ETL reads everything nightly", expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
      },
    });
    await changeAlertStatus({ actor: responder, alertKey: alert.id, input: { step: "reopen", note: "It ran in daylight" } });
    const started = forwarder();
    await eventually(async () => receiver.received.length >= 3, 10_000, "three messages");
    await started.stop();
    const payloads = receiver.received.map((request) => new Webhook(secret!).verify(request.body, request.headers) as TPayload);
    expect(payloads.map((payload) => [payload.activity_name, payload.status, payload.comment])).toEqual([
      ["Create", "New", undefined],
      ["Close", "Suppressed", "Nightly ETL"],
      ["Update", "New", "It ran in daylight"],
    ]);
    for (const payload of payloads) expectOcsfDetectionFinding(payload);
    expect(await database.deliveries(destination.id)).toHaveLength(3);
  });

  it("sends the steps over syslog too, each RFC 5424 message naming its activity in the structured data", async () => {
    const receiver = keep(await startSyslogReceiver());
    await createDestination({ principal: database.admin, input: { name: "SIEM syslog", kind: "syslog", endpoint: receiver.endpoint } });
    await detect("syslog");
    const alert = await alertOf("syslog");
    await changeAlertStatus({ actor: responder, alertKey: alert.id, input: { step: "close", reason: "duplicate", note: "Same as ALR-1" } });
    const started = forwarder();
    await eventually(async () => receiver.messages.length >= 2, 10_000, "two syslog messages");
    await started.stop();
    const messages = receiver.messages.map((raw) => parseRfc5424(raw));
    const steps = messages.map((message) => [
      message.msgId,
      sdParams(message, "custody@32473").activity,
      JSON.parse(message.msg!).activity_name,
    ]);
    expect(steps.sort()).toEqual([
      ["ALERT", "close", "Close"],
      ["ALERT", "create", "Create"],
    ]);
    for (const message of messages) {
      expect(sdParams(message, "custody@32473")).toMatchObject({ kind: "alert", alertId: alert.id, severity: "high" });
      expectOcsfDetectionFinding(JSON.parse(message.msg!) as TPayload);
    }
  });

  it("forwards a change whose transaction commits after a later one (the cursor passed its id)", async () => {
    const { destination } = await createDestination({
      principal: database.admin,
      input: { name: "SIEM late commit", kind: "webhook", endpoint: "http://127.0.0.1:9/never" },
    });
    await detect("late-a");
    await detect("late-b");
    await enqueue();
    const late = await alertOf("late-a");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    // A triage transaction takes its history id, then stalls before committing…
    const slow = database.db.$transaction(
      async (tx) => {
        await tx.alert.update({ where: { id: late.id }, data: { status: "acknowledged" } });
        await tx.alertHistory.create({
          data: { orgId: ORG_ID, alertId: late.id, kind: "acknowledged", authorName: "Slow Sam", detail: {} },
        });
        inserted();
        await held;
      },
      { timeout: 30_000 },
    );
    await insertedYet;
    // …while a repeat of the other alert commits with a later id, and the forwarder moves past both.
    await detect("late-b");
    await enqueue();
    expect((await database.deliveries(destination.id)).map((row) => row.activity)).toEqual(["create", "create", "update"]);
    release();
    await slow;
    await enqueue();
    const rows = await database.deliveries(destination.id);
    expect(rows.map((row) => [row.alertId, row.activity, row.note])).toEqual([
      [expect.any(String), "create", null],
      [expect.any(String), "create", null],
      [expect.not.stringMatching(late.id), "update", "Seen 2 times"],
      [late.id, "update", "Acknowledged by Slow Sam"],
    ]);
    const cursor = await database.db.forwardCursor.findUniqueOrThrow({ where: { destinationId: destination.id } });
    expect(cursor.historyRetry).toEqual([]);
  });

  it("queues each change once however many forwarders enqueue at once, and a restart mid-queue duplicates nothing", async () => {
    const receiver = await webhookReceiver();
    const { destination, secret } = await createDestination({
      principal: database.admin,
      input: { name: "SIEM restart", kind: "webhook", endpoint: receiver.url },
    });
    const keys = ["r1", "r2", "r3", "r4", "r5"];
    for (const key of keys) await detect(key);
    for (const key of keys) {
      const alert = await alertOf(key);
      await changeAlertStatus({ actor: responder, alertKey: alert.id, input: { step: "acknowledge" } });
      await detect(key);
      await changeAlertStatus({
        actor: responder,
        alertKey: alert.id,
        input: { step: "close", reason: "benign_positive", note: "Expected" },
      });
    }
    await Promise.all([enqueue(), enqueue(), enqueue(), enqueue()]);
    await Promise.all([enqueue(), enqueue()]);
    const queued = await database.deliveries(destination.id);
    // Per alert: Create, Update (acknowledged), Update (seen twice), Close.
    expect(queued).toHaveLength(keys.length * 4);
    expect(new Set(queued.map((row) => row.sourceKey)).size).toBe(queued.length);

    // Two forwarders deliver; one is stopped mid-queue and a third takes over.
    receiver.setBehaviour("ok");
    const first = forwarder({ concurrency: 1 });
    const second = forwarder({ concurrency: 2 });
    await eventually(async () => receiver.received.length >= 5, 10_000, "some deliveries");
    await first.stop();
    forwarder({ concurrency: 2 });
    await eventually(
      async () => (await database.deliveries(destination.id)).every((row) => row.status === "delivered"),
      20_000,
      "every delivery",
    );
    await second.stop();
    const ids = receiver.received.map((request) => request.headers["webhook-id"]);
    expect(ids).toHaveLength(queued.length);
    expect(new Set(ids).size).toBe(queued.length);
    // Each alert's messages arrived in its lifecycle's order.
    const byAlert = new Map<string, string[]>();
    for (const request of receiver.received) {
      const payload = new Webhook(secret!).verify(request.body, request.headers) as TPayload;
      byAlert.set(payload.finding_info.uid, [
        ...(byAlert.get(payload.finding_info.uid) ?? []),
        payload.status_detail ?? payload.activity_name,
      ]);
    }
    for (const sequence of byAlert.values())
      expect(sequence).toEqual(["Create", "Acknowledged by Dana Responder", "Seen 2 times", "Closed as benign positive by Dana Responder"]);
  });

  it("holds an alert's updates behind its dead-lettered Create until it is retried", async () => {
    const receiver = await webhookReceiver("fail");
    const { destination, secret } = await createDestination({
      principal: database.admin,
      input: { name: "SIEM dead", kind: "webhook", endpoint: receiver.url },
    });
    await detect("dead");
    const alert = await alertOf("dead");
    await enqueue();
    const started = forwarder({ maxAttempts: 2 });
    await eventually(async () => (await database.deliveries(destination.id))[0]?.status === "dead", 10_000, "the dead letter");
    await changeAlertStatus({ actor: responder, alertKey: alert.id, input: { step: "acknowledge" } });
    await eventually(async () => (await database.deliveries(destination.id)).length === 2, 10_000, "the update queued");
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [dead, update] = await database.deliveries(destination.id);
    expect(update).toMatchObject({ status: "pending", attempts: 0 });
    expect(receiver.received).toHaveLength(2);
    receiver.setBehaviour("ok");
    await retryDelivery({ principal: database.admin, deliveryId: dead!.id });
    await eventually(async () => receiver.received.length >= 4, 10_000, "the create and the update");
    await started.stop();
    const delivered = receiver.received
      .slice(2)
      .map((request) => (new Webhook(secret!).verify(request.body, request.headers) as TPayload).activity_name);
    expect(delivered).toEqual(["Create", "Update"]);
  });
});
