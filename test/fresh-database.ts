import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { connectDb, db as domainDb, type Db } from "../lib/db";

export type TFreshDatabase = {
  url: string;
  superuserUrl: string;
  db: Db;
  /** As custody_ledger, the launcher jobs' role: the only one that writes checkpoints and verdicts. */
  ledgerUrl: string;
  ledgerDb: Db;
  close: () => Promise<void>;
};

/** A new, migrated, empty database for one test file: a clone of the run's template. */
export async function freshDatabase(): Promise<TFreshDatabase> {
  const name = `custody_t_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: inject("adminUrl") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("templateDatabase")}`);
  await admin.end();
  const superuserUrl = new URL(inject("adminUrl"));
  superuserUrl.pathname = `/${name}`;
  const url = new URL(superuserUrl);
  url.username = "custody_app";
  url.password = inject("appPassword");
  const ledgerUrl = new URL(superuserUrl);
  ledgerUrl.username = "custody_ledger";
  ledgerUrl.password = inject("ledgerPassword");
  const db = connectDb(url.toString());
  const ledgerDb = connectDb(ledgerUrl.toString());
  return {
    url: url.toString(),
    superuserUrl: superuserUrl.toString(),
    db,
    ledgerUrl: ledgerUrl.toString(),
    ledgerDb,
    close: async () => {
      await db.$disconnect();
      await ledgerDb.$disconnect();
    },
  };
}

/** A fresh database with the domain's own client (db(), which reads DATABASE_URL on first use) pointed at it. */
export async function freshDomainDatabase(): Promise<TFreshDatabase> {
  const database = await freshDatabase();
  process.env.DATABASE_URL = database.url;
  return database;
}

/**
 * The test file's database, called once at the top of the file: `open` (a bare freshDomainDatabase
 * unless told) runs before the first test, and the domain's client and the database are closed
 * after the last. The object returned is filled in by the time the tests run, so they read it as
 * the file's fixture. Hooks the file registers after this call run after it opens (before-hooks)
 * and before it closes (after-hooks run in reverse).
 */
export function databaseForTestFile<T extends TFreshDatabase>(open: () => Promise<T>): T;
export function databaseForTestFile(): TFreshDatabase;
export function databaseForTestFile(open: () => Promise<TFreshDatabase> = freshDomainDatabase): TFreshDatabase {
  const suite = {} as TFreshDatabase;
  let opened = false;
  beforeAll(async () => {
    Object.assign(suite, await open());
    opened = true;
  });
  afterAll(async () => {
    await domainDb().$disconnect();
    if (opened) await suite.close();
  });
  return suite;
}
