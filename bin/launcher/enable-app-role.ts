import pg from "pg";

/**
 * Lets the application's role (created by the migrations) log in with `password`, and returns the
 * URL the application uses. Only for databases Custody administers itself (the embedded one and
 * the test databases); an external PostgreSQL is set up by its administrator.
 */
export function enableAppRole(ownerUrl: string, password: string): Promise<string> {
  return enableRole(ownerUrl, "custody_app", password);
}

/** The same for custody_ledger: the launcher's jobs, the only role that writes checkpoints and verdicts. */
export function enableLedgerRole(ownerUrl: string, password: string): Promise<string> {
  return enableRole(ownerUrl, "custody_ledger", password);
}

async function enableRole(ownerUrl: string, role: "custody_app" | "custody_ledger", password: string): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const escaped = password.replace(/'/g, "''");
    await client.query(`ALTER ROLE ${role} LOGIN PASSWORD '${escaped}'`);
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}
