import { enableAppRole, enableLedgerRole } from "./enable-app-role";
import { startEmbeddedPostgres } from "./embedded-postgres";
import type { TLaunchConfig } from "./launch-config";
import { migrateDatabase } from "./migrate-database";
import { protectDataDir } from "./protect-data-dir";
import { loadOrCreateSecrets } from "./secrets";

export type TOpenDatabase = {
  /** What the application connects with (INSERT/SELECT only on the ledger). */
  appUrl: string;
  /** The owner's connection, for migrations. */
  ownerUrl: string;
  /** The launcher jobs' connection: the only one that writes checkpoints and verification verdicts. */
  ledgerUrl: string;
  embedded: boolean;
  close: () => Promise<void>;
};

/**
 * The database every command uses: DATABASE_URL when set, otherwise the embedded PostgreSQL under
 * the data directory, started here. Migrations are applied either way.
 */
export async function openDatabase(config: TLaunchConfig, log: (line: string) => void): Promise<TOpenDatabase> {
  protectDataDir(config.dataDir, { embeddedPostgres: !config.DATABASE_URL });
  if (config.DATABASE_URL) {
    const ownerUrl = config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL;
    await assertReachable(ownerUrl);
    log("Applying migrations to the PostgreSQL at DATABASE_URL…");
    await migrateDatabase(ownerUrl);
    // Without a ledger role of its own, the jobs use the owner: never the web server's role.
    const ledgerUrl = config.CUSTODY_LEDGER_DATABASE_URL ?? ownerUrl;
    return { appUrl: config.DATABASE_URL, ownerUrl, ledgerUrl, embedded: false, close: async () => {} };
  }
  const secrets = loadOrCreateSecrets(config.dataDir);
  log(`Starting the embedded PostgreSQL (data in ${config.dataDir}/postgres, port ${config.CUSTODY_PG_PORT})…`);
  const server = await startEmbeddedPostgres({
    dataDir: `${config.dataDir}/postgres`,
    port: config.CUSTODY_PG_PORT,
    password: secrets.postgresPassword,
    portVariable: "CUSTODY_PG_PORT",
  });
  try {
    const ownerUrl = server.superuserUrl("custody");
    log("Applying migrations…");
    await migrateDatabase(ownerUrl);
    const appUrl = await enableAppRole(ownerUrl, secrets.appDbPassword);
    const ledgerUrl = await enableLedgerRole(ownerUrl, secrets.ledgerDbPassword);
    return { appUrl, ownerUrl, ledgerUrl, embedded: true, close: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function assertReachable(url: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    const host = new URL(url).host;
    throw new Error(`PostgreSQL at ${host} (DATABASE_URL) is unreachable: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await client.end().catch(() => {});
  }
}
