import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { TErrorCode } from "@/lib/errors/app-error";
import { expectRefused } from "@/test/kits/expect-refused";
import { eventually, openForwardingDatabase, type TForwardingDatabase, forwardingRunnersForTestFile } from "@/test/kits/forwarding-fixture";
import { selfSignedCertificate, startSyslogReceiver } from "@/test/support/forwarding-receivers";
import { parseRfc5424, sdParams } from "@/test/support/rfc5424";
import { claimDeliveries } from "./claim-deliveries";
import { createDestination } from "./create-destination";
import { enqueueDeliveries } from "./enqueue-deliveries";
import { getDestination } from "./get-destination";
import { retryDelivery } from "./retry-delivery";
import { rotateDestinationSecret } from "./rotate-destination-secret";
import { sendTestDelivery } from "./send-test-delivery";
import { setDestinationEnabled } from "./set-destination-enabled";
import type { TForwarderSettings } from "./start-forwarder";
import { updateDestination } from "./update-destination";

// Forwarding against real receivers on localhost (an HTTP server, a TCP and a TLS listener with a
// certificate made for the test) and a real PostgreSQL: what arrives is checked the way a SIEM
// would, signatures with the `standardwebhooks` package and syslog with a strict RFC 5424 parser.

// The verified payloads are walked by path, the way a SIEM rule would read them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TPayload = Record<string, any>;

let database: TForwardingDatabase;
const settings: TForwarderSettings = { timeoutMs: 800, maxAttempts: 3, retryBaseMs: 50, concurrency: 2 };

const { forwarder, webhookReceiver, keep } = forwardingRunnersForTestFile(() => database, settings);

const webhookInput = (name: string, url: string, more: Record<string, unknown> = {}) => ({ name, kind: "webhook", endpoint: url, ...more });

beforeAll(async () => {
  database = await openForwardingDatabase();
});
afterAll(async () => {
  await db().$disconnect();
  await database.close();
});

/** Refused with `code`, and neither the ledger nor the destinations changed. */
const refused = (code: TErrorCode, action: () => Promise<unknown>) =>
  expectRefused(code, action, async () => ({
    ledger: await database.ledgerCount(),
    destinations: await database.db.forwardDestination.count(),
  }));

