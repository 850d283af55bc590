import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { connectDb } from "../lib/db";
import { findFreePort } from "../bin/launcher/assert-port-free";
import { startEmbeddedPostgres } from "../bin/launcher/embedded-postgres";
import { enableAppRole, enableLedgerRole } from "../bin/launcher/enable-app-role";
import { migrateDatabase } from "../bin/launcher/migrate-database";

/** A throwaway embedded PostgreSQL with the migrations applied, for one benchmark run. */
export async function openBenchDatabase() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "custody-bench-"));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user when we are root
  const port = await findFreePort();
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port, password: "bench", portVariable: "port" });
  const ownerUrl = server.superuserUrl("custody");
  let appUrl: string, ledgerUrl: string;
  try {
    await migrateDatabase(ownerUrl);
    appUrl = await enableAppRole(ownerUrl, "bench-app");
    ledgerUrl = await enableLedgerRole(ownerUrl, "bench-ledger");
  } catch (error) {
    // A failed migration must not leave the throwaway server running.
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const db = connectDb(appUrl);
  // Checkpoints and verdicts: only the launcher's ledger role may write them.
  const ledgerDb = connectDb(ledgerUrl);
  return {
    ownerUrl,
    appUrl,
    ledgerUrl,
    db,
    ledgerDb,
    close: async () => {
      await db.$disconnect();
      await ledgerDb.$disconnect();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const format = (value: number) => Math.round(value).toLocaleString("en");
