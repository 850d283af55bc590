import { describe, expect, it } from "vitest";
import { databaseForTestFile } from "@/test/fresh-database";
import { db } from "@/lib/db";
import { createApiToken } from "./create-api-token";
import { createServiceAccount } from "./create-service-account";
import { disableServiceAccount } from "./disable-service-account";
import { getServiceAccount } from "./get-service-account";
import { listServiceAccounts } from "./list-service-accounts";
import { canonicalEvent, expectRefused, openServiceAccountsDatabase } from "../../test/kits/service-accounts-test-database";

const database = databaseForTestFile(openServiceAccountsDatabase);

const input = {
  name: "Édge Inference Monitor #2",
  kind: "monitoring",
  description: "Watches latency of the edge fleet.",
  ownerId: "usr_jordan",
  teamId: "grp_vision-team",
  external: false,
};

describe("createServiceAccount", () => {
  it("creates the account with a slug made from its name, and appends exactly one ledger entry", async () => {
    const before = await database.ledgerCount();
    const account = await createServiceAccount({ principal: database.principals.morgan, input });
    expect(account).toMatchObject({
      slug: "edge-inference-monitor-2",
      name: input.name,
      kind: "monitoring",
      external: false,
      owner: { id: "usr_jordan" },
      team: { id: "grp_vision-team" },
    });
    expect(await database.ledgerCount()).toBe(before + 1);
    const entry = await database.lastLedgerEntry();
    expect(entry).toMatchObject({ action: "service_account.create", actorId: "usr_morgan", submittedBy: "user:usr_morgan" });
    expect(canonicalEvent(entry).details).toMatchObject({
      serviceAccountId: account.id,
      slug: "edge-inference-monitor-2",
      owner: { id: "usr_jordan", name: "Jordan Kim" },
      external: false,
    });
  });

  it("answers a name whose slug is taken with CONFLICT, and writes nothing", async () => {
    const error = await expectRefused(database, "CONFLICT", () =>
      createServiceAccount({ principal: database.principals.morgan, input: { ...input, name: "edge inference monitor 2" } }),
    );
    expect(error.message).toMatch(/edge-inference-monitor-2.*already exists/);
  });

  it("reports every invalid field at once", async () => {
    const error = await expectRefused(database, "INVALID_INPUT", () =>
      createServiceAccount({ principal: database.principals.morgan, input: { name: "!!", kind: "robot", ownerId: "", external: "yes" } }),
    );
    expect(error.fieldErrors.map((fieldError) => fieldError.field).sort()).toEqual(["external", "kind", "name", "ownerId"]);
    const unknown = await expectRefused(database, "INVALID_INPUT", () =>
      createServiceAccount({
        principal: database.principals.morgan,
        input: { ...input, name: "Another monitor", ownerId: "usr_nobody", teamId: "grp_nope" },
      }),
    );
    expect(unknown.fieldErrors.map((fieldError) => fieldError.field).sort()).toEqual(["ownerId", "teamId"]);
  });

  it("is for administrators only", async () => {
    for (const who of ["jordan", "avery"] as const) {
      await expectRefused(database, "FORBIDDEN", () =>
        createServiceAccount({ principal: database.principals[who], input: { ...input, name: `By ${who}` } }),
      );
    }
  });
});

describe("listServiceAccounts and getServiceAccount", () => {
  it("show administrators and auditors each account's live tokens and last use, never a hash", async () => {
    const account = await db().serviceAccount.findFirstOrThrow({ where: { slug: "edge-inference-monitor-2" } });
    const { apiToken } = await createApiToken({
      principal: database.principals.morgan,
      serviceAccountId: account.id,
      input: { name: "fleet", scopes: ["events:write"], expiresInDays: 7 },
    });
    await db().apiToken.update({ where: { id: apiToken.id }, data: { lastUsedAt: new Date("2026-01-02T03:04:00Z") } });
    for (const who of ["morgan", "avery"] as const) {
      const list = await listServiceAccounts({ principal: database.principals[who], query: { q: "inference monitor", page: 1 } });
      expect(list.rows).toHaveLength(1);
      expect(list.rows[0]).toMatchObject({
        id: account.id,
        activeTokens: 1,
        expiringTokens: 1,
        lastUsedAt: new Date("2026-01-02T03:04:00Z"),
      });
      const detail = await getServiceAccount({ principal: database.principals[who], serviceAccountId: account.id });
      expect(detail.tokens).toHaveLength(1);
      expect(detail.tokens[0]).toMatchObject({ id: apiToken.id, status: "active", createdBy: { id: "usr_morgan", name: "Morgan Lee" } });
      expect(detail.tokens[0]).not.toHaveProperty("tokenHash");
    }
    const all = await listServiceAccounts({ principal: database.principals.avery, query: { page: 1 } });
    expect(all.total).toBe(await db().serviceAccount.count({ where: { orgId: "org_demo" } }));
    // Disabled accounts come last.
    expect(all.rows.at(-1)?.disabledAt).not.toBeNull();
  });

  it("are closed to engineers, and accounts of other organisations are not found", async () => {
    await expect(listServiceAccounts({ principal: database.principals.jordan, query: { page: 1 } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(getServiceAccount({ principal: database.principals.jordan, serviceAccountId: "sa_registry-sync" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      getServiceAccount({ principal: { ...database.principals.morgan, orgId: "org_other" }, serviceAccountId: "sa_registry-sync" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("disableServiceAccount", () => {
  it("disables once, with one ledger entry that keeps the reason; a second time is a CONFLICT", async () => {
    const before = await database.ledgerCount();
    const reason = "OPS-377: pipeline decommissioned.";
    const disabled = await disableServiceAccount({ principal: database.principals.morgan, serviceAccountId: "sa_model-scanner", reason });
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    expect(await database.ledgerCount()).toBe(before + 1);
    const entry = await database.lastLedgerEntry();
    expect(entry.action).toBe("service_account.disable");
    expect(canonicalEvent(entry).details).toMatchObject({ serviceAccountId: "sa_model-scanner", reason });
    await expectRefused(database, "CONFLICT", () =>
      disableServiceAccount({ principal: database.principals.morgan, serviceAccountId: "sa_model-scanner", reason }),
    );
    await expectRefused(database, "FORBIDDEN", () =>
      disableServiceAccount({ principal: database.principals.avery, serviceAccountId: "sa_registry-sync", reason }),
    );
  });
});