describe("destinations", () => {
  it("creates a webhook destination: the secret is returned once, sealed at rest, never read back, and the ledger records it", async () => {
    const before = await database.ledgerCount();
    const { destination, secret } = await createDestination({
      principal: database.admin,
      input: webhookInput("SOC webhook", "https://siem.example.com/hooks"),
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const stored = await database.db.forwardDestination.findUniqueOrThrow({
      where: { id: destination.id },
      select: { secretSealed: true },
    });
    expect(stored.secretSealed).toMatch(/^v1\./);
    expect(stored.secretSealed).not.toContain(secret!.slice(6, 20));
    expect(JSON.stringify(await getDestination({ principal: database.admin, destinationId: destination.id }))).not.toContain(
      "secretSealed",
    );
    expect(Object.keys(await db().forwardDestination.findUniqueOrThrow({ where: { id: destination.id } }))).not.toContain("secretSealed");
    expect(await database.ledgerCount()).toBe(before + 1);
    const entry = await database.lastLedgerEntry();
    expect(entry.action).toBe("forwarding.destination.create");
    expect(Buffer.from(entry.canonical).toString("utf8")).not.toContain(secret!.slice(6));
  });

  it.each([
    ["ftp://", webhookInput("x1", "ftp://files.example.com/drop"), "endpoint", /Only http and https/],
    ["no host", webhookInput("x2", "https://"), "endpoint", /full URL/],
    ["credentials in the URL", webhookInput("x3", "https://user:pw@siem.example.com/"), "endpoint", /user name and password/],
    ["a javascript: URL", webhookInput("x4", "javascript:alert(1)"), "endpoint", /Only http and https/],
    [
      "a syslog port out of range",
      { name: "x5", kind: "syslog", endpoint: "syslog+tcp://siem.example.com:70000" },
      "endpoint",
      /1 to 65535/,
    ],
    [
      "a syslog endpoint without a port",
      { name: "x6", kind: "syslog", endpoint: "syslog+tls://siem.example.com" },
      "endpoint",
      /Give the port/,
    ],
    [
      "an unknown syslog transport",
      { name: "x7", kind: "syslog", endpoint: "syslog+udp://siem.example.com:514" },
      "endpoint",
      /syslog\+tcp/,
    ],
    ["NUL in the name", webhookInput("SOC\u0000hook", "https://siem.example.com/"), "name", /U\+0000|NUL|null/i],
    ["a lone surrogate in the URL", webhookInput("x8", "https://siem.example.com/\ud800"), "endpoint", /surrogate|UTF/i],
    [
      "a CA for plain TCP",
      { name: "x9", kind: "syslog", endpoint: "syslog+tcp://siem.example.com:514", tlsCaPem: "x" },
      "tlsCaPem",
      /syslog\+tls/,
    ],
    [
      "a CA that is not a certificate",
      {
        name: "x10",
        kind: "syslog",
        endpoint: "syslog+tls://siem.example.com:6514",
        tlsCaPem: "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----",
      },
      "tlsCaPem",
      /PEM certificate/,
    ],
    ["an unknown field", { ...webhookInput("x11", "https://siem.example.com/"), followRedirects: true }, "", /.+/],
    [
      "a huge detector list",
      webhookInput("x12", "https://siem.example.com/", { detectors: Array.from({ length: 51 }, (_, i) => `d${i}`) }),
      "detectors",
      /at most 50/,
    ],
  ])("refuses %s with a field error and writes nothing", async (_what, input, field, message) => {
    const error = await refused("INVALID_INPUT", () => createDestination({ principal: database.admin, input }));
    const fieldError = error.fieldErrors.find((candidate) => candidate.field === field || field === "");
    expect(fieldError, JSON.stringify(error.fieldErrors)).toBeDefined();
    expect(fieldError!.message).toMatch(message);
  });

  it("changes a destination's filters (recording before and after) but never its kind", async () => {
    const { destination } = await createDestination({
      principal: database.admin,
      input: webhookInput("Changing hook", "https://siem.example.com/a"),
    });
    const changed = await updateDestination({
      principal: database.admin,
      destinationId: destination.id,
      input: webhookInput("Changing hook", "https://siem.example.com/b", { minSeverity: "critical", detectors: ["mass_download"] }),
    });
    expect(changed).toMatchObject({ endpoint: "https://siem.example.com/b", minSeverity: "critical", detectors: ["mass_download"] });
    const entry = await database.lastLedgerEntry();
    expect(entry.action).toBe("forwarding.destination.update");
    expect(JSON.parse(Buffer.from(entry.canonical).toString("utf8")).details).toMatchObject({
      minSeverity: "critical",
      before: { minSeverity: "medium", endpoint: "https://siem.example.com/a" },
    });
    const error = await refused("INVALID_INPUT", () =>
      updateDestination({
        principal: database.admin,
        destinationId: destination.id,
        input: { name: "Changing hook", kind: "syslog", endpoint: "syslog+tcp://h:514" },
      }),
    );
    expect(error.fieldErrors).toEqual([expect.objectContaining({ field: "kind" })]);
    await refused("NOT_FOUND", () =>
      updateDestination({ principal: database.admin, destinationId: "nope", input: webhookInput("Other", "https://x.example.com/") }),
    );
  });

  it("refuses a name already in use (CONFLICT) and a principal without alerts.forwarding.manage (FORBIDDEN)", async () => {
    await refused("CONFLICT", () =>
      createDestination({ principal: database.admin, input: webhookInput("SOC webhook", "https://other.example.com/") }),
    );
    await refused("FORBIDDEN", () =>
      createDestination({ principal: database.auditor, input: webhookInput("Auditor hook", "https://siem.example.com/") }),
    );
  });
});

describe("delivery", () => {
  it("forwards an alert at or above the minimum severity as a signed OCSF Detection Finding that standardwebhooks verifies", async () => {
    const receiver = await webhookReceiver();
    const { destination, secret } = await createDestination({
      principal: database.admin,
      input: webhookInput("Signed hook", receiver.url, { minSeverity: "high", detectors: "unregistered_digest, mass_download" }),
    });
    const [seq] = await database.appendEvents([{ action: "artifact.deploy", environment: "production" }]);
    const alert = await database.insertAlert({ severity: "critical", evidence: [seq!] });
    await database.insertAlert({ severity: "medium" });
    await database.insertAlert({ severity: "critical", detector: "volume_spike" });
    const started = forwarder();
    await eventually(async () => receiver.received.length >= 1, 10_000, "the webhook");
    await started.stop();
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const payload = new Webhook(secret!).verify(request!.body, request!.headers) as TPayload;
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(payload).toMatchObject({
      class_uid: 2004,
      category_uid: 2,
      activity_id: 1,
      type_uid: 200401,
      severity_id: 5,
      finding_info: { uid: alert.id, title: alert.title, desc: alert.summary, types: ["unregistered_digest"] },
      metadata: { version: "1.3.0", product: { name: "Custody" }, uid: alert.id },
      resources: [{ uid: "art_fraud-model" }],
    });
    expect(payload.finding_info.first_seen_time).toBe(alert.firstSeenAt.getTime());
    expect(payload.finding_info.last_seen_time).toBe(alert.lastSeenAt.getTime());
    expect(payload.finding_info.related_events).toEqual([
      expect.objectContaining({ product_uid: `ledger:${seq}`, type: "artifact.deploy" }),
    ]);
    expect(payload.evidences[0].data.ledger_seq).toBe(String(seq));
    expect(payload.finding_info.src_url).toBe(`https://custody.example.com/alerts/${alert.id}`);
    // Tampering is caught by the same verifier.
    expect(() => new Webhook(secret!).verify(request!.body.replace("Custody", "Kustody"), request!.headers)).toThrow();
    const [delivery] = await database.deliveries(destination.id);
    expect(delivery).toMatchObject({ status: "delivered", attempts: 1, messageId: request!.headers["webhook-id"] });
    expect(delivery!.attemptLog).toEqual([expect.objectContaining({ ok: true, statusCode: 200, responseExcerpt: '{"accepted":true}' })]);
  });

  it("sends RFC 5424 over TLS (octet counting, structured data, BOM, JSON MSG), checking the certificate against the server name", async () => {
    const certificate = selfSignedCertificate();
    const receiver = keep(await startSyslogReceiver({ tls: certificate }));
    const { destination } = await createDestination({
      principal: database.admin,
      input: {
        name: "SOC syslog",
        kind: "syslog",
        endpoint: receiver.endpoint,
        tlsCaPem: certificate.cert,
        tlsServerName: "syslog.test",
        minSeverity: "low",
      },
    });
    const alert = await database.insertAlert({
      severity: "high",
      detector: "access_without_grant",
      title: 'Quote " and ] and \\ in a title',
    });
    const started = forwarder();
    await eventually(async () => receiver.messages.length >= 1, 10_000, "the syslog message");
    await started.stop();
    const message = parseRfc5424(receiver.messages[0]!);
    expect(message).toMatchObject({
      pri: 13 * 8 + 3,
      facility: 13,
      severity: 3,
      version: 1,
      appName: "custody",
      msgId: "ALERT",
      bom: true,
    });
    expect(Date.parse(message.timestamp!)).toBeGreaterThan(Date.now() - 60_000);
    expect(message.hostname).toMatch(/^[\x21-\x7e]+$/);
    expect(sdParams(message, "custody@32473")).toMatchObject({
      alertId: alert.id,
      detector: "access_without_grant",
      severity: "high",
      kind: "alert",
    });
    const body = JSON.parse(message.msg!);
    expect(body).toMatchObject({ class_uid: 2004, finding_info: { uid: alert.id, title: 'Quote " and ] and \\ in a title' } });
    expect((await database.deliveries(destination.id))[0]).toMatchObject({ status: "delivered" });
  });

  it("fails the attempt when the certificate does not carry the configured server name", async () => {
    const certificate = selfSignedCertificate();
    const receiver = keep(await startSyslogReceiver({ tls: certificate }));
    const { destination } = await createDestination({
      principal: database.admin,
      input: {
        name: "Wrong name syslog",
        kind: "syslog",
        endpoint: receiver.endpoint,
        tlsCaPem: certificate.cert,
        tlsServerName: "other.test",
      },
    });
    await sendTestDelivery({ principal: database.admin, destinationId: destination.id });
    const started = forwarder();
    const attempt = await eventually(async () => (await database.deliveries(destination.id))[0]?.attemptLog[0], 10_000, "the attempt");
    await started.stop();
    expect(attempt).toMatchObject({ ok: false });
    expect(attempt.error).toMatch(/other\.test|altname|ERR_TLS_CERT_ALTNAME_INVALID/i);
    expect(receiver.messages).toHaveLength(0);
  });

  it("sends syslog over plain TCP", async () => {
    const receiver = keep(await startSyslogReceiver());
    const { destination } = await createDestination({
      principal: database.admin,
      input: { name: "Plain syslog", kind: "syslog", endpoint: receiver.endpoint },
    });
    const { messageId } = await sendTestDelivery({ principal: database.admin, destinationId: destination.id });
    const started = forwarder();
    await eventually(async () => receiver.messages.length >= 1, 10_000, "the syslog message");
    await started.stop();
    const message = parseRfc5424(receiver.messages[0]!);
    expect(message).toMatchObject({ msgId: "TEST", severity: 6 });
    expect(sdParams(message, "custody@32473")).toMatchObject({ deliveryId: messageId, kind: "test" });
    expect(JSON.parse(message.msg!)).toMatchObject({ class_uid: 2004, finding_info: { types: ["test"] } });
  });

  it("times out a hanging receiver as a failed attempt while another destination is delivered promptly", async () => {
    const hanging = await webhookReceiver("hang");
    const healthy = await webhookReceiver();
    const slow = await createDestination({
      principal: database.admin,
      input: webhookInput("Hanging hook", hanging.url, { minSeverity: "low" }),
    });
    const fast = await createDestination({
      principal: database.admin,
      input: webhookInput("Healthy hook", healthy.url, { minSeverity: "low" }),
    });
    for (let i = 0; i < 4; i += 1) await database.insertAlert({ severity: "medium" });
    const started = forwarder({ timeoutMs: 5000, maxAttempts: 5, retryBaseMs: 60_000 });
    const t0 = Date.now();
    await eventually(async () => healthy.received.length >= 4, 10_000, "the healthy receiver");
    const healthyMs = Date.now() - t0;
    // All four reached the healthy receiver before the hanging one's first attempts timed out.
    expect(healthyMs).toBeLessThan(5000);
    // Per-destination concurrency: only two of the hanging destination's four were in flight meanwhile.
    expect(hanging.received.length).toBe(2);
    const attempts = await eventually(
      async () => {
        const rows = (await database.deliveries(slow.destination.id)).flatMap((delivery) => delivery.attemptLog);
        return rows.length >= 2 && rows;
      },
      15_000,
      "the timed-out attempts",
    );
    await started.stop();
    expect(attempts[0]).toMatchObject({ ok: false, statusCode: null });
    expect(attempts[0]!.error).toMatch(/timed out/);
    expect(attempts[0]!.latencyMs).toBeGreaterThanOrEqual(4900);
    expect(attempts[0]!.startedAt.getTime() + attempts[0]!.latencyMs).toBeGreaterThan(
      Math.max(...healthy.received.map((request) => request.at)),
    );
    // The timed-out ones wait for their retry; the freed slots took the other two.
    const rows = await database.deliveries(slow.destination.id);
    expect(rows.filter((row) => row.status === "pending" && row.attempts === 1).length).toBeGreaterThanOrEqual(2);
    expect(rows.every((row) => row.status !== "delivered")).toBe(true);
    expect((await database.deliveries(fast.destination.id)).every((row) => row.status === "delivered")).toBe(true);
  });

  it("retries with growing backoff, dead-letters after the last attempt, and delivers on 'retry now'", async () => {
    const receiver = await webhookReceiver("fail");
    const { destination } = await createDestination({ principal: database.admin, input: webhookInput("Failing hook", receiver.url) });
    const { deliveryId } = await sendTestDelivery({ principal: database.admin, destinationId: destination.id });
    const started = forwarder({ retryBaseMs: 200 });
    const dead = await eventually(
      async () => {
        const [row] = await database.deliveries(destination.id);
        return row?.status === "dead" && row;
      },
      15_000,
      "the dead letter",
    );
    expect(dead.attempts).toBe(3);
    expect(dead.attemptLog.map((attempt) => [attempt.attempt, attempt.ok, attempt.statusCode])).toEqual([
      [1, false, 503],
      [2, false, 503],
      [3, false, 503],
    ]);
    expect(dead.lastError).toMatch(/HTTP 503/);
    expect(Buffer.byteLength(dead.attemptLog[0]!.responseExcerpt!)).toBeLessThanOrEqual(1024);
    // Waits between attempts: about 100–200 ms, then 200–400 ms.
    const gaps = dead.attemptLog
      .slice(1)
      .map((attempt, index) => attempt.startedAt.getTime() - dead.attemptLog[index]!.startedAt.getTime());
    expect(gaps[0]).toBeGreaterThanOrEqual(100);
    expect(gaps[1]).toBeGreaterThanOrEqual(200);
    // Every attempt carried the same webhook-id, each with its own timestamp and signature.
    expect(new Set(receiver.received.map((request) => request.headers["webhook-id"])).size).toBe(1);

    receiver.setBehaviour("ok");
    await retryDelivery({ principal: database.admin, deliveryId });
    const delivered = await eventually(
      async () => {
        const [row] = await database.deliveries(destination.id);
        return row?.status === "delivered" && row;
      },
      10_000,
      "the retried delivery",
    );
    await started.stop();
    expect(delivered.attempts).toBe(4);
    expect((await database.lastLedgerEntry()).action).toBe("forwarding.delivery.retry");
  });

  it("does not follow redirects: a 3xx is a failed attempt", async () => {
    const receiver = await webhookReceiver("redirect");
    const { destination } = await createDestination({ principal: database.admin, input: webhookInput("Redirecting hook", receiver.url) });
    await sendTestDelivery({ principal: database.admin, destinationId: destination.id });
    const started = forwarder();
    const attempt = await eventually(async () => (await database.deliveries(destination.id))[0]?.attemptLog[0], 10_000, "the attempt");
    await started.stop();
    expect(attempt).toMatchObject({ ok: false, statusCode: 307 });
    expect(attempt.error).toMatch(/Redirects are not followed.*169\.254\.169\.254/);
    // Each attempt reached the configured URL only.
    expect(receiver.received.length).toBe((await database.deliveries(destination.id))[0]!.attemptLog.length);
  });

  it("survives a restart mid-delivery: the lapsed claim counts as a failed attempt and the next forwarder delivers", async () => {
    const receiver = await webhookReceiver();
    const { destination, secret } = await createDestination({
      principal: database.admin,
      input: webhookInput("Restart hook", receiver.url),
    });
    await sendTestDelivery({ principal: database.admin, destinationId: destination.id });
    // A forwarder claims the row and dies before it sends.
    const [claimed] = await claimDeliveries({ client: database.db, destinationId: destination.id, concurrency: 2, leaseMs: 60_000 });
    expect(claimed).toMatchObject({ attempts: 1 });
    await database.db.forwardDelivery.update({ where: { id: claimed!.id }, data: { claimedUntil: new Date(Date.now() - 1000) } });
    const started = forwarder();
    await eventually(async () => receiver.received.length >= 1, 10_000, "the redelivery");
    await started.stop();
    const [row] = await database.deliveries(destination.id);
    expect(row).toMatchObject({ status: "delivered", attempts: 2 });
    expect(row!.attemptLog.map((attempt) => [attempt.attempt, attempt.ok])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(row!.attemptLog[0]!.error).toMatch(/Interrupted/);
    expect(new Webhook(secret!).verify(receiver.received[0]!.body, receiver.received[0]!.headers)).toMatchObject({ class_uid: 2004 });
  });

  it("enqueues each alert once per destination, however often and however many forwarders run", async () => {
    const { destination } = await createDestination({
      principal: database.admin,
      input: webhookInput("Dedup hook", "http://127.0.0.1:9/never", { minSeverity: "low" }),
    });
    await setDestinationEnabled({ principal: database.admin, destinationId: destination.id, enabled: true });
    for (let i = 0; i < 5; i += 1) await database.insertAlert({ severity: "low" });
    await Promise.all([1, 2, 3].map(() => enqueueDeliveries({ client: database.db, orgId: "org_forwarding" })));
    await enqueueDeliveries({ client: database.db, orgId: "org_forwarding" });
    const rows = await database.deliveries(destination.id);
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((row) => row.sourceKey)).size).toBe(5);
    await setDestinationEnabled({ principal: database.admin, destinationId: destination.id, enabled: false });
  });

  it("forwards raw ledger events matching the filter (every production deploy) as OCSF API Activity", async () => {
    const receiver = await webhookReceiver();
    const { destination, secret } = await createDestination({
      principal: database.admin,
      input: webhookInput("Deploy feed", receiver.url, {
        forwardAlerts: false,
        forwardEvents: true,
        eventFilter: { actions: "artifact.deploy", environment: "production" },
      }),
    });
    const [deploy] = await database.appendEvents([
      { action: "artifact.deploy", environment: "production", outcome: "denied" },
      { action: "artifact.deploy", environment: "staging" },
      { action: "artifact.read", environment: "production" },
    ]);
    await database.insertAlert({ severity: "critical" });
    const started = forwarder();
    await eventually(async () => receiver.received.length >= 1, 10_000, "the event");
    await new Promise((resolve) => setTimeout(resolve, 400));
    await started.stop();
    expect(receiver.received).toHaveLength(1);
    const payload = new Webhook(secret!).verify(receiver.received[0]!.body, receiver.received[0]!.headers) as TPayload;
    expect(payload).toMatchObject({
      class_uid: 6003,
      category_uid: 6,
      activity_id: 3,
      type_uid: 600303,
      status_id: 2,
      status: "Denied",
      actor: { user: { uid: "svc-partner-acme", name: "Partner ACME deployer" } },
      api: { operation: "artifact.deploy", service: { name: "mlflow" } },
      src_endpoint: { ip: "203.0.113.7" },
      resources: [{ uid: "art_fraud-model", data: { environment: "production" } }],
      metadata: { version: "1.3.0", sequence: Number(deploy) },
    });
    expect((await database.deliveries(destination.id)).map((row) => row.sourceKey)).toEqual([`event:${deploy}`]);
  });

  it("rotates a webhook secret: the old one no longer verifies, the new one does, and the ledger records the rotation", async () => {
    const receiver = await webhookReceiver();
    const { destination, secret: first } = await createDestination({
      principal: database.admin,
      input: webhookInput("Rotating hook", receiver.url),
    });
    const { secret: second } = await rotateDestinationSecret({ principal: database.admin, destinationId: destination.id });
    expect(second).not.toBe(first);
    expect((await database.lastLedgerEntry()).action).toBe("forwarding.destination.rotate_secret");
    await sendTestDelivery({ principal: database.admin, destinationId: destination.id });
    const started = forwarder();
    await eventually(async () => receiver.received.length >= 1, 10_000, "the test");
    await started.stop();
    const [request] = receiver.received;
    expect(() => new Webhook(first!).verify(request!.body, request!.headers)).toThrow();
    expect(new Webhook(second).verify(request!.body, request!.headers)).toMatchObject({ finding_info: { title: "Custody test delivery" } });
  });

  it("queues nothing for a disabled destination and refuses a test to it", async () => {
    const receiver = await webhookReceiver();
    const { destination } = await createDestination({
      principal: database.admin,
      input: webhookInput("Paused hook", receiver.url, { minSeverity: "low" }),
    });
    await setDestinationEnabled({ principal: database.admin, destinationId: destination.id, enabled: false });
    expect((await database.lastLedgerEntry()).action).toBe("forwarding.destination.disable");
    await database.insertAlert({ severity: "critical" });
    await enqueueDeliveries({ client: database.db, orgId: "org_forwarding" });
    expect(await database.deliveries(destination.id)).toHaveLength(0);
    await refused("CONFLICT", () => sendTestDelivery({ principal: database.admin, destinationId: destination.id }));
  });
});
