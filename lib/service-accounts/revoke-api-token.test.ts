import { describe, expect, it } from "vitest";
import { databaseForTestFile } from "@/test/fresh-database";
import { authenticateToken } from "./authenticate-token";
import { createApiToken } from "./create-api-token";
import { revokeApiToken } from "./revoke-api-token";
import { canonicalEvent, expectRefused, openServiceAccountsDatabase } from "../../test/kits/service-accounts-test-database";

const database = databaseForTestFile(openServiceAccountsDatabase);

const reason = "SEC-204: token found in a build log.";

async function issue() {
  return createApiToken({
    principal: database.principals.morgan,
    serviceAccountId: "sa_vector-labs-sync",
    input: { name: "vector labs", scopes: ["events:write"], expiresInDays: 60 },
  });
}

describe("revokeApiToken", () => {
  it("revokes at once, keeps the row with who, when and why, and appends exactly one ledger entry", async () => {
    const { token, apiToken } = await issue();
    await expect(authenticateToken({ authorization: `Bearer ${token}`, requiredScope: "events:write" })).resolves.toBeTruthy();
    const before = await database.ledgerCount();
    const revoked = await revokeApiToken({ principal: database.principals.morgan, tokenId: apiToken.id, reason });
    expect(revoked).toMatchObject({
      id: apiToken.id,
      status: "revoked",
      revokedById: "usr_morgan",
      revokeReason: reason,
      revokedAt: expect.any(Date),
    });
    expect(await database.ledgerCount()).toBe(before + 1);
    const entry = await database.lastLedgerEntry();
    expect(entry).toMatchObject({ action: "api_token.revoke", actorId: "usr_morgan" });
    expect(canonicalEvent(entry).details).toMatchObject({
      tokenId: apiToken.id,
      prefix: apiToken.prefix,
      scopes: ["events:write"],
      expiresAt: apiToken.expiresAt.toISOString(),
      reason,
    });
    expect(Buffer.from(entry.canonical).toString("utf8")).not.toContain(token);
    await expect(authenticateToken({ authorization: `Bearer ${token}`, requiredScope: "events:write" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("answers a second revocation with CONFLICT naming the first", async () => {
    const { apiToken } = await issue();
    await revokeApiToken({ principal: database.principals.morgan, tokenId: apiToken.id, reason });
    const error = await expectRefused(database, "CONFLICT", () =>
      revokeApiToken({ principal: database.principals.morgan, tokenId: apiToken.id, reason }),
    );
    expect(error.message).toMatch(/already revoked on \d{4}-\d\d-\d\d \d\d:\d\d UTC by Morgan Lee \(reason: SEC-204/);
  });

  it("lets exactly one of two simultaneous revocations through", async () => {
    const { apiToken } = await issue();
    const before = await database.ledgerCount();
    const results = await Promise.allSettled([
      revokeApiToken({ principal: database.principals.morgan, tokenId: apiToken.id, reason }),
      revokeApiToken({ principal: database.principals.morgan, tokenId: apiToken.id, reason }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await database.ledgerCount()).toBe(before + 1);
  });

  it("requires a reason of 10 to 1000 characters", async () => {
    const { apiToken } = await issue();
    for (const bad of ["", "too short", "x".repeat(1001)]) {
      const error = await expectRefused(database, "INVALID_INPUT", () =>
        revokeApiToken({ principal: database.principals.morgan, tokenId: apiToken.id, reason: bad }),
      );
      expect(error.fieldErrors.map((fieldError) => fieldError.field)).toEqual(["reason"]);
    }
  });

  it("is for administrators only; tokens of other organisations are not found", async () => {
    const { apiToken } = await issue();
    for (const who of ["jordan", "avery"] as const) {
      await expectRefused(database, "FORBIDDEN", () =>
        revokeApiToken({ principal: database.principals[who], tokenId: apiToken.id, reason }),
      );
    }
    await expectRefused(database, "NOT_FOUND", () =>
      revokeApiToken({ principal: { ...database.principals.morgan, orgId: "org_other" }, tokenId: apiToken.id, reason }),
    );
    await expectRefused(database, "NOT_FOUND", () =>
      revokeApiToken({ principal: database.principals.morgan, tokenId: "tok_nope", reason }),
    );
  });
});
