import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toProblem } from "@/lib/errors/problem";
import { ledgerKeyFromEnv } from "@/lib/ledger/ledger-key";
import { signCheckpoint } from "@/lib/ledger/sign-checkpoint";
import { generateNoteKey, parseVerifierKey } from "@/lib/ledger/signed-note";
import { verifyLedger } from "@/lib/ledger/verify-ledger";
import { DEMO_ORG_ID, openServiceAccountsDatabase, type TServiceAccountsDatabase } from "@/test/kits/service-accounts-test-database";
import { ZEvent } from "./event-schema";
import { ingestEvents } from "./ingest-events";
import { parseEventBatch } from "./parse-event-batch";

// Issue 9: input an ingest token can send that was silently changed, broke the ledger or
// answered 500. Each is driven through validation and append (what the route does) against a
// real database: a 400 naming the event and field, and nothing appended.
let database: TServiceAccountsDatabase;
const now = new Date("2026-12-01T12:00:00Z");
const submitter = { type: "system", id: "hostile-input-test" } as const;

beforeAll(async () => {
  database = await openServiceAccountsDatabase();
});
afterAll(() => database.close());

const event = (overrides: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  eventId: randomUUID(),
  occurredAt: "2026-11-27T03:12:00Z",
  source: { system: "mlflow" },
  interface: "registry",
  action: "model_version.download",
  actor: { id: "svc-train", type: "service" },
  target: { artifactId: "art_fraud-scorer", environment: "prod" },
  outcome: { status: "success" },
  ...overrides,
});

/** One valid event, then `hostile` spliced in as raw JSON text: the batch must fail whole. */
const afterValid = (hostile: string) => `[${JSON.stringify(event())},${hostile}]`;
/** An event whose details member is `raw` JSON text. */
const withDetails = (raw: string) => JSON.stringify(event({ details: { placeholder: 0 } })).replace('{"placeholder":0}', raw);

async function submit(body: string, type = "application/json") {
  const events = parseEventBatch(Buffer.from(body, "utf8"), type, { now, maxFutureSkewSeconds: 300 });
  return ingestEvents({ orgId: DEMO_ORG_ID, submitter, events });
}

async function refused(body: string, type = "application/json") {
  const before = await database.ledgerCount();
  const problem = await submit(body, type).then(
    () => null,
    (error: unknown) => toProblem(error),
  );
  expect(await database.ledgerCount()).toBe(before);
  return problem;
}

describe("an eventId in upper case", () => {
  it("is the same event in any case: lower case in the hashed bytes and the column, and a retry is a duplicate", async () => {
    const id = randomUUID();
    const upper = event({ eventId: id.toUpperCase() });
    const first = await submit(JSON.stringify(upper));
    expect(first.events).toEqual([{ eventId: id, seq: expect.any(String), status: "appended" }]);
    const entry = await database.db.ledgerEntry.findFirstOrThrow({ where: { eventId: id } });
    expect(JSON.parse(Buffer.from(entry.canonical).toString("utf8")).eventId).toBe(id);

    for (const retry of [upper, { ...upper, eventId: id }, { ...upper, eventId: id.slice(0, 8).toUpperCase() + id.slice(8) }]) {
      expect((await submit(JSON.stringify(retry))).events).toEqual([{ eventId: id, seq: first.events[0]!.seq, status: "duplicate" }]);
    }
    expect(await database.db.ledgerEntry.count({ where: { eventId: id } })).toBe(1);

    const keys = generateNoteKey("custody.test/hostile");
    await signCheckpoint({
      client: database.ledgerDb,
      orgId: DEMO_ORG_ID,
      key: ledgerKeyFromEnv({ CUSTODY_LEDGER_SIGNING_KEY: keys.signerKey })!,
    });
    const reader = new pg.Client({ connectionString: database.url });
    await reader.connect();
    try {
      expect(await verifyLedger({ query: reader, orgId: DEMO_ORG_ID, verifiers: [parseVerifierKey(keys.verifierKey)] })).toMatchObject({
        ok: true,
      });
    } finally {
      await reader.end();
    }
  });

  it("is lower-cased for callers that build events without the schema too", async () => {
    const id = randomUUID();
    const result = await ingestEvents({ orgId: DEMO_ORG_ID, submitter, events: [{ ...ZEvent.parse(event()), eventId: id.toUpperCase() }] });
    expect(result.events).toEqual([{ eventId: id, seq: expect.any(String), status: "appended" }]);
    const entry = await database.db.ledgerEntry.findFirstOrThrow({ where: { eventId: id } });
    expect(JSON.parse(Buffer.from(entry.canonical).toString("utf8")).eventId).toBe(id);
  });

  it("is a duplicate of the same id in lower case within one batch", async () => {
    const id = randomUUID();
    const problem = await refused(JSON.stringify([event({ eventId: id }), event({ eventId: id.toUpperCase() })]));
    expect(problem?.errors).toEqual([{ index: 1, field: "eventId", message: "duplicates the eventId of event 0 in this batch" }]);
  });
});

