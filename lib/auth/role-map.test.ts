import { describe, expect, it } from "vitest";
import { defaultRoleMap, loadRoleMap, parseRoleMap, rolesForGroups } from "./role-map";

describe("role map", () => {
  it("maps IdP groups to platform roles and ignores unknown groups", () => {
    expect(rolesForGroups(["ml-engineers", "custody-admins", "all-staff"], defaultRoleMap)).toEqual(["admin", "engineer"]);
    expect(rolesForGroups(["all-staff"], defaultRoleMap)).toEqual([]);
  });

  it("reads a configured map from CUSTODY_ROLE_MAP", () => {
    const map = loadRoleMap({ CUSTODY_ROLE_MAP: '{"okta-ml-admins":["admin","auditor"]}' });
    expect(rolesForGroups(["okta-ml-admins"], map)).toEqual(["admin", "auditor"]);
  });

  it("names the variable and the expected form when the map is wrong", () => {
    expect(() => parseRoleMap("{not json", "CUSTODY_ROLE_MAP")).toThrow(/CUSTODY_ROLE_MAP is not valid JSON/);
    expect(() => parseRoleMap('{"g":["superuser"]}', "CUSTODY_ROLE_MAP")).toThrow(/one of admin, compliance_officer/);
    expect(() => loadRoleMap({ CUSTODY_ROLE_MAP_FILE: "/nonexistent/roles.json" })).toThrow(/CUSTODY_ROLE_MAP_FILE/);
  });
});
