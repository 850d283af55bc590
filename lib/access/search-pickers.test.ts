import { describe, expect, it } from "vitest";
import { accessFixtureForTestFile } from "../../test/kits/access-fixture";
import { searchPrincipals, ZPrincipalSearch } from "./search-principals";
import { searchScopes, ZScopeSearch } from "./search-scopes";

const fixture = accessFixtureForTestFile();
accessFixtureForTestFile();

describe("the grant form's pickers", () => {
  it("find users by name or email, groups and service accounts, in the organisation only", async () => {
    const principal = fixture.principals.ada;
    const names = async (q: string, type?: string) =>
      (await searchPrincipals({ principal, query: ZPrincipalSearch.parse({ q, type }) })).map((option) => `${option.type}:${option.name}`);
    expect(await names("eli eng")).toEqual(["user:Eli Engineer"]);
    expect(await names("ELI")).toEqual(["user:Eli Engineer", "service_account:Vision training pipeline"]);
    expect(await names(`pat@${fixture.orgId}`)).toEqual(["user:Pat Partner"]);
    expect(await names("vision")).toEqual(["group:Vision", "service_account:Vision training pipeline"]);
    expect(await names("vision", "group")).toEqual(["group:Vision"]);
    // Disabled people cannot receive access, so the picker does not offer them.
    expect(await names("gone")).toEqual([]);
    expect((await names("")).length).toBeLessThanOrEqual(20);
    expect(() => ZPrincipalSearch.parse({ type: "robot" })).toThrow();
  });

  it("find projects and live artifacts", async () => {
    const principal = fixture.principals.ada;
    const names = async (q: string) =>
      (await searchScopes({ principal, query: ZScopeSearch.parse({ q }) })).map((option) => `${option.type}:${option.name}`);
    expect(await names("factory")).toEqual(["project:Factory inspection"]);
    expect(await names("model")).toEqual([]);
    expect(await names("detector")).toEqual(["artifact:defect-detector"]);
  });

  it("are for administrators only", async () => {
    await expect(searchPrincipals({ principal: fixture.principals.cy, query: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(searchScopes({ principal: fixture.principals.eli, query: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
