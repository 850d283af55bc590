import { randomUUID } from "node:crypto";
import { afterAll, afterEach } from "vitest";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import type { AlertSeverity } from "@/lib/generated/prisma/enums";
import { appendRecords } from "@/lib/ledger/append-records";
import type { TLedgerRecord } from "@/lib/ledger/ledger-record";
import { startForwarder, type TForwarderSettings } from "@/lib/forwarding/start-forwarder";
import { freshDatabase } from "@/test/fresh-database";
import { startWebhookReceiver } from "@/test/support/forwarding-receivers";

// For the forwarding tests: a fresh, migrated database (no demo data), which the domain's own
// client (db()) also uses, two principals, and helpers that write alerts and ledger entries the
// way the detectors and ingest would. Alerts are inserted directly: detection is another area.

export const ORG_ID = "org_forwarding";
export const KEY_MATERIAL = "forwarding-test-key-material-0123456789abcdef";

const principal = (userId: string, name: string, roles: TPrincipal["roles"]): TPrincipal => ({
  userId,
  orgId: ORG_ID,
  name,
  email: `${userId}@example.test`,
  kind: "employee",
  roles,
  sessionId: `test_${userId}`,
});

export async function openForwardingDatabase() {
  const database = await freshDatabase();
  // Before the first db() call: the domain functions' client connects to this database, and seals with this key.
  process.env.DATABASE_URL = database.url;
  process.env.CUSTODY_TOTP_KEY = KEY_MATERIAL;
  let alertNumber = 0;

  /** Appends ledger events (one transaction) and returns their seqs. */
  async function appendEvents(
    events: { action: string; environment?: string; artifactId?: string; outcome?: "success" | "failure" | "denied" }[],
  ) {
    const now = new Date().toISOString();
    const records: TLedgerRecord[] = events.map((event) => ({
      schemaVersion: 1,
      eventId: randomUUID(),
      occurredAt: now,
      recordedAt: now,
      source: { system: "mlflow" },
      interface: "api",
      action: event.action,
      actor: { id: "svc-partner-acme", type: "service", display: "Partner ACME deployer" },
      target: { artifactId: event.artifactId ?? "art_fraud-model", digest: "sha256:" + "ab".repeat(32), environment: event.environment },
      outcome: { status: event.outcome ?? "success" },
      network: { sourceIp: "203.0.113.7", userAgent: "acme-deployer/2.1" },
      submittedBy: { type: "service_account", id: "sa_partner", tokenId: "tok_1" },
    }));
    const results = await db().$transaction((tx) => appendRecords(tx, ORG_ID, records));
    return results.map((result) => result.seq);
  }

  /** Inserts an alert as a detector would (with evidence on the given seqs). */
  async function insertAlert(parts: { severity?: AlertSeverity; detector?: string; evidence?: bigint[]; title?: string } = {}) {
    alertNumber += 1;
    const now = new Date();
    return db().alert.create({
      data: {
        orgId: ORG_ID,
        number: alertNumber,
        detector: parts.detector ?? "unregistered_digest",
        dedupKey: `key-${alertNumber}`,
        severity: parts.severity ?? "high",
        title: parts.title ?? `Partner ACME deployed an unregistered digest to production (#${alertNumber})`,
        summary:
          'svc-partner-acme deployed sha256:abab… to production; registered digests are ["sha256:cdcd…"]. "Quoted" \\ and ] survive.',
        observed: { digest: "sha256:abab" },
        expected: { registered: ["sha256:cdcd"] },
        actorId: "svc-partner-acme",
        actorDisplay: "Partner ACME deployer",
        artifactId: "art_fraud-model",
        firstSeenAt: now,
        lastSeenAt: now,
        createdAt: now,
        updatedAt: now,
        evidence: { create: (parts.evidence ?? []).map((seq) => ({ orgId: ORG_ID, seq })) },
      },
    });
  }

  return {
    ...database,
    admin: principal("usr_morgan", "Morgan Admin", ["admin"]),
    auditor: principal("usr_avery", "Avery Auditor", ["auditor"]),
    appendEvents,
    insertAlert,
    ledgerCount: () => database.db.ledgerEntry.count({ where: { orgId: ORG_ID } }),
    lastLedgerEntry: () => database.db.ledgerEntry.findFirstOrThrow({ where: { orgId: ORG_ID }, orderBy: { seq: "desc" } }),
    deliveries: (destinationId: string) =>
      database.db.forwardDelivery.findMany({
        where: { destinationId },
        orderBy: { id: "asc" },
        include: { attemptLog: { orderBy: { id: "asc" } } },
      }),
  };
}

export type TForwardingDatabase = Awaited<ReturnType<typeof openForwardingDatabase>>;

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000, what = "the condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The forwarders and receivers a test file starts, each stopped for it: a forwarder after its test
 * (one that fails before stopping it must not run into the next), a receiver after the file.
 * `database` is read when a forwarder starts (the file opens it in beforeAll).
 */
export function forwardingRunnersForTestFile(database: () => TForwardingDatabase, settings: TForwarderSettings) {
  const forwarders: { stop: () => Promise<void> }[] = [];
  const receivers: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    for (const started of forwarders.splice(0)) await started.stop();
  });
  afterAll(async () => {
    for (const receiver of receivers) await receiver.close();
  });
  /** A receiver the file started itself (syslog, TLS), closed with the others. */
  const keep = <TReceiver extends { close: () => Promise<void> }>(receiver: TReceiver): TReceiver => {
    receivers.push(receiver);
    return receiver;
  };
  return {
    forwarder(overrides: Partial<TForwarderSettings> = {}) {
      const started = startForwarder({
        client: database().db,
        keyMaterial: KEY_MATERIAL,
        settings: { ...settings, ...overrides },
        orgId: ORG_ID,
        publicUrl: "https://custody.example.com",
        tickMs: 100,
        log: () => undefined,
      });
      forwarders.push(started);
      return started;
    },
    webhookReceiver: async (...args: Parameters<typeof startWebhookReceiver>) => keep(await startWebhookReceiver(...args)),
    keep,
  };
}
