import { connectDb, type Db } from "../../lib/db";
import { connectorKeyMaterial } from "../../lib/env";
import { isAppError } from "../../lib/errors/app-error";
import { findCliPrincipal } from "../../lib/connectors/find-cli-principal";
import type { TPrincipal } from "../../lib/auth/principal";
import { resolveLaunchConfig, type TLaunchConfig } from "../launcher/launch-config";
import { openDatabase } from "../launcher/open-database";
import { loadOrCreateSecrets } from "../launcher/secrets";

const log = (line: string) => console.error(`custody: ${line}`);

/**
 * For commands an admin runs on the server (token, connector, import): the app's database as the
 * web server sees it, the key material the web server seals connector secrets with, and the person
 * acting (`--as <email>`), whose roles the domain functions check.
 */
export async function withServerSession<T>(
  email: string | undefined,
  work: (session: { db: Db; config: TLaunchConfig; principal: TPrincipal | null; keyMaterial: string }) => Promise<T>,
): Promise<T> {
  const config = resolveLaunchConfig();
  const database = await openDatabase(config, log);
  // Before anything calls db(): the domain functions' shared client connects as the web server does.
  process.env.DATABASE_URL = database.appUrl;
  // The web server gets NEXTAUTH_SECRET like this (custody start); CUSTODY_CONNECTOR_KEY, when set, wins in both.
  process.env.NEXTAUTH_SECRET = config.NEXTAUTH_SECRET ?? loadOrCreateSecrets(config.dataDir).nextAuthSecret;
  const keyMaterial = connectorKeyMaterial();
  const db = connectDb(database.appUrl);
  try {
    const principal = email ? await findCliPrincipal({ client: db, orgId: config.CUSTODY_ORG_ID, email }) : null;
    return await work({ db, config, principal, keyMaterial });
  } finally {
    await db.$disconnect();
    await database.close();
  }
}

/** A refusal as the server's commands print it (what was wrong, then field by field), exit code 1; any other error is a fault and goes on. */
export function printRefusal(error: unknown): number {
  if (!isAppError(error)) throw error;
  console.error(`custody: ${error.message}`);
  for (const field of error.fieldErrors) console.error(`  ${field.field}: ${field.message}`);
  return 1;
}
