import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAlertRoute } from "@/app/api/v1/alerts/[alertId]/route";
import { POST as postLifecycle } from "@/app/api/v1/alerts/[alertId]/lifecycle/route";
import { GET as listRoute } from "@/app/api/v1/alerts/route";
import { db } from "@/lib/db";
import { createApiToken } from "@/lib/service-accounts/create-api-token";
import { freshDatabase, type TFreshDatabase } from "@/test/fresh-database";
import { createAlertFixture, type TAlertFixture } from "@/test/kits/alert-fixture";
import { latestEntries } from "@/test/kits/investigation-fixture";

// The alerts API end to end (route() → token scope → validation → domain), for automation.
let database: TFreshDatabase;
let fixture: TAlertFixture;
const tokens = { read: "", write: "", ledger: "" };

beforeAll(async () => {
  database = await freshDatabase();
  process.env.DATABASE_URL = database.url;
  fixture = await createAlertFixture(db());
  const account = await db().serviceAccount.findFirstOrThrow({ where: { orgId: "org_demo", disabledAt: null } });
  const make = async (scopes: string[]) =>
    (
      await createApiToken({
        principal: fixture.principals.morgan,
        serviceAccountId: account.id,
        input: { name: `t ${scopes}`, scopes, expiresInDays: 30 },
      })
    ).token;
  tokens.read = await make(["alerts:read"]);
  tokens.write = await make(["alerts:read", "alerts:write"]);
  tokens.ledger = await make(["ledger:read"]);
});
afterAll(async () => {
  await db().$disconnect();
  await database.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const list = (query: string, token = tokens.read) =>
  listRoute(new Request(`http://localhost/api/v1/alerts${query}`, { headers: bearer(token) }));

describe("GET /api/v1/alerts", () => {
  it("pages by cursor with an alerts:read token", async () => {
    const first = await list("?limit=3&summary=1");
    expect(first.status).toBe(200);
    const body = (await first.json()) as { items: { label: string }[]; nextCursor: string; summary: { byStatus: Record<string, number> } };
    expect(body.items).toHaveLength(3);
    expect(body.summary.byStatus.open).toBe(4);
    const second = (await (await list(`?limit=3&cursor=${body.nextCursor}`)).json()) as { items: { label: string }[]; nextCursor: null };
    expect(second.items.map((row) => row.label)).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
  });

  it("refuses a token without the scope, and hostile parameters with 400 problem details naming them", async () => {
    expect((await list("", tokens.ledger)).status).toBe(403);
    for (const [query, field] of [
      ["?actor=usr%00x", "actor"],
      [`?artifact=${"x".repeat(300)}`, "artifact"],
      ["?limit=99999999999999999999999", "limit"],
      ["?from=2026-02-30T00:00:00Z", "from"],
      ["?to=tomorrow", "to"],
      ["?cursor=Zm9vfGJhcg", "cursor"],
      ["?severity=CRITICAL", "severity"],
    ] as const) {
      const response = await list(query);
      expect(response.status, query).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
      const problem = (await response.json()) as { errors?: { field: string }[] } & Record<string, unknown>;
      expect(JSON.stringify(problem), query).toContain(`"${field}"`);
    }
  });
});

describe("lifecycle by token", () => {
  const step = (alertId: string, body: unknown, token = tokens.write) =>
    postLifecycle(
      new Request(`http://localhost/api/v1/alerts/${alertId}/lifecycle`, {
        method: "POST",
        headers: { ...bearer(token), "content-type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      { params: Promise.resolve({ alertId }) },
    );

  it("acknowledges as the service account, recorded with it as the author; a repeat is 409", async () => {
    const response = await step("ALR-3", { step: "acknowledge" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "acknowledged", assigneeId: null });
    const [entry] = await latestEntries(db());
    expect(entry!.record).toMatchObject({ action: "alert.acknowledge", actor: { type: "service" } });
    const again = await step("ALR-3", { step: "acknowledge" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toMatch(/ALR-3 is acknowledged/);
  });

  it("needs alerts:write, refuses duplicate keys and unknown alerts", async () => {
    expect((await step("ALR-4", { step: "acknowledge" }, tokens.read)).status).toBe(403);
    expect((await step("ALR-4", '{"step":"acknowledge","step":"close"}')).status).toBe(400);
    expect((await step("ALR-999", { step: "acknowledge" })).status).toBe(404);
    const alert = await getAlertRoute(new Request("http://localhost/api/v1/alerts/ALR-4", { headers: bearer(tokens.read) }), {
      params: Promise.resolve({ alertId: "ALR-4" }),
    });
    expect(((await alert.json()) as { status: string }).status).toBe("open");
  });
});