describe("occurredAt", () => {
  it("is kept as sent, up to the allowed clock skew ahead of the server", async () => {
    const soon = "2026-12-01T13:04:59+01:00";
    const result = await submit(JSON.stringify(event({ occurredAt: soon })));
    const entry = await database.db.ledgerEntry.findFirstOrThrow({ where: { eventId: result.events[0]!.eventId } });
    expect(JSON.parse(Buffer.from(entry.canonical).toString("utf8")).occurredAt).toBe(soon);
  });
});

describe("details", () => {
  it("keep numbers that are the same value in another spelling as RFC 8785 writes them", async () => {
    const result = await submit(withDetails('{"one":1.0,"hundred":1e2,"zero":-0,"tiny":5e-324,"big":9007199254740991}'));
    const entry = await database.db.ledgerEntry.findFirstOrThrow({ where: { eventId: result.events[0]!.eventId } });
    expect(Buffer.from(entry.canonical).toString("utf8")).toContain(
      '"details":{"big":9007199254740991,"hundred":100,"one":1,"tiny":5e-324,"zero":0}',
    );
  });

  it("may come after a byte order mark at the start of the body", async () => {
    expect((await submit(`\ufeff${JSON.stringify(event())}`)).appended).toBe(1);
  });
});

const inFuture = (ms: number) => new Date(now.getTime() + ms).toISOString();

// [case, body, content type, expected error (index, field), message]
const hostile: [string, string, string, { index: number; field: unknown }, RegExp][] = [
  [
    "duplicate keys in details",
    afterValid(withDetails('{"a":1,"a":2}')),
    "application/json",
    { index: 1, field: "details.a" },
    /duplicate key "a"/,
  ],
  [
    "a duplicate top-level key",
    afterValid(JSON.stringify(event()).replace("{", '{"occurredAt":"2026-11-01T00:00:00Z",')),
    "application/json",
    { index: 1, field: "occurredAt" },
    /duplicate key "occurredAt"/,
  ],
  [
    "a __proto__ key in details",
    afterValid(withDetails('{"__proto__":{"admin":true}}')),
    "application/json",
    { index: 1, field: "details.__proto__" },
    /"__proto__" is not accepted/,
  ],
  [
    "an integer above 2^53",
    afterValid(withDetails('{"bytes":9007199254740993}')),
    "application/json",
    { index: 1, field: "details.bytes" },
    /outside ±\(2\^53−1\)/,
  ],
  ["1e400", afterValid(withDetails('{"x":1e400}')), "application/json", { index: 1, field: "details.x" }, /Infinity/],
  [
    "a number that would be rounded",
    afterValid(withDetails('{"x":0.1000000000000000000001}')),
    "application/json",
    { index: 1, field: "details.x" },
    /cannot be held exactly/,
  ],
  [
    "a lone surrogate in actor.id",
    afterValid(JSON.stringify(event()).replace('"svc-train"', '"svc\\ud800"')),
    "application/json",
    { index: 1, field: "actor.id" },
    /lone UTF-16 surrogate/,
  ],
  [
    "U+0000 in details",
    afterValid(withDetails('{"note":"a\\u0000b"}')),
    "application/json",
    { index: 1, field: "details.note" },
    /U\+0000/,
  ],
  [
    "U+0000 in an indexed field",
    afterValid(JSON.stringify(event()).replace('"prod"', '"pr\\u0000od"')),
    "application/json",
    { index: 1, field: "target.environment" },
    /U\+0000/,
  ],
  [
    "U+0000 raw on an NDJSON line",
    `${JSON.stringify(event())}\n\n${JSON.stringify(event()).replace('"prod"', '"pr\u0000od"')}`,
    "application/x-ndjson",
    { index: 1, field: "target.environment" },
    /^Line 3 cannot be recorded exactly: U\+0000/,
  ],
  [
    "a syntax error on an NDJSON line",
    `${JSON.stringify(event())}\n${JSON.stringify(event())}\n{"schemaVersion":1,}`,
    "application/x-ndjson",
    { index: 2, field: "(event)" },
    /^Line 3 is not valid JSON: unexpected '\}' \(expected a property name in double quotes\) at \$ \(line 1, column 20\)/,
  ],
  [
    "trailing garbage",
    `${JSON.stringify([event()])} x`,
    "application/json",
    { index: 0, field: "(event)" },
    /not valid JSON: unexpected 'x' \(expected the end of the text\)/,
  ],
  [
    "100,000 nested arrays",
    `[${"[".repeat(100_000)}`,
    "application/json",
    { index: 0, field: expect.stringMatching(/^0(\.0){62}$/) },
    /nested deeper than 64 levels/,
  ],
  [
    "a body of 5 MiB of '['",
    "[".repeat(5 * 1024 * 1024 - 1),
    "application/json",
    { index: 0, field: expect.stringMatching(/^0(\.0){62}$/) },
    /nested deeper than 64 levels/,
  ],
  [
    "details nested 9 levels",
    afterValid(withDetails(`${'{"a":'.repeat(9)}1${"}".repeat(9)}`)),
    "application/json",
    { index: 1, field: "details.a.a.a.a.a.a.a.a" },
    /nested at most 8 levels deep/,
  ],
  [
    "occurredAt in year 0000",
    afterValid(JSON.stringify(event({ occurredAt: "0000-01-01T00:00:00Z" }))),
    "application/json",
    { index: 1, field: "occurredAt" },
    /not before 2000-01-01T00:00:00Z/,
  ],
  [
    "occurredAt in 1999",
    afterValid(JSON.stringify(event({ occurredAt: "1999-12-31T23:59:59Z" }))),
    "application/json",
    { index: 1, field: "occurredAt" },
    /not before 2000-01-01T00:00:00Z/,
  ],
  [
    "occurredAt in year 9999",
    afterValid(JSON.stringify(event({ occurredAt: "9999-12-31T23:59:59Z" }))),
    "application/json",
    { index: 1, field: "occurredAt" },
    /more than 5 min ahead of the server's clock \(2026-12-01T12:00:00.000Z\)/,
  ],
  [
    "occurredAt 6 minutes ahead",
    afterValid(JSON.stringify(event({ occurredAt: inFuture(6 * 60_000) }))),
    "application/json",
    { index: 1, field: "occurredAt" },
    /more than 5 min ahead/,
  ],
  [
    "occurredAt on 30 February",
    afterValid(JSON.stringify(event({ occurredAt: "2026-02-30T00:00:00Z" }))),
    "application/json",
    { index: 1, field: "occurredAt" },
    /RFC 3339/,
  ],
  [
    "occurredAt without an offset",
    afterValid(JSON.stringify(event({ occurredAt: "2026-11-27T03:12:00" }))),
    "application/json",
    { index: 1, field: "occurredAt" },
    /RFC 3339/,
  ],
];

