import { describe, expect, it } from "vitest";
import { accessFixtureForTestFile } from "../../test/kits/access-fixture";
import { getPrincipalAccess } from "./get-principal-access";

const fixture = accessFixtureForTestFile();
const other = accessFixtureForTestFile();

const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();

describe("getPrincipalAccess", () => {
  it("shows a user's facts and grants, direct and through groups, split by state", async () => {
    const { principals, id, grantIds: g, now } = fixture;
    const access = await getPrincipalAccess({ principal: principals.cy, principalType: "user", principalId: id("eli"), now });
    expect(access.subject).toMatchObject({
      type: "user",
      name: "Eli Engineer",
      kind: "employee",
      title: "ML engineer",
      manager: { id: id("ada"), name: "Ada Admin" },
      groups: [{ id: id("vision"), name: "Vision", kind: "team" }],
      roles: ["engineer"],
    });
    expect(ids(access.grants.active)).toEqual([g.visionReadsFactory, g.eliReadsIntentSoon, g.eliWritesIntentLater].sort());
    expect(ids(access.grants.expired)).toEqual([g.eliDeployedExpired]);
    expect(ids(access.grants.revoked)).toEqual([g.eliWroteRevoked]);
    const viaGroup = access.grants.active.find((row) => row.id === g.visionReadsFactory);
    expect(viaGroup?.via).toEqual({ groupId: id("vision"), groupName: "Vision" });
    expect(access.grants.active.find((row) => row.id === g.eliReadsIntentSoon)?.via).toBeUndefined();
  });

  it("shows a contractor's engagement end", async () => {
    const access = await getPrincipalAccess({ principal: fixture.principals.cy, principalType: "user", principalId: fixture.id("cat") });
    expect(access.subject).toMatchObject({ type: "user", kind: "contractor", engagementEndsAt: expect.any(Date) });
  });

  it("shows a group's members and the group's grants", async () => {
    const access = await getPrincipalAccess({
      principal: fixture.principals.cy,
      principalType: "group",
      principalId: fixture.id("vision"),
    });
    expect(access.subject.type === "group" && access.subject.members.map((member) => member.name)).toEqual([
      "Cat Contractor",
      "Eli Engineer",
    ]);
    expect(ids(access.grants.active)).toEqual([fixture.grantIds.visionReadsFactory]);
  });

  it("lists a service account's tokens without their hashes", async () => {
    const access = await getPrincipalAccess({
      principal: fixture.principals.cy,
      principalType: "service_account",
      principalId: fixture.id("partner_sync"),
    });
    expect(access.subject).toMatchObject({
      type: "service_account",
      external: true,
      owner: { name: "Fay Engineer" },
      team: { name: "Language" },
    });
    expect(access.subject.type === "service_account" && access.subject.tokens).toEqual([
      expect.objectContaining({ name: "sync token", prefix: "cst_ab12", scopes: ["events:write"], revokedAt: null, lastUsedAt: null }),
    ]);
    expect(JSON.stringify(access)).not.toContain("secret");
    expect(JSON.stringify(access)).not.toContain("tokenHash");
    expect(ids(access.grants.active)).toEqual([fixture.grantIds.partnerSyncReadsIntent]);
  });

  it("lets an engineer open their own page only; anything else is not found", async () => {
    const { principals, id } = fixture;
    await expect(getPrincipalAccess({ principal: principals.eli, principalType: "user", principalId: id("eli") })).resolves.toMatchObject({
      subject: { name: "Eli Engineer" },
    });
    await expect(getPrincipalAccess({ principal: principals.eli, principalType: "user", principalId: id("fay") })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      getPrincipalAccess({ principal: principals.eli, principalType: "group", principalId: id("vision") }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getPrincipalAccess({ principal: principals.nora, principalType: "user", principalId: id("nora") })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("does not reach into another organisation", async () => {
    await expect(
      getPrincipalAccess({ principal: fixture.principals.cy, principalType: "user", principalId: other.id("eli") }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      getPrincipalAccess({ principal: fixture.principals.cy, principalType: "group", principalId: "grp_nope" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
