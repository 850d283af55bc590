import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { webServerUser, type TWebServerIdentity } from "./web-server-spawn";

/**
 * The web server's own OS user, created (a system user, no login, no home) if missing. Null when
 * this process is not root: it cannot switch users then, and says so at start.
 */
export function ensureWebServerUser(name = webServerUser): TWebServerIdentity | null {
  if (process.getuid?.() !== 0) return null;
  let identity = lookupUser(name);
  if (!identity) {
    execFileSync(
      "useradd",
      ["--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", name],
      { stdio: "pipe" },
    );
    identity = lookupUser(name);
  }
  if (!identity) throw new Error(`could not create the OS user ${name} for the web server (useradd)`);
  return identity;
}

export function lookupUser(name: string): TWebServerIdentity | null {
  try {
    const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8", stdio: "pipe" }).trim());
    const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8", stdio: "pipe" }).trim());
    return { name, uid, gid };
  } catch {
    return null;
  }
}

/**
 * Next.js writes at run time: `.next/cache` under `next start`, the whole `.next` under `next dev`.
 * That much becomes the web user's; the build itself stays the launcher's, read-only to it.
 */
export function prepareNextDirs({
  projectRoot,
  identity,
  dev,
}: {
  projectRoot: string;
  identity: TWebServerIdentity | null;
  dev: boolean;
}): string {
  const cacheDir = path.join(projectRoot, ".next/cache");
  mkdirSync(cacheDir, { recursive: true });
  if (identity) chownTree(dev ? path.join(projectRoot, ".next") : cacheDir, identity);
  return cacheDir;
}

function chownTree(target: string, identity: TWebServerIdentity): void {
  chownSync(target, identity.uid, identity.gid);
  if (!statSync(target).isDirectory()) return;
  for (const entry of readdirSync(target)) {
    const child = path.join(target, entry);
    if (existsSync(child)) chownTree(child, identity);
  }
}
