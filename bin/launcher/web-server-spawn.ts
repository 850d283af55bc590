import type { SpawnOptions } from "node:child_process";

/** The OS user the web server runs as when `custody start` runs as root. */
export const webServerUser = "custody-web";

export type TWebServerIdentity = { name: string; uid: number; gid: number };

// Variables that give a process the launcher's powers: the signing key and the owner and ledger
// roles of the database. The web server gets the app role's DATABASE_URL instead.
const launcherOnlyVariables = [
  "CUSTODY_LEDGER_SIGNING_KEY",
  "CUSTODY_EVIDENCE_SIGNING_KEY",
  "MIGRATION_DATABASE_URL",
  "CUSTODY_LEDGER_DATABASE_URL",
  "DATABASE_URL",
  "PGPASSWORD",
  "PGUSER",
  "PGPASSFILE",
];

/** The environment of every Next.js child (build, start, dev): no telemetry, none of the launcher's secrets. */
export function nextChildEnv(base: Record<string, string | undefined>, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) if (value !== undefined && !launcherOnlyVariables.includes(name)) env[name] = value;
  // A compliance product does not phone home: Next.js sends anonymous telemetry unless told not to.
  // Next's types make NODE_ENV required in ProcessEnv; Next sets it itself in its children.
  return { ...env, ...extra, NEXT_TELEMETRY_DISABLED: "1" } as unknown as NodeJS.ProcessEnv;
}

export type TWebServerLaunch = {
  baseEnv: Record<string, string | undefined>;
  projectRoot: string;
  /** The app role's URL (custody_app): never the owner's or the ledger role's. */
  appUrl: string;
  publicUrl: string;
  nextAuthSecret: string;
  /** Only the public half of the ledger key: checkpoints are signed by the launcher. */
  ledgerPublicKey: string;
  /** Only the public half (PEM) of the evidence key: bundles are signed by the launcher. */
  evidencePublicKey: string;
  identityProvider: Record<string, string>;
  /** Null when the launcher cannot switch users (it is not root). */
  identity: TWebServerIdentity | null;
  /** Writable by the web server (Next's run-time cache); its HOME too. */
  cacheDir: string;
};

/** How the launcher spawns `next start`/`next dev`: what the web server may know, and as whom it runs. */
export function webServerSpawnOptions(launch: TWebServerLaunch): SpawnOptions & { env: NodeJS.ProcessEnv } {
  const env = nextChildEnv(launch.baseEnv, {
    DATABASE_URL: launch.appUrl,
    NEXTAUTH_URL: launch.publicUrl,
    NEXTAUTH_SECRET: launch.nextAuthSecret,
    CUSTODY_LEDGER_PUBLIC_KEY: launch.ledgerPublicKey,
    CUSTODY_EVIDENCE_PUBLIC_KEY: launch.evidencePublicKey,
    ...launch.identityProvider,
    ...(launch.identity ? { HOME: launch.cacheDir, USER: launch.identity.name, LOGNAME: launch.identity.name } : {}),
  });
  return {
    cwd: launch.projectRoot,
    stdio: ["ignore", "inherit", "inherit"],
    env,
    ...(launch.identity ? { uid: launch.identity.uid, gid: launch.identity.gid } : {}),
  };
}
