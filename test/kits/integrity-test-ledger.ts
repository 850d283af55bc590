import { randomUUID } from "node:crypto";
import pg from "pg";
import type { TPrincipal } from "@/lib/auth/principal";
import type { TPlatformRole } from "@/lib/authz/roles";
import { AppError, type TErrorCode } from "@/lib/errors/app-error";
import type { TEvent } from "@/lib/ingest/event-schema";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { ledgerKeyFromEnv } from "@/lib/ledger/ledger-key";
import { signCheckpoint } from "@/lib/ledger/sign-checkpoint";
import { generateNoteKey } from "@/lib/ledger/signed-note";
import { freshDomainDatabase } from "@/test/fresh-database";
import { expectRefused as expectRefusedUnchanged } from "@/test/kits/expect-refused";

// For the Ledger integrity tests: a fresh database that the domain's own client (db()) uses, the
// ledger's public key in the environment as the web server gets it, and a small signed ledger.

export const ORG_ID = "org_integrity";

function principal(userId: string, name: string, roles: TPlatformRole[], orgId = ORG_ID): TPrincipal {
  return { userId, orgId, name, email: `${userId}@example.test`, kind: "employee", roles, sessionId: `test_${userId}` };
}

export const principals = {
  morgan: principal("usr_morgan", "Morgan Lee", ["admin"]),
  avery: principal("usr_avery", "Avery Brooks", ["auditor"]),
  riley: principal("usr_riley", "Riley Okafor", ["incident_responder"]),
  sam: principal("usr_sam", "Sam Patel", ["manager"]),
  jordan: principal("usr_jordan", "Jordan Kim", ["engineer"]),
  /** An auditor of another organisation. */
  stranger: principal("usr_stranger", "Sasha Other", ["auditor"], "org_other"),
};

export function testEvent({
  source = "mlflow",
  occurredAt = new Date(),
  n = 0,
}: { source?: string; occurredAt?: Date; n?: number } = {}): TEvent {
  return {
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: occurredAt.toISOString(),
    source: { system: source, component: "registry" },
    interface: "registry",
    action: n % 3 === 0 ? "model_version.deploy" : "model_version.download",
    actor: { id: `svc-${n % 4}`, type: "service" },
    target: { artifactId: `art_${n % 5}`, version: String(n % 7), digest: (n % 16).toString(16).repeat(64) },
    outcome: { status: "success" },
  };
}

/** Opens the database; `entries` events are appended in two batches, each followed by a signed checkpoint. */
export async function openIntegrityLedger({ entries = 30 }: { entries?: number } = {}) {
  const database = await freshDomainDatabase();
  const keys = generateNoteKey(`custody.test/${ORG_ID}`);
  process.env.CUSTODY_LEDGER_PUBLIC_KEY = keys.verifierKey;
  const key = ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: keys.signerKey })!;
  const submitter = { type: "service_account" as const, id: "sa_test", tokenId: "tok_test" };
  const ingest = (events: TEvent[]) => ingestEvents({ client: database.db, orgId: ORG_ID, submitter, events });
  const half = Math.floor(entries / 2);
  if (entries > 0) {
    await ingest(Array.from({ length: half }, (_, n) => testEvent({ n })));
    await signCheckpoint({ client: database.ledgerDb, orgId: ORG_ID, key });
    await ingest(Array.from({ length: entries - half }, (_, n) => testEvent({ n: half + n })));
    await signCheckpoint({ client: database.ledgerDb, orgId: ORG_ID, key });
  }
  const superuser = new pg.Client({ connectionString: database.superuserUrl });
  await superuser.connect();
  const db = database.db;
  return {
    ...database,
    keys,
    superuser,
    ingest,
    ledgerCount: () => db.ledgerEntry.count({ where: { orgId: ORG_ID } }),
    lastLedgerEntry: () => db.ledgerEntry.findFirstOrThrow({ where: { orgId: ORG_ID }, orderBy: { seq: "desc" } }),
    /** Tampers as a superuser would: with the append-only triggers switched off for the session. */
    tamper: async (...statements: string[]) => {
      await superuser.query("SET session_replication_role = replica");
      for (const statement of statements) await superuser.query(statement);
      await superuser.query("SET session_replication_role = DEFAULT");
    },
    close: async () => {
      await superuser.end();
      await database.close();
    },
  };
}

export type TIntegrityLedger = Awaited<ReturnType<typeof openIntegrityLedger>>;

/** The canonical (hashed) event of a ledger entry, parsed. */
export function canonicalEvent(entry: { canonical: Uint8Array }): {
  action: string;
  actor: { id: string; display?: string };
  outcome: { status: string; message?: string };
  details: Record<string, unknown>;
} {
  return JSON.parse(Buffer.from(entry.canonical).toString("utf8"));
}

/** Runs something that must be refused with `code`, and checks that it wrote nothing. */
export function expectRefused(ledger: TIntegrityLedger, code: TErrorCode, action: () => Promise<unknown>): Promise<AppError> {
  return expectRefusedUnchanged(code, action, async () => ({
    entries: await ledger.db.ledgerEntry.count(),
    verifications: await ledger.db.ledgerVerification.findMany({ orderBy: { id: "asc" } }),
  }));
}
