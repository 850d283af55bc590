import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { connectDb, type Db } from "../lib/db";

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
