import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { createApiToken } from "@/lib/service-accounts/create-api-token";
import { revokeApiToken } from "@/lib/service-accounts/revoke-api-token";
import { openServiceAccountsDatabase, type TServiceAccountsDatabase } from "@/test/kits/service-accounts-test-database";

// The ingest API end to end (route handler → validation → append), against a real database.
let database: TServiceAccountsDatabase;
let token: string;
let readToken: string;

const event = (overrides: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  eventId: randomUUID(),
  occurredAt: "2026-11-27T03:12:00Z",
  source: { system: "mlflow", component: "registry", version: "3.1" },
  interface: "registry",
  action: "model_version.download",
  actor: { id: "svc-train", type: "service" },
  target: { artifactId: "art_fraud-scorer", version: "4", digest: "ab".repeat(32), environment: "prod" },
  outcome: { status: "success" },
  ...overrides,
});

function post(body: string | Uint8Array<ArrayBuffer>, options: { token?: string | null; type?: string } = {}) {
  const headers: Record<string, string> = { "content-type": options.type ?? "application/json" };
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? token}`;
  return POST(new Request("http://localhost/api/v1/events", { method: "POST", headers, body }));
}

beforeAll(async () => {
  database = await openServiceAccountsDatabase();
  const account = await database.db.serviceAccount.findFirstOrThrow({ where: { orgId: "org_demo", disabledAt: null } });
  token = (
    await createApiToken({
      principal: database.principals.morgan,
      serviceAccountId: account.id,
      input: { name: "ingest test", scopes: ["events:write"], expiresInDays: 30 },
    })
  ).token;
  readToken = (
    await createApiToken({
      principal: database.principals.morgan,
      serviceAccountId: account.id,
      input: { name: "read test", scopes: ["ledger:read"], expiresInDays: 30 },
    })
  ).token;
});
afterAll(() => database.close());

describe("POST /api/v1/events", () => {
  it("appends one event, an array and NDJSON, and is idempotent by eventId", async () => {
    const one = event();
    const first = await post(JSON.stringify(one));
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    expect(firstBody).toMatchObject({ appended: 1, duplicates: 0 });

    const two = [event(), one];
    const again = await (await post(JSON.stringify(two))).json();
    expect(again.appended).toBe(1);
    expect(again.events[1]).toEqual({ eventId: one.eventId, seq: firstBody.events[0].seq, status: "duplicate" });

    const ndjson = [event(), event()].map((item) => JSON.stringify(item)).join("\n");
    expect((await (await post(ndjson, { type: "application/x-ndjson" })).json()).appended).toBe(2);
  });

  it("records who submitted each event, beside the actor it claims", async () => {
    const item = event({ actor: { id: "alice", type: "user" } });
    await post(JSON.stringify(item));
    const entry = await database.db.ledgerEntry.findFirstOrThrow({ where: { eventId: item.eventId } });
    const record = JSON.parse(Buffer.from(entry.canonical).toString("utf8"));
    expect(record.actor.id).toBe("alice");
    expect(record.submittedBy).toMatchObject({ type: "service_account" });
    expect(record.recordedAt).toMatch(/^\d{4}-/);
  });

  const rejected: [string, () => Promise<Response>, number, RegExp][] = [
    ["malformed JSON", () => post("{not json"), 400, /not valid JSON/],
    ["a wrong type", () => post(JSON.stringify(event({ occurredAt: 12 }))), 400, /occurredAt/],
    ["a missing field", () => post(JSON.stringify({ ...event(), action: undefined })), 400, /action/],
    ["an unknown schema version", () => post(JSON.stringify(event({ schemaVersion: 2 }))), 400, /schema version/],
    ["an oversized event", () => post(JSON.stringify(event({ details: { blob: "x".repeat(70_000) } }))), 400, /64 KiB/],
    [
      // Under 64 KiB as sent, over 65,535 bytes once recorded: a tlog-tiles entry bundle could not hold it.
      "an event too large once recorded",
      () => {
        const overhead = JSON.stringify(event({ details: { blob: "" } })).length;
        return post(JSON.stringify([event(), event({ details: { blob: "x".repeat(65_536 - overhead) } })]));
      },
      400,
      /too large to record/,
    ],
    [
      "an oversized body",
      () => post(JSON.stringify([event({ details: { blob: "x".repeat(60_000) } })]).padEnd(6 * 1024 * 1024, " ")),
      413,
      /5 MiB/,
    ],
    ["5,001 events", () => post(JSON.stringify(Array.from({ length: 5001 }, () => event()))), 413, /at most 5000/],
    ["invalid UTF-8", () => post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 400, /UTF-8/],
    [
      "a duplicate eventId inside the batch",
      () => {
        const item = event();
        return post(JSON.stringify([item, event(), item]));
      },
      400,
      /duplicates the eventId of event 0/,
    ],
    ["no token", () => post(JSON.stringify(event()), { token: null }), 401, /Bearer/],
    ["an unknown token", () => post(JSON.stringify(event()), { token: "cust_not-a-real-token-at-all-000000000000" }), 401, /./],
    ["a token without events:write", () => post(JSON.stringify(event()), { token: readToken }), 403, /events:write/],
  ];

  it.each(rejected)("rejects %s with a problem document and appends nothing", async (_name, send, status, detail) => {
    const before = await database.ledgerCount();
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = await response.json();
    expect(`${problem.detail} ${JSON.stringify(problem.errors ?? [])}`).toMatch(detail);
    expect(await database.ledgerCount()).toBe(before);
  });

  it("lists every bad event of a batch by index and field", async () => {
    const response = await post(JSON.stringify([event(), event({ interface: "fax" }), event({ target: { digest: "xyz" } })]));
    const problem = await response.json();
    expect(problem.errors).toEqual([
      expect.objectContaining({ index: 1, field: "interface" }),
      expect.objectContaining({ index: 2, field: "target.digest" }),
    ]);
  });

  it("rejects a revoked token", async () => {
    const account = await database.db.serviceAccount.findFirstOrThrow({ where: { orgId: "org_demo", disabledAt: null } });
    const { token: doomed, apiToken } = await createApiToken({
      principal: database.principals.morgan,
      serviceAccountId: account.id,
      input: { name: "doomed", scopes: ["events:write"], expiresInDays: 1 },
    });
    await revokeApiToken({ principal: database.principals.morgan, tokenId: apiToken.id, reason: "leaked in a CI log" });
    const response = await post(JSON.stringify(event()), { token: doomed });
    expect(response.status).toBe(401);
    expect((await response.json()).detail).toMatch(/revoked/);
  });
});
