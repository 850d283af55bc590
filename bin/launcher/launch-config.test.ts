import { describe, expect, it } from "vitest";
import { generateNoteKey } from "../../lib/ledger/signed-note";
import { ZServerEnv } from "../../lib/env";
import { resolveLaunchConfig, webServerVariablesFromLauncher } from "./launch-config";
import { webServerSpawnOptions } from "./web-server-spawn";

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
    expect(() => resolveLaunchConfig({ OIDC_ISSUER: "https://idp.example.com" })).toThrow(
      /OIDC_ISSUER: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together/,
    );
    expect(() => resolveLaunchConfig({ CUSTODY_SESSION_MAX_AGE: "eight hours" })).toThrow(/CUSTODY_SESSION_MAX_AGE: a duration/);
    expect(() => resolveLaunchConfig({ CUSTODY_ROLE_MAP: "[" })).toThrow(/CUSTODY_ROLE_MAP is not valid JSON/);
  });

  it("uses an external IdP when all three OIDC variables are set", () => {
    const config = resolveLaunchConfig({ OIDC_ISSUER: "https://acme.okta.com", OIDC_CLIENT_ID: "custody", OIDC_CLIENT_SECRET: "s3cret" });
    expect(config.externalIdp).toBe(true);
  });

  it("checks the launcher's own secrets and ledger key before anything starts", () => {
    expect(() => resolveLaunchConfig({ NEXTAUTH_SECRET: "short" })).toThrow(/NEXTAUTH_SECRET: at least 32 characters/);
    expect(() => resolveLaunchConfig({ CUSTODY_LEDGER_SIGNING_KEY: "custody.local/org+1234abcd+AAAA" })).toThrow(
      /CUSTODY_LEDGER_SIGNING_KEY: a signed-note signer key \(PRIVATE\+KEY\+/,
    );
    expect(() => resolveLaunchConfig({ CUSTODY_LEDGER_ORIGIN: "custody local" })).toThrow(
      /CUSTODY_LEDGER_ORIGIN: a key name without spaces or \+/,
    );
    const signerKey = generateNoteKey("custody.example.com/acme").signerKey;
    const config = resolveLaunchConfig({
      CUSTODY_ORG_ID: "org_acme",
      CUSTODY_LEDGER_SIGNING_KEY: signerKey,
      NEXTAUTH_SECRET: "",
      CUSTODY_LEDGER_ORIGIN: "",
    });
    expect([config.CUSTODY_ORG_ID, config.CUSTODY_LEDGER_SIGNING_KEY, config.NEXTAUTH_SECRET, config.CUSTODY_LEDGER_ORIGIN]).toEqual([
      "org_acme",
      signerKey,
      undefined,
      undefined,
    ]);
    expect(resolveLaunchConfig({}).CUSTODY_ORG_ID).toBe("org_demo");
  });

  it("names exactly the web server's variables that the launcher sets itself", () => {
    const { env } = webServerSpawnOptions({
      baseEnv: {},
      projectRoot: "/custody",
      appUrl: "postgres://custody_app:pw@localhost:54329/custody",
      publicUrl: "http://localhost:3000",
      nextAuthSecret: "x".repeat(40),
      ledgerPublicKey: "custody.local/org_demo+00000000+AQ==",
      evidencePublicKey: "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n",
      identityProvider: { OIDC_ISSUER: "https://acme.okta.com", OIDC_CLIENT_ID: "custody", OIDC_CLIENT_SECRET: "s3cret" },
      identity: null,
      cacheDir: "/tmp/custody-cache",
    });
    const declared = new Set([...Object.keys(ZServerEnv.shape), "CUSTODY_LEDGER_PUBLIC_KEY", "CUSTODY_EVIDENCE_PUBLIC_KEY"]);
    expect(
      Object.keys(env)
        .filter((name) => declared.has(name))
        .sort(),
    ).toEqual([...webServerVariablesFromLauncher].sort());
  });
});
