import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createApiToken } from "@/lib/service-accounts/create-api-token";
import { openServiceAccountsDatabase, type TServiceAccountsDatabase } from "@/test/kits/service-accounts-test-database";
import { publicAccess, route, session, token } from "./route";
import { resetRequestLimits } from "./request-limits";

// The one route wrapper: what every handler under app/api gets from it, tried as a client would.
let database: TServiceAccountsDatabase;
let goodToken: string;
let calls = 0;

const echo = route(
  {
    auth: publicAccess,
    params: z.object({ id: z.string().regex(/^\d+$/) }),
    query: z.object({ n: z.coerce.number().int().max(10).optional() }),
  },
  async ({ params, query }) => ({ params, query }),
);
const small = route({ auth: publicAccess, body: { json: z.object({ name: z.string() }), maxBytes: 100 } }, async ({ body }) => body);
const personal = route({ auth: session("ledger.read") }, async () => {
  calls += 1;
  return { ok: true };
});
const machine = route({ auth: token("events:write") }, async ({ token }) => ({ serviceAccountId: token.serviceAccountId }));
const broken = route({ auth: publicAccess }, async () => {
  throw new Error("connection string postgres://secret@db leaked?");
});

const params = (values: Record<string, string>) => ({ params: Promise.resolve(values) });
const unknownToken = (n: number) => `cust_${String(n).padStart(43, "x")}`;
const fromAddress = (address: string, bearer: string) =>
  new Request("http://localhost/api/v1/test", {
    method: "GET",
    headers: { authorization: `Bearer ${bearer}`, "x-forwarded-for": address },
  });

beforeAll(async () => {
  database = await openServiceAccountsDatabase();
  const account = await database.db.serviceAccount.findFirstOrThrow({ where: { orgId: "org_demo", disabledAt: null } });
  goodToken = (
    await createApiToken({
      principal: database.principals.morgan,
      serviceAccountId: account.id,
      input: { name: "route test", scopes: ["events:write"], expiresInDays: 30 },
    })
  ).token;
});
afterAll(() => database.close());
// Budgets that barely refill, so what a test sees does not depend on how fast this machine runs it.
const slow = (burst: number) => ({ perSecond: 0.001, burst });
beforeEach(() => resetRequestLimits({ perToken: slow(100), failuresPerAddress: slow(20), failuresOverall: slow(200) }));

describe("route()", () => {
  it("hands the handler validated params and query, and sends a plain value as JSON, not cached", async () => {
    const response = await echo(new Request("http://localhost/x?n=3&n=99"), params({ id: "42" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ params: { id: "42" }, query: { n: 3 } });
  });

  it("answers 404 for a route param that does not fit, and 400 naming a bad query value", async () => {
    expect((await echo(new Request("http://localhost/x"), params({ id: "../etc" }))).status).toBe(404);
    const response = await echo(new Request("http://localhost/x?n=1e400"), params({ id: "1" }));
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect((await response.json()).errors).toEqual([expect.objectContaining({ field: "n" })]);
  });

  it("caps the body whatever Content-Length says, and takes JSON only", async () => {
    const post = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
      small(new Request("http://localhost/x", { method: "POST", headers, body }));
    expect(await (await post('{"name":"ada"}')).json()).toEqual({ name: "ada" });
    const big = await post(JSON.stringify({ name: "x".repeat(200) }));
    expect(big.status).toBe(413);
    expect((await big.json()).detail).toMatch(/at most 100|larger than 100/);
    expect(
      (await post(JSON.stringify({ name: "x".repeat(200) }), { "content-type": "application/json", "content-length": "10" })).status,
    ).toBe(413);
    expect((await post("name=ada", { "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
    expect((await post("{")).status).toBe(400);
    const twice = await post('{"name":"ada","name":"eve"}');
    expect(twice.status).toBe(400);
    expect((await twice.json()).detail).toMatch(/not valid JSON/);
    expect((await post('{"name":7}')).status).toBe(400);
  });

  it("refuses a signed-in route called from another site before looking at the session", async () => {
    for (const site of ["cross-site", "same-site"]) {
      const response = await personal(new Request("http://localhost/x", { headers: { "sec-fetch-site": site } }));
      expect(response.status).toBe(403);
      expect((await response.json()).detail).toMatch(/another site/);
    }
    expect(calls).toBe(0);
  });

  it("says nothing of internals when a handler fails", async () => {
    const response = await broken(new Request("http://localhost/x"));
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toMatch(/secret|postgres/);
  });

  it("rate-limits failed token authentications per address before the lookup, without locking out a working token", async () => {
    expect((await machine(fromAddress("203.0.113.7", goodToken))).status).toBe(200);
    const statuses: number[] = [];
    for (let n = 0; n < 25; n += 1) statuses.push((await machine(fromAddress("203.0.113.7", unknownToken(n)))).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(new Set(statuses.slice(20))).toEqual(new Set([429]));
    const limited = await machine(fromAddress("203.0.113.7", unknownToken(99)));
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // The producer that was already working keeps working; another address is not punished.
    expect((await machine(fromAddress("203.0.113.7", goodToken))).status).toBe(200);
    expect((await machine(fromAddress("198.51.100.1", unknownToken(100)))).status).toBe(401);
  });

  it("stops a flood of unknown tokens from many addresses once the server's failure budget is spent", async () => {
    let limited = 0;
    for (let n = 0; n < 230; n += 1)
      if ((await machine(fromAddress(`10.0.${n >> 8}.${n & 255}`, unknownToken(n)))).status === 429) limited += 1;
    expect(limited).toBeGreaterThan(0);
    expect((await machine(fromAddress("192.0.2.1", unknownToken(1000)))).status).toBe(429);
  });

  it("rate-limits each token, known or not", async () => {
    const statuses = new Set<number>();
    for (let n = 0; n < 120; n += 1) statuses.add((await machine(fromAddress("192.0.2.50", goodToken))).status);
    expect(statuses).toEqual(new Set([200, 429]));
  });
});
