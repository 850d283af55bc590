import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadOrCreateLedgerKey } from "../../lib/ledger/ledger-key";
import { protectDataDir } from "./protect-data-dir";
import { loadOrCreateSecrets } from "./secrets";
import { nextChildEnv, webServerSpawnOptions } from "./web-server-spawn";
import { ensureWebServerUser } from "./web-server-user";

const superuserUrl = "postgres://postgres:pg-superuser-password@127.0.0.1:54329/custody";
const launcherEnv = {
  PATH: "/usr/bin:/bin",
  CUSTODY_LEDGER_SIGNING_KEY: "PRIVATE+KEY+custody.local/org_demo+1234abcd+c2VjcmV0",
  CUSTODY_EVIDENCE_SIGNING_KEY: "-----BEGIN PRIVATE KEY-----\nZXZpZGVuY2Utc2VjcmV0\n-----END PRIVATE KEY-----\n",
  MIGRATION_DATABASE_URL: superuserUrl,
  DATABASE_URL: superuserUrl,
  CUSTODY_LEDGER_DATABASE_URL: "postgres://custody_ledger:ledger-password@127.0.0.1:54329/custody",
  PGPASSWORD: "pg-superuser-password",
  CUSTODY_ORG_ID: "org_demo",
};
const launch = {
  baseEnv: launcherEnv,
  projectRoot: "/srv/custody",
  appUrl: "postgres://custody_app:app-password@127.0.0.1:54329/custody",
  publicUrl: "http://localhost:3000",
  nextAuthSecret: "n".repeat(48),
  ledgerPublicKey: "custody.local/org_demo+1234abcd+cHVibGlj",
  evidencePublicKey: "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAevidence\n-----END PUBLIC KEY-----\n",
  identityProvider: { OIDC_ISSUER: "http://localhost:3001", OIDC_CLIENT_ID: "custody-local", OIDC_CLIENT_SECRET: "idp-secret" },
  cacheDir: "/srv/custody/.next/cache",
};

describe("the web server's spawn", () => {
  it("gets the app role's URL, the public key and no telemetry; never the signing key or another role's password", () => {
    const options = webServerSpawnOptions({ ...launch, identity: { name: "custody-web", uid: 990, gid: 990 } });
    expect(options).toMatchObject({ uid: 990, gid: 990, cwd: "/srv/custody" });
    expect(options.env).toMatchObject({
      DATABASE_URL: launch.appUrl,
      CUSTODY_LEDGER_PUBLIC_KEY: launch.ledgerPublicKey,
      NEXT_TELEMETRY_DISABLED: "1",
      CUSTODY_ORG_ID: "org_demo",
      HOME: launch.cacheDir,
    });
    const everything = JSON.stringify(options.env);
    for (const secret of [
      "pg-superuser-password",
      "ledger-password",
      "c2VjcmV0",
      "ZXZpZGVuY2Utc2VjcmV0",
      "BEGIN PRIVATE KEY",
      "PRIVATE+KEY",
      "custody_ledger",
      "postgres://postgres",
    ])
      expect(everything).not.toContain(secret);
    expect(Object.keys(options.env)).not.toEqual(expect.arrayContaining(["CUSTODY_LEDGER_SIGNING_KEY"]));
    expect(options.env.CUSTODY_EVIDENCE_PUBLIC_KEY).toBe(launch.evidencePublicKey);
    expect(options.env.CUSTODY_EVIDENCE_SIGNING_KEY).toBeUndefined();
  });

  it("keeps the launcher's user when it cannot switch (not root), and still sends no telemetry", () => {
    const options = webServerSpawnOptions({ ...launch, identity: null });
    expect(options.uid).toBeUndefined();
    expect(options.gid).toBeUndefined();
    expect(options.env.NEXT_TELEMETRY_DISABLED).toBe("1");
  });

  it("turns telemetry off in every Next child (build, dev), whatever the launcher's environment says", () => {
    expect(nextChildEnv({ ...launcherEnv, NEXT_TELEMETRY_DISABLED: "0" })).toMatchObject({ NEXT_TELEMETRY_DISABLED: "1" });
    expect(nextChildEnv(launcherEnv).CUSTODY_LEDGER_SIGNING_KEY).toBeUndefined();
  });
});

const asRoot = process.getuid?.() === 0;
const scratch = mkdtempSync(path.join(os.tmpdir(), "custody-isolation-"));
// Open to all, like a checkout: only the data directory's own protection may stop the web user.
chmodSync(scratch, 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.runIf(asRoot)("as root", () => {
  it("runs the web server as its own OS user, which cannot read the signing key or the secrets (EACCES)", () => {
    const dataDir = path.join(scratch, "data");
    protectDataDir(dataDir, { embeddedPostgres: true });
    loadOrCreateSecrets(dataDir);
    loadOrCreateLedgerKey(dataDir, "org_isolation");
    const identity = ensureWebServerUser()!;
    expect(identity.uid).not.toBe(0);
    expect(statSync(dataDir).mode & 0o777).toBe(0o710);
    const options = webServerSpawnOptions({ ...launch, identity });
    const readAs = (file: string) =>
      spawnSync(process.execPath, ["-e", `require("node:fs").readFileSync(${JSON.stringify(file)})`], {
        uid: options.uid,
        gid: options.gid,
        encoding: "utf8",
      });
    writeFileSync(path.join(scratch, "public.txt"), "readable by all\n", { mode: 0o644 });
    expect(readAs(path.join(scratch, "public.txt")).status).toBe(0);
    for (const file of ["ledger-signing.key", "secrets.json"]) {
      const read = readAs(path.join(dataDir, file));
      expect(read.status, file).not.toBe(0);
      expect(read.stderr).toContain("EACCES");
    }
    // The launcher itself still reads it.
    expect(loadOrCreateLedgerKey(dataDir, "org_isolation").key.verifierKey).toMatch(/^custody\.local\/org_isolation\+/);
  });
});
