import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { accessFixtureForTestFile, createAccessFixture } from "../../test/kits/access-fixture";
import { listGrants } from "./list-grants";
import { revokeGrant } from "./revoke-grant";

const fixture = accessFixtureForTestFile();

const ledgerCount = () => db().ledgerEntry.count({ where: { orgId: fixture.orgId } });
const reason = "SEC-311: contractor engagement ended on 30 June.";

async function refused(action: () => Promise<unknown>): Promise<AppError> {
  const before = {
    ledger: await ledgerCount(),
    grants: await db().grant.findMany({ where: { orgId: fixture.orgId }, orderBy: { id: "asc" } }),
  };
  const error = await action().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(await ledgerCount()).toBe(before.ledger);
  expect(await db().grant.findMany({ where: { orgId: fixture.orgId }, orderBy: { id: "asc" } })).toEqual(before.grants);
  return error as AppError;
}

describe("revokeGrant", () => {
  it("keeps the row, records who revoked it, when and why, and writes exactly one ledger entry", async () => {
    const grantId = fixture.grantIds.catWritesDefect;
    const before = await ledgerCount();
    const revoked = await revokeGrant({ principal: fixture.principals.ada, grantId, reason });
    expect(revoked).toMatchObject({ id: grantId, status: "revoked", revokedBy: { name: "Ada Admin" }, revokeReason: reason });
    const row = await db().grant.findUniqueOrThrow({ where: { id: grantId } });
    expect(row).toMatchObject({ revokedById: fixture.id("ada"), revokeReason: reason, revokedAt: expect.any(Date) });
    expect(await ledgerCount()).toBe(before + 1);
    const entry = await db().ledgerEntry.findFirstOrThrow({ where: { orgId: fixture.orgId }, orderBy: { seq: "desc" } });
    expect(entry).toMatchObject({ action: "grant.revoke", actorId: fixture.id("ada") });
    expect(JSON.parse(Buffer.from(entry.canonical).toString("utf8")).details).toMatchObject({
      grantId,
      reason,
      principal: { name: "Cat Contractor" },
    });
    const list = await listGrants({ principal: fixture.principals.cy, filters: { status: "revoked" } });
    expect(list.rows.map((grant) => grant.id)).toContain(grantId);
  });

  it("answers a second revoke with CONFLICT naming the first", async () => {
    const error = await refused(() => revokeGrant({ principal: fixture.principals.bo, grantId: fixture.grantIds.catWritesDefect, reason }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/already revoked on \d{4}-\d\d-\d\d \d\d:\d\d UTC by Ada Admin/);
  });

  it("lets exactly one of two simultaneous revokes succeed", async () => {
    const grantId = fixture.grantIds.patReadsIntent;
    const before = await ledgerCount();
    const results = await Promise.allSettled([
      revokeGrant({ principal: fixture.principals.ada, grantId, reason }),
      revokeGrant({ principal: fixture.principals.bo, grantId, reason }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await ledgerCount()).toBe(before + 1);
  });

  it("revokes a grant that has not started yet, but not one that already expired", async () => {
    await expect(
      revokeGrant({ principal: fixture.principals.ada, grantId: fixture.grantIds.eliWritesIntentLater, reason }),
    ).resolves.toMatchObject({ status: "revoked" });
    const expired = await refused(() =>
      revokeGrant({ principal: fixture.principals.ada, grantId: fixture.grantIds.eliDeployedExpired, reason }),
    );
    expect(expired.code).toBe("CONFLICT");
    expect(expired.message).toMatch(/expired/);
  });

  it("requires a reason of 10 to 1000 characters", async () => {
    for (const bad of ["", "too short", "x".repeat(1001)]) {
      const error = await refused(() =>
        revokeGrant({ principal: fixture.principals.ada, grantId: fixture.grantIds.visionReadsFactory, reason: bad }),
      );
      expect(error.code).toBe("INVALID_INPUT");
      expect(error.fieldErrors.map((fieldError) => fieldError.field)).toEqual(["reason"]);
    }
  });

  it("refuses non-administrators, and grants of other organisations are not found", async () => {
    for (const who of ["cy", "eli", "nora"] as const) {
      const error = await refused(() =>
        revokeGrant({ principal: fixture.principals[who], grantId: fixture.grantIds.visionReadsFactory, reason }),
      );
      expect(error.code, who).toBe("FORBIDDEN");
    }
    const other = await createAccessFixture(db());
    const error = await refused(() =>
      revokeGrant({ principal: fixture.principals.ada, grantId: other.grantIds.visionReadsFactory, reason }),
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});
