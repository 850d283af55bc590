// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from
// the difference between the schema as last committed and the schema now. (`prisma migrate dev`
// cannot run with the offline JavaScript engine.) Append hand-written SQL afterwards if needed,
// and end with `SELECT custody_grant_app_role();` when the migration adds tables.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "../bin/launcher/assert-port-free";
import { startEmbeddedPostgres } from "../bin/launcher/embedded-postgres";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name_in_snake_case>");
  process.exit(2);
}
const scratch = mkdtempSync(path.join(os.tmpdir(), "custody-migration-"));
chmodSync(scratch, 0o755); // PostgreSQL runs as its own user when we are root
const previous = path.join(scratch, "previous.prisma");
writeFileSync(previous, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"]));
const port = await findFreePort();
const server = await startEmbeddedPostgres({ dataDir: path.join(scratch, "pg"), port, password: "scratch", portVariable: "port" });
try {
  const result = spawnSync(
    process.execPath,
    [
      "scripts/prisma.js",
      "migrate",
      "diff",
      "--from-schema-datamodel",
      previous,
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    ],
    {
      env: { ...process.env, DATABASE_URL: server.superuserUrl("custody") },
      encoding: "utf8",
    },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join("prisma/migrations", `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), result.stdout);
  console.log(`wrote ${dir}/migration.sql`);
} finally {
  await server.stop();
  rmSync(scratch, { recursive: true, force: true });
}
