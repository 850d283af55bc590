import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort } from "@/bin/launcher/assert-port-free";
import { ledgerKeyFromEnv } from "@/lib/ledger/ledger-key";
import { signCheckpoint } from "@/lib/ledger/sign-checkpoint";
import { generateNoteKey, parseVerifierKey } from "@/lib/ledger/signed-note";
import { verifyLedger } from "@/lib/ledger/verify-ledger";
import { createApiToken } from "@/lib/service-accounts/create-api-token";
import { openServiceAccountsDatabase } from "@/test/kits/service-accounts-test-database";

const root = path.resolve(import.meta.dirname, "../..");
const database = await openServiceAccountsDatabase();
afterAll(() => database.close());

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "test/crash-ingest-server.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATABASE_URL: database.url, CUSTODY_INGEST_RATE: "100000", CUSTODY_INGEST_BURST: "100000" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`ingest server exited with ${code}`)));
  });
  return child;
}

const batchOf = (size: number) =>
  Array.from({ length: size }, (_, n) => ({
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: new Date(Date.UTC(2026, 10, 20, 0, 0, n)).toISOString(),
    source: { system: "kserve" },
    interface: "serving",
    action: "model.load",
    actor: { id: "svc-serving", type: "service" },
    target: { artifactId: "art_crash", digest: "cd".repeat(32) },
    outcome: { status: "success" },
  }));

describe("crash safety", () => {
  it("keeps every acknowledged event exactly once when the server is killed -9 mid-ingest", { timeout: 120_000 }, async () => {
    const account = await database.db.serviceAccount.findFirstOrThrow({ where: { orgId: "org_demo", disabledAt: null } });
    const { token } = await createApiToken({
      principal: database.principals.morgan,
      serviceAccountId: account.id,
      input: { name: "crash test", scopes: ["events:write"], expiresInDays: 1 },
    });
    const port = await findFreePort();
    let server = await startServer(port);
    const batches = Array.from({ length: 40 }, () => batchOf(400));
    const acknowledged = new Set<number>();
    const statuses: number[] = [];
    const errors: string[] = [];
    const send = async (index: number) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(batches[index]),
      });
      if (response.status === 201 || response.status === 200) acknowledged.add(index);
      else statuses.push(response.status);
    };
    // Two clients keep batches in flight; the server dies under them.
    let next = 0;
    const client = async () => {
      while (next < batches.length) {
        const index = next++;
        await send(index).catch((error: unknown) => errors.push(String(error)));
      }
    };
    const clients = Promise.all([client(), client()]);
    // Kill as soon as some batches are acknowledged, while others are still being appended.
    while (acknowledged.size < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    server.kill("SIGKILL");
    await clients;
    expect(statuses).toEqual([]);
    expect(errors.length).toBeGreaterThan(0);
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(acknowledged.size).toBeLessThan(batches.length);

    // Durable: every acknowledged event is there, once, before anything is retried.
    const ackedIds = [...acknowledged].flatMap((index) => batches[index]!.map((event) => event.eventId));
    expect(await database.db.ledgerEntry.count({ where: { eventId: { in: ackedIds } } })).toBe(ackedIds.length);

    // Restart and retry everything unacknowledged: idempotency makes the retry safe.
    server = await startServer(port);
    for (let index = 0; index < batches.length; index += 1) if (!acknowledged.has(index)) await send(index);
    server.kill("SIGTERM");
    expect(acknowledged.size).toBe(batches.length);
    const allIds = batches.flat().map((event) => event.eventId);
    expect(await database.db.ledgerEntry.count({ where: { eventId: { in: allIds } } })).toBe(allIds.length);

    const count = await database.db.ledgerEntry.count({ where: { orgId: "org_demo" } });
    const last = await database.db.ledgerEntry.findFirstOrThrow({ where: { orgId: "org_demo" }, orderBy: { seq: "desc" } });
    expect(Number(last.seq) + 1).toBe(count);

    const keys = generateNoteKey("custody.test/crash");
    await signCheckpoint({
      client: database.ledgerDb,
      orgId: "org_demo",
      key: ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: keys.signerKey })!,
    });
    const reader = new pg.Client({ connectionString: database.url });
    await reader.connect();
    const result = await verifyLedger({ query: reader, orgId: "org_demo", verifiers: [parseVerifierKey(keys.verifierKey)] });
    await reader.end();
    expect(result).toMatchObject({ ok: true, entries: count });
  });
});
