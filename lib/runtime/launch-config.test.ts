import { describe, expect, it } from "vitest";
import { resolveLaunchConfig } from "./launch-config";

describe("launch configuration", () => {
  it("needs nothing at all for the self-contained demo", () => {
    const config = resolveLaunchConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.externalIdp).toBe(false);
    expect(config.publicUrl).toBe("http://localhost:3000");
  });

  it("names the variable and the expected form when a value is wrong", () => {
    expect(() => resolveLaunchConfig({ PORT: "eighty" })).toThrow(/PORT: a TCP port number/);
    expect(() => resolveLaunchConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: a PostgreSQL URL/);
    expect(() => resolveLaunchConfig({ OIDC_ISSUER: "https://idp.example.com" })).toThrow(/OIDC_ISSUER: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together/);
    expect(() => resolveLaunchConfig({ CUSTODY_SESSION_MAX_AGE: "eight hours" })).toThrow(/CUSTODY_SESSION_MAX_AGE: a duration/);
    expect(() => resolveLaunchConfig({ CUSTODY_ROLE_MAP: "[" })).toThrow(/CUSTODY_ROLE_MAP is not valid JSON/);
  });

  it("uses an external IdP when all three OIDC variables are set", () => {
    const config = resolveLaunchConfig({ OIDC_ISSUER: "https://acme.okta.com", OIDC_CLIENT_ID: "custody", OIDC_CLIENT_SECRET: "s3cret" });
    expect(config.externalIdp).toBe(true);
  });
});
