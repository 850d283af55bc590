import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { databaseForTestFile } from "@/test/fresh-database";
import { db } from "@/lib/db";
import { authenticateToken } from "./authenticate-token";
import { createApiToken } from "./create-api-token";
import { rotateApiToken } from "./rotate-api-token";
import { canonicalEvent, expectRefused, openServiceAccountsDatabase } from "../../test/kits/service-accounts-test-database";

const database = databaseForTestFile(openServiceAccountsDatabase);

const DAY_MS = 86_400_000;
const reason = "OPS-118: quarterly rotation.";

async function issue(expiresInDays = 45) {
  return createApiToken({
    principal: database.principals.morgan,
    serviceAccountId: "sa_model-monitor",
    input: { name: "monitor prod", scopes: ["events:write", "ledger:read"], expiresInDays },
  });
}

describe("rotateApiToken", () => {
  it("issues a replacement with the same name, scopes and lifetime, revokes the old one, and appends one ledger entry", async () => {
    const old = await issue();
    const before = await database.ledgerCount();
    const now = new Date(Date.now() + 1000);
    const rotated = await rotateApiToken({ principal: database.principals.morgan, tokenId: old.apiToken.id, reason, now });

    expect(rotated.token).toMatch(/^cust_[0-9A-Za-z]{43}$/);
    expect(rotated.token).not.toBe(old.token);
    expect(rotated.apiToken).toMatchObject({
      name: "monitor prod",
      scopes: ["events:write", "ledger:read"],
      rotatedFromId: old.apiToken.id,
      status: "active",
      prefix: rotated.token.slice(0, 12),
    });
    expect(rotated.apiToken.expiresAt.getTime()).toBe(now.getTime() + 45 * DAY_MS);
    expect(rotated.rotatedFrom).toMatchObject({
      id: old.apiToken.id,
      status: "revoked",
      revokedAt: now,
      revokedById: "usr_morgan",
      revokeReason: `rotated: ${reason}`,
    });
    const stored = await database.db.apiToken.findUniqueOrThrow({ where: { id: rotated.apiToken.id }, omit: { tokenHash: false } });
    expect(stored.tokenHash).toBe(createHash("sha256").update(rotated.token).digest("hex"));

    expect(await database.ledgerCount()).toBe(before + 1);
    const entry = await database.lastLedgerEntry();
    expect(entry).toMatchObject({ action: "api_token.rotate", actorId: "usr_morgan" });
    const details = canonicalEvent(entry).details;
    expect(details).toMatchObject({
      tokenId: rotated.apiToken.id,
      prefix: rotated.apiToken.prefix,
      scopes: ["events:write", "ledger:read"],
      expiresAt: rotated.apiToken.expiresAt.toISOString(),
      rotatedFrom: { tokenId: old.apiToken.id, prefix: old.apiToken.prefix },
      reason,
    });
    const text = Buffer.from(entry.canonical).toString("utf8");
    for (const secret of [rotated.token, old.token, stored.tokenHash]) expect(text).not.toContain(secret);

    await expect(authenticateToken({ authorization: `Bearer ${rotated.token}`, requiredScope: "ledger:read" })).resolves.toMatchObject({
      tokenId: rotated.apiToken.id,
    });
    await expect(authenticateToken({ authorization: `Bearer ${old.token}`, requiredScope: "events:write" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: expect.stringMatching(/revoked on/),
    });
  });

  it("rotates an expired token too; a revoked one is a CONFLICT", async () => {
    const old = await issue(10);
    await db().apiToken.update({ where: { id: old.apiToken.id }, data: { expiresAt: new Date(Date.now() - DAY_MS) } });
    const rotated = await rotateApiToken({ principal: database.principals.morgan, tokenId: old.apiToken.id, reason });
    expect(rotated.apiToken.status).toBe("active");
    const error = await expectRefused(database, "CONFLICT", () =>
      rotateApiToken({ principal: database.principals.morgan, tokenId: old.apiToken.id, reason }),
    );
    expect(error.message).toMatch(/already revoked on .* by Morgan Lee \(reason: rotated: OPS-118/);
  });

  it("lets exactly one of two simultaneous rotations through", async () => {
    const old = await issue();
    const before = await database.ledgerCount();
    const results = await Promise.allSettled([
      rotateApiToken({ principal: database.principals.morgan, tokenId: old.apiToken.id, reason }),
      rotateApiToken({ principal: database.principals.morgan, tokenId: old.apiToken.id, reason }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await database.ledgerCount()).toBe(before + 1);
    expect(await db().apiToken.count({ where: { rotatedFromId: old.apiToken.id } })).toBe(1);
  });

  it("requires a reason, and is for administrators only", async () => {
    const old = await issue();
    const short = await expectRefused(database, "INVALID_INPUT", () =>
      rotateApiToken({ principal: database.principals.morgan, tokenId: old.apiToken.id, reason: "because" }),
    );
    expect(short.fieldErrors.map((fieldError) => fieldError.field)).toEqual(["reason"]);
    for (const who of ["jordan", "avery"] as const) {
      await expectRefused(database, "FORBIDDEN", () =>
        rotateApiToken({ principal: database.principals[who], tokenId: old.apiToken.id, reason }),
      );
    }
    await expectRefused(database, "NOT_FOUND", () =>
      rotateApiToken({ principal: { ...database.principals.morgan, orgId: "org_other" }, tokenId: old.apiToken.id, reason }),
    );
  });
});
