import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ZServerEnv } from "./env";

const skew = ZServerEnv.shape.CUSTODY_INGEST_MAX_FUTURE_SKEW;

describe("CUSTODY_INGEST_MAX_FUTURE_SKEW", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("is a duration up to a day, 5 minutes by default", () => {
    expect(skew.parse(undefined)).toBe(300);
    expect(skew.parse("30s")).toBe(30);
    expect(skew.parse("2h")).toBe(7200);
    expect(skew.parse("0")).toBe(0);
    expect(skew.safeParse("2d").error?.issues[0]?.message).toBe("a duration up to 1d, such as 5m");
    expect(skew.safeParse("soon").error?.issues[0]?.message).toMatch(/a duration such as 8h/);
  });

  it("is read once, and a wrong value names the variable", async () => {
    vi.stubEnv("CUSTODY_INGEST_MAX_FUTURE_SKEW", "1h");
    const env = await import("./env");
    expect(env.ingestMaxFutureSkewSeconds()).toBe(3600);
    vi.stubEnv("CUSTODY_INGEST_MAX_FUTURE_SKEW", "5m");
    expect(env.ingestMaxFutureSkewSeconds()).toBe(3600);

    vi.resetModules();
    vi.stubEnv("CUSTODY_INGEST_MAX_FUTURE_SKEW", "a week");
    const wrong = await import("./env");
    expect(() => wrong.ingestMaxFutureSkewSeconds()).toThrow(
      /Invalid configuration:\n {2}CUSTODY_INGEST_MAX_FUTURE_SKEW: a duration such as/,
    );
  });

  it("is what ingest allows ahead of its clock", async () => {
    vi.stubEnv("CUSTODY_INGEST_MAX_FUTURE_SKEW", "1h");
    const { parseEventBatch } = await import("@/lib/ingest/parse-event-batch");
    const now = new Date("2026-12-01T12:00:00Z");
    const event = (occurredAt: string) => ({
      schemaVersion: 1,
      eventId: randomUUID(),
      occurredAt,
      source: { system: "s" },
      interface: "api",
      action: "a.b",
      actor: { id: "x", type: "user" },
      outcome: { status: "success" },
    });
    expect(parseEventBatch(Buffer.from(JSON.stringify(event("2026-12-01T12:59:59Z"))), "application/json", { now })).toHaveLength(1);
    expect(() => parseEventBatch(Buffer.from(JSON.stringify(event("2026-12-01T13:00:01Z"))), "application/json", { now })).toThrow(
      /1 of 1 events are invalid/,
    );
  });
});

// Every variable is declared once, with its form: a direct read would skip the validation and the
// README. Writes (a test kit pointing the code at its database) are not reads.
const directReadAllowed: Record<string, string> = {
  "proxy.ts:NODE_ENV": "set by Next.js itself (not configuration) and inlined into the proxy's bundle",
  "bin/commands/start.ts:USER": "the OS user's name, only printed in the warning that the key is not isolated",
};

const rootDir = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(rootDir, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(rootDir, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.startsWith("lib/generated/"));
}

