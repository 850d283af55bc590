import { enableAppRole } from "./enable-app-role";
import { startEmbeddedPostgres } from "./embedded-postgres";
import type { TLaunchConfig } from "./launch-config";
import { migrateDatabase } from "./migrate-database";
import { loadOrCreateSecrets } from "./secrets";

export type TOpenDatabase = {
  /** What the application connects with (INSERT/SELECT only on the ledger). */
  appUrl: string;
  /** The owner's connection, for migrations. */
  ownerUrl: string;
  embedded: boolean;
  close: () => Promise<void>;
};

/**
 * The database every command uses: DATABASE_URL when set, otherwise the embedded PostgreSQL under
 * the data directory, started here. Migrations are applied either way.
 */
export async function openDatabase(config: TLaunchConfig, log: (line: string) => void): Promise<TOpenDatabase> {
  if (config.DATABASE_URL) {
    const ownerUrl = config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL;
    await assertReachable(ownerUrl);
    log("Applying migrations to the PostgreSQL at DATABASE_URL…");
    await migrateDatabase(ownerUrl);
    return { appUrl: config.DATABASE_URL, ownerUrl, embedded: false, close: async () => {} };
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
    return { appUrl, ownerUrl, embedded: true, close: () => server.stop() };
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