describe("hostile input", () => {
  it.each(hostile)("refuses %s with a 400 naming the event and field, and appends nothing", async (_name, body, type, where, message) => {
    const problem = await refused(body, type);
    expect(problem).toMatchObject({ status: 400, type: "https://custody.dev/problems/invalid-input" });
    expect(problem!.errors).toEqual([expect.objectContaining(where)]);
    expect(`${problem!.detail} ${problem!.errors![0]!.message}`).toMatch(message);
  });
});

describe("too many events", () => {
  it("is counted before any event is read further, in JSON and NDJSON", async () => {
    const zeros = `[${"0,".repeat(2_000_000)}0]`;
    expect(await refused(zeros)).toMatchObject({ status: 413, detail: "The batch has 2000001 events; at most 5000 per request." });
    expect(await refused("1\n".repeat(2_000_000), "application/x-ndjson")).toMatchObject({
      status: 413,
      detail: "The batch has more than 5000 events; at most 5000 per request.",
    });
  });
});

describe("the event schema without the parser", () => {
  it("refuses U+0000 and lone surrogates in any text, and __proto__ keys, at their paths", () => {
    const value = event({ actor: { id: "a\u0000", type: "user" }, details: { ok: "fine", deep: [{ note: "b\ud800" }], ["k\u0000"]: 1 } });
    const issues = (input: unknown) => ZEvent.safeParse(input).error?.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(issues(value)).toEqual([
      ["actor.id", expect.stringMatching(/U\+0000/)],
      ["details.k\u0000", expect.stringMatching(/^the key must not contain U\+0000/)],
      ["details.deep.0.note", expect.stringMatching(/lone UTF-16 surrogate/)],
    ]);
    const details = { ok: "fine" };
    Object.defineProperty(details, "__proto__", { value: 1, enumerable: true, configurable: true, writable: true });
    expect(issues(event({ details }))).toEqual([["details.__proto__", expect.stringMatching(/"__proto__" is not accepted/)]]);
  });
});