function directEnvReads(source: string): string[] {
  const reads = [
    ...source.matchAll(/process\.env(?:\.([A-Za-z_][A-Za-z0-9_]*)\b|\[\s*["'`]?([^\]"'`]*)["'`]?\s*\])(?!\s*(?:\?\?|\|\||&&)?=(?!=))/g),
  ].map((match) => match[1] ?? match[2]!);
  const destructured = [...source.matchAll(/\{([^}]*)\}\s*=\s*process\.env\b/g)].flatMap((match) =>
    match[1]!.split(",").map((name) => name.split(":")[0]!.trim()),
  );
  return [...reads, ...destructured].filter(Boolean);
}

describe("where the environment is read", () => {
  it("no file under lib/, app/, components/, bin/ or proxy.ts reads process.env.X outside lib/env.ts and the launcher's config", () => {
    const files = [...["lib", "app", "components", "bin"].flatMap(sourceFiles), "proxy.ts"];
    const found = files
      .filter((file) => file !== "lib/env.ts" && file !== "bin/launcher/launch-config.ts")
      .flatMap((file) => directEnvReads(readFileSync(path.join(rootDir, file), "utf8")).map((name) => `${file}:${name}`));
    expect(found.filter((read) => !(read in directReadAllowed))).toEqual([]);
    // An entry nobody needs any more goes, so the list stays short and true.
    expect(Object.keys(directReadAllowed).filter((read) => !found.includes(read))).toEqual([]);
  });

  it("sees the ways a file can read a variable, and not a test kit's writes", () => {
    const source =
      'a(process.env.ONE); b(process.env["TWO"]); const { THREE, FOUR: four } = process.env; process.env.FIVE = x; process.env.SIX ??= y; c(process.env.SEVEN === "z");';
    expect(directEnvReads(source)).toEqual(["ONE", "TWO", "SEVEN", "THREE", "FOUR"]);
  });

  it("every variable declared in lib/env.ts and the launcher's config is in the README's Configuration table", async () => {
    const declared = new Set<string>();
    for (const declaring of [await import("./env"), await import("../bin/launcher/launch-config")]) {
      for (const value of Object.values(declaring))
        if (value instanceof z.ZodObject) for (const name of Object.keys(value.shape)) declared.add(name);
    }
    // Schemas not exported are caught from the source: every UPPER_SNAKE key declared there.
    for (const file of ["lib/env.ts", "bin/launcher/launch-config.ts"]) {
      for (const match of readFileSync(path.join(rootDir, file), "utf8").matchAll(/^\s+([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*):/gm))
        declared.add(match[1]!);
    }
    const readme = readFileSync(path.join(rootDir, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("\n## Configuration"), readme.indexOf("\n## ", readme.indexOf("\n## Configuration") + 1));
    const documented = new Set(
      section
        .split("\n")
        .filter((line) => line.startsWith("| `"))
        .flatMap((line) => [...line.split("|")[1]!.matchAll(/`([A-Z0-9_]+)`/g)].map((match) => match[1]!)),
    );
    expect(declared.size).toBeGreaterThan(30);
    expect([...declared].filter((name) => !documented.has(name))).toEqual([]);
  });
});

describe("the web server's variables", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("are checked by `custody start` when it passes them through, each wrong one named with its form", async () => {
    const { checkServerEnv } = await import("./env");
    const { webServerVariablesFromLauncher: suppliedByLauncher } = await import("../bin/launcher/launch-config");
    expect(() => checkServerEnv({}, { suppliedByLauncher })).not.toThrow();
    const wrong = {
      CUSTODY_TOTP_KEY: "short",
      CUSTODY_DB_POOL: "many",
      CUSTODY_SESSION_MAX_AGE: "9h",
      CUSTODY_INGEST_RATE: "0",
      CUSTODY_ORG_ID: "",
      OIDC_GROUPS_CLAIM: "",
    };
    const message = (() => {
      try {
        checkServerEnv(wrong, { suppliedByLauncher });
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message?.split("\n")).toEqual([
      "Invalid configuration:",
      "  OIDC_GROUPS_CLAIM: the name of the claim holding the groups, such as groups",
      "  CUSTODY_SESSION_MAX_AGE: between 5m and 8h",
      "  CUSTODY_ORG_ID: an organisation id such as org_acme",
      "  CUSTODY_INGEST_RATE: requests per second per API token: a positive number",
      "  CUSTODY_DB_POOL: database connections per process: a positive whole number",
      "  CUSTODY_TOTP_KEY: at least 32 characters of random text (openssl rand -base64 48), or unset to use NEXTAUTH_SECRET",
    ]);
    // What the launcher sets itself it checks (or generates) itself: a wrong inherited value is replaced.
    expect(() => checkServerEnv({ NEXTAUTH_URL: "nowhere", DATABASE_URL: "mysql://x" }, { suppliedByLauncher })).not.toThrow();
  });

  it("seal TOTP secrets with CUSTODY_TOTP_KEY, or NEXTAUTH_SECRET when it is blank, and refuse a short key", async () => {
    vi.stubEnv("CUSTODY_TOTP_KEY", "");
    vi.stubEnv("NEXTAUTH_SECRET", "n".repeat(40));
    const box = await import("./auth/totp/totp-secret-box");
    expect(box.openTotpSecret(box.sealTotpSecret("JBSWY3DPEHPK3PXP"))).toBe("JBSWY3DPEHPK3PXP");

    vi.resetModules();
    vi.stubEnv("CUSTODY_TOTP_KEY", "too short");
    const short = await import("./auth/totp/totp-secret-box");
    expect(() => short.sealTotpSecret("JBSWY3DPEHPK3PXP")).toThrow(/^Invalid configuration:\n {2}CUSTODY_TOTP_KEY: at least 32 characters/);

    vi.resetModules();
    vi.stubEnv("CUSTODY_TOTP_KEY", undefined);
    vi.stubEnv("NEXTAUTH_SECRET", undefined);
    const none = await import("./auth/totp/totp-secret-box");
    expect(() => none.sealTotpSecret("JBSWY3DPEHPK3PXP")).toThrow(
      "CUSTODY_TOTP_KEY: (or NEXTAUTH_SECRET) must be set to at least 32 characters to keep TOTP secrets",
    );
  });

  it("size the database pool from CUSTODY_DB_POOL, refusing what is not a whole number", async () => {
    vi.stubEnv("CUSTODY_DB_POOL", "many");
    const { connectDb } = await import("./db");
    expect(() => connectDb("postgres://custody@localhost:5432/custody")).toThrow(
      /CUSTODY_DB_POOL: database connections per process: a positive whole number/,
    );
    vi.resetModules();
    vi.stubEnv("CUSTODY_DB_POOL", "3");
    const { databasePoolEnv } = await import("./env");
    expect(databasePoolEnv().CUSTODY_DB_POOL).toBe(3);
  });

  it("name DATABASE_URL and its form when it is not set", async () => {
    vi.stubEnv("DATABASE_URL", undefined);
    const { databaseEnv } = await import("./env");
    expect(() => databaseEnv()).toThrow("DATABASE_URL: is not set (expected postgres://user:password@host:5432/custody)");
  });

  it("group contractors and partners by CUSTODY_CONTRACTOR_GROUPS and CUSTODY_PARTNER_GROUPS, and pass OIDC_PROMPT to the IdP", async () => {
    const env = {
      DATABASE_URL: "postgres://x@h/c",
      NEXTAUTH_URL: "http://localhost:3000",
      NEXTAUTH_SECRET: "x".repeat(40),
      OIDC_ISSUER: "http://localhost:3001",
      OIDC_CLIENT_ID: "c",
      OIDC_CLIENT_SECRET: "s",
    };
    const defaults = ZServerEnv.parse(env);
    expect([defaults.CUSTODY_CONTRACTOR_GROUPS, defaults.CUSTODY_PARTNER_GROUPS, defaults.OIDC_PROMPT]).toEqual([
      ["contractors"],
      ["partners"],
      undefined,
    ]);
    const set = ZServerEnv.parse({ ...env, CUSTODY_CONTRACTOR_GROUPS: "vendors,temps", CUSTODY_PARTNER_GROUPS: "acme" });
    expect([set.CUSTODY_CONTRACTOR_GROUPS, set.CUSTODY_PARTNER_GROUPS]).toEqual([["vendors", "temps"], ["acme"]]);

    for (const [name, value] of Object.entries({ ...env, OIDC_PROMPT: "login" })) vi.stubEnv(name, value);
    const { authOptions } = await import("./auth/options");
    const provider = authOptions().providers[0] as unknown as { authorization: { params: Record<string, string> } };
    expect(provider.authorization.params.prompt).toBe("login");
  });

  it("give the proxy what it needs without the rest of the configuration", async () => {
    vi.stubEnv("DATABASE_URL", undefined);
    vi.stubEnv("NEXTAUTH_URL", "https://custody.example.com/");
    vi.stubEnv("OIDC_ISSUER", "nonsense");
    const { proxyEnv } = await import("./env");
    expect(() => proxyEnv()).toThrow(/OIDC_ISSUER: the OIDC issuer URL/);
    vi.resetModules();
    vi.stubEnv("OIDC_ISSUER", undefined);
    const again = await import("./env");
    expect(again.proxyEnv()).toEqual({ NEXTAUTH_URL: "https://custody.example.com" });
  });
});
