import { describe, expect, it } from "vitest";
import { databaseForTestFile } from "@/test/fresh-database";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { authenticateToken } from "./authenticate-token";
import { generateApiToken } from "./api-token-secret";
import { createApiToken } from "./create-api-token";
import { disableServiceAccount } from "./disable-service-account";
import { revokeApiToken } from "./revoke-api-token";
import { openServiceAccountsDatabase } from "../../test/kits/service-accounts-test-database";

const database = databaseForTestFile(openServiceAccountsDatabase);

const DAY_MS = 86_400_000;

async function issue(serviceAccountId = "sa_vision-deploy", scopes = ["events:write"]) {
  return createApiToken({
    principal: database.principals.morgan,
    serviceAccountId,
    input: { name: `token ${Math.random()}`, scopes, expiresInDays: 30 },
  });
}

/** The refusal, checked never to repeat what was sent. */
async function refusal(
  authorization: string | null,
  code: "UNAUTHORIZED" | "FORBIDDEN",
  requiredScope: "events:write" | "ledger:read" = "events:write",
): Promise<string> {
  const error = await authenticateToken({ authorization, requiredScope }).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code, (error as AppError).message).toBe(code);
  // Every long piece of what was sent (the token, or a Basic credential) stays out of the message.
  for (const piece of (authorization ?? "").split(/\s+/).filter((part) => part.length >= 10))
    expect((error as AppError).message).not.toContain(piece);
  return (error as AppError).message;
}

const lastUsed = async (id: string) => (await db().apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;

describe("authenticateToken", () => {
  it("accepts a valid token that has the scope, as its service account", async () => {
    const { token, apiToken } = await issue();
    await expect(authenticateToken({ authorization: `Bearer ${token}`, requiredScope: "events:write" })).resolves.toEqual({
      orgId: "org_demo",
      serviceAccountId: "sa_vision-deploy",
      serviceAccountName: "Vision deploy pipeline",
      tokenId: apiToken.id,
      scopes: ["events:write"],
    });
    // The scheme is case-insensitive (RFC 9110).
    await expect(authenticateToken({ authorization: `bearer ${token}`, requiredScope: "events:write" })).resolves.toMatchObject({
      tokenId: apiToken.id,
    });
  });

  it("refuses a valid token without the scope with FORBIDDEN naming the scope", async () => {
    const { token } = await issue("sa_vision-deploy", ["events:write"]);
    expect(await refusal(`Bearer ${token}`, "FORBIDDEN", "ledger:read")).toMatch(/lacks the scope ledger:read/);
  });

  it("asks for a bearer token when the header is missing or malformed", async () => {
    const { token } = await issue();
    for (const header of [
      null,
      "",
      "   ",
      `Basic ${Buffer.from(`x:${token}`).toString("base64")}`,
      "Bearer",
      `Bearer ${token} extra`,
      `Token ${token}`,
    ]) {
      expect(await refusal(header, "UNAUTHORIZED"), String(header)).toContain("Send Authorization: Bearer <token>");
    }
    for (const header of ["Bearer not-a-custody-token", `Bearer ${token.slice(0, -1)}`, `Bearer ${token.replace("cust_", "cst_")}`]) {
      expect(await refusal(header, "UNAUTHORIZED"), header).toMatch(/not a Custody API token/);
    }
  });

  it("refuses an unknown token", async () => {
    expect(await refusal(`Bearer ${generateApiToken().token}`, "UNAUTHORIZED")).toMatch(/^Unknown API token/);
  });

  it("refuses an expired token, saying when it expired", async () => {
    const { token, apiToken } = await issue();
    const expiredAt = new Date(Date.now() - 3 * DAY_MS);
    await db().apiToken.update({ where: { id: apiToken.id }, data: { expiresAt: expiredAt } });
    const message = await refusal(`Bearer ${token}`, "UNAUTHORIZED");
    expect(message).toContain(`expired on ${expiredAt.toISOString().slice(0, 16).replace("T", " ")} UTC`);
    expect(message).toContain(apiToken.prefix);
  });

  it("refuses a revoked token, saying when it was revoked", async () => {
    const { token, apiToken } = await issue();
    const revoked = await revokeApiToken({
      principal: database.principals.morgan,
      tokenId: apiToken.id,
      reason: "SEC-204: token found in a build log.",
    });
    const message = await refusal(`Bearer ${token}`, "UNAUTHORIZED");
    expect(message).toContain(`revoked on ${revoked.revokedAt!.toISOString().slice(0, 16).replace("T", " ")} UTC`);
    expect(message).not.toContain("SEC-204");
  });

  it("refuses every token of a disabled service account", async () => {
    const { token } = await issue("sa_forecasting-deploy");
    await expect(authenticateToken({ authorization: `Bearer ${token}`, requiredScope: "events:write" })).resolves.toBeTruthy();
    await disableServiceAccount({
      principal: database.principals.morgan,
      serviceAccountId: "sa_forecasting-deploy",
      reason: "OPS-377: pipeline decommissioned.",
    });
    expect(await refusal(`Bearer ${token}`, "UNAUTHORIZED")).toMatch(/Service account "Forecasting deploy pipeline" was disabled on/);
  });

  it("records the use in lastUsedAt, at most once a minute", async () => {
    const { token, apiToken } = await issue();
    expect(await lastUsed(apiToken.id)).toBeNull();
    const before = Date.now();
    await authenticateToken({ authorization: `Bearer ${token}`, requiredScope: "events:write" });
    const first = await lastUsed(apiToken.id);
    expect(first!.getTime()).toBeGreaterThanOrEqual(before - 1000);

    // Within the minute: no write.
    await authenticateToken({ authorization: `Bearer ${token}`, requiredScope: "events:write" });
    expect(await lastUsed(apiToken.id)).toEqual(first);

    // A use denied for scope still shows the token is alive.
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db().apiToken.update({ where: { id: apiToken.id }, data: { lastUsedAt: twoMinutesAgo } });
    await refusal(`Bearer ${token}`, "FORBIDDEN", "ledger:read");
    const afterDenied = await lastUsed(apiToken.id);
    expect(afterDenied!.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);

    // Refused tokens are not "used".
    const revoked = await issue();
    await revokeApiToken({
      principal: database.principals.morgan,
      tokenId: revoked.apiToken.id,
      reason: "Testing that refused use is not recorded.",
    });
    await refusal(`Bearer ${revoked.token}`, "UNAUTHORIZED");
    expect(await lastUsed(revoked.apiToken.id)).toBeNull();
  });

  it("accepts many simultaneous requests with one token and records their use", async () => {
    const { token, apiToken } = await issue();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => authenticateToken({ authorization: `Bearer ${token}`, requiredScope: "events:write" })),
    );
    expect(results.every((result) => result.tokenId === apiToken.id)).toBe(true);
    expect(await lastUsed(apiToken.id)).toBeInstanceOf(Date);
  });
});
