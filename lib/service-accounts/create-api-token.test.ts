import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { databaseForTestFile } from "@/test/fresh-database";
import { db } from "@/lib/db";
import { createApiToken } from "./create-api-token";
import { canonicalEvent, expectRefused, openServiceAccountsDatabase } from "../../test/kits/service-accounts-test-database";

const database = databaseForTestFile(openServiceAccountsDatabase);

const DAY_MS = 86_400_000;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("createApiToken", () => {
  it("returns the token once and stores only its SHA-256: not in the token's row, not in the ledger", async () => {
    const now = new Date();
    const before = await database.ledgerCount();
    const { token, apiToken } = await createApiToken({
      principal: database.principals.morgan,
      serviceAccountId: "sa_vision-training",
      input: { name: "github-actions prod", scopes: ["ledger:read", "events:write"], expiresInDays: 30 },
      now,
    });
    expect(token).toMatch(/^cust_[0-9A-Za-z]{43}$/);
    expect(apiToken).toMatchObject({
      name: "github-actions prod",
      prefix: token.slice(0, 12),
      scopes: ["events:write", "ledger:read"],
      status: "active",
      createdById: "usr_morgan",
    });
    expect(apiToken.expiresAt.getTime()).toBe(now.getTime() + 30 * DAY_MS);
    expect(apiToken).not.toHaveProperty("tokenHash");

    const row = await database.db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id }, omit: { tokenHash: false } });
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    // Reads without asking for it never carry the hash.
    expect(await db().apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })).not.toHaveProperty("tokenHash");

    expect(await database.ledgerCount()).toBe(before + 1);
    const entry = await database.lastLedgerEntry();
    expect(entry).toMatchObject({ action: "api_token.create", actorId: "usr_morgan" });
    expect(canonicalEvent(entry).details).toEqual({
      serviceAccount: { id: "sa_vision-training", slug: "vision-training", name: "Vision training pipeline" },
      tokenId: apiToken.id,
      name: "github-actions prod",
      prefix: apiToken.prefix,
      scopes: ["events:write", "ledger:read"],
      expiresAt: apiToken.expiresAt.toISOString(),
      expiresInDays: 30,
    });
    const ledger = await database.db.ledgerEntry.findMany({ select: { canonical: true } });
    for (const { canonical } of ledger) {
      const text = Buffer.from(canonical).toString("utf8");
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.slice(12));
      expect(text).not.toContain(row.tokenHash);
    }
  });

  it("expires in 90 days unless told otherwise", async () => {
    const now = new Date();
    const { apiToken } = await createApiToken({
      principal: database.principals.morgan,
      serviceAccountId: "sa_vision-training",
      input: { name: "default expiry", scopes: ["events:write"] },
      now,
    });
    expect(apiToken.expiresAt.getTime()).toBe(now.getTime() + 90 * DAY_MS);
  });

  it("requires a name, at least one known scope and 1 to 365 days", async () => {
    for (const [input, fields] of [
      [{ name: "ok name", scopes: ["events:write"], expiresInDays: 0 }, ["expiresInDays"]],
      [{ name: "ok name", scopes: ["events:write"], expiresInDays: 366 }, ["expiresInDays"]],
      [{ name: "ok name", scopes: ["events:write"], expiresInDays: 2.5 }, ["expiresInDays"]],
      [{ name: "ok name", scopes: ["events:write"], expiresInDays: "soon" }, ["expiresInDays"]],
      [{ name: "ok name", scopes: [], expiresInDays: 30 }, ["scopes"]],
      [{ name: "ok name", scopes: ["admin"], expiresInDays: 30 }, ["scopes.0"]],
      [{ name: " ", expiresInDays: 30 }, ["name", "scopes"]],
    ] as const) {
      const error = await expectRefused(database, "INVALID_INPUT", () =>
        createApiToken({ principal: database.principals.morgan, serviceAccountId: "sa_vision-training", input }),
      );
      expect(error.fieldErrors.map((fieldError) => fieldError.field).sort(), JSON.stringify(input)).toEqual([...fields]);
    }
  });

  it("refuses disabled and unknown accounts, and anyone but an administrator", async () => {
    const input = { name: "should not exist", scopes: ["events:write"], expiresInDays: 30 };
    const disabled = await expectRefused(database, "CONFLICT", () =>
      createApiToken({ principal: database.principals.morgan, serviceAccountId: "sa_legacy-jenkins-deploy", input }),
    );
    expect(disabled.message).toMatch(/disabled on \d{4}-\d\d-\d\d/);
    await expectRefused(database, "NOT_FOUND", () =>
      createApiToken({ principal: database.principals.morgan, serviceAccountId: "sa_nope", input }),
    );
    await expectRefused(database, "NOT_FOUND", () =>
      createApiToken({ principal: { ...database.principals.morgan, orgId: "org_other" }, serviceAccountId: "sa_vision-training", input }),
    );
    for (const who of ["jordan", "avery"] as const) {
      await expectRefused(database, "FORBIDDEN", () =>
        createApiToken({ principal: database.principals[who], serviceAccountId: "sa_vision-training", input }),
      );
    }
  });
});
