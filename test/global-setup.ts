import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { findFreePort } from "../bin/launcher/assert-port-free";
import { startEmbeddedPostgres } from "../bin/launcher/embedded-postgres";
import { enableAppRole, enableLedgerRole } from "../bin/launcher/enable-app-role";
import { migrateDatabase } from "../bin/launcher/migrate-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated database shared by the run, as the application's role. */
    databaseUrl: string;
    /** The same database as its owner: for tests that must bypass the role (tampering). */
    superuserUrl: string;
    /** Owner URL of the server's `postgres` database, to create fresh databases. */
    adminUrl: string;
    /** A migrated database to clone (test/fresh-database.ts). */
    templateDatabase: string;
    appPassword: string;
    /** Password of custody_ledger, the launcher jobs' role (checkpoints, verdicts). */
    ledgerPassword: string;
    /** The shared database as custody_ledger. */
    ledgerUrl: string;
  }
}

// Integration tests run against a real PostgreSQL: a throwaway embedded server, migrated once
// into a template; each run (and each test file that asks) gets a fresh clone of it.
export default async function setup(project: TestProject) {
  const port = process.env.CUSTODY_TEST_PG_PORT ? Number(process.env.CUSTODY_TEST_PG_PORT) : await findFreePort();
  // Outside .data/: `custody start` keeps that directory 0700 (its keys), and the test server's
  // own OS user (postgres, when run as root) must reach its data directory.
  const dataDir = path.join(os.tmpdir(), `custody-test-${port}`);
  const appPassword = randomBytes(18).toString("base64url");
  const ledgerPassword = randomBytes(18).toString("base64url");
  const server = await startEmbeddedPostgres({
    dataDir: `${dataDir}/pg`,
    port,
    password: "custody-test-superuser",
    portVariable: "CUSTODY_TEST_PG_PORT",
  });
  const adminUrl = server.superuserUrl("postgres");
  const stamp = Date.now();
  const templateDatabase = `custody_template_${stamp}`;
  const database = `custody_test_${stamp}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  await migrateDatabase(server.superuserUrl(templateDatabase));
  await admin.query(`CREATE DATABASE ${database} TEMPLATE ${templateDatabase}`);
  await admin.end();
  const superuserUrl = server.superuserUrl(database);
  const databaseUrl = await enableAppRole(superuserUrl, appPassword);
  const ledgerUrl = await enableLedgerRole(superuserUrl, ledgerPassword);
  project.provide("databaseUrl", databaseUrl);
  project.provide("superuserUrl", superuserUrl);
  project.provide("adminUrl", adminUrl);
  project.provide("templateDatabase", templateDatabase);
  project.provide("appPassword", appPassword);
  project.provide("ledgerPassword", ledgerPassword);
  project.provide("ledgerUrl", ledgerUrl);

  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
