import pg from "pg";

/**
 * Lets the application's role (created by the migrations) log in with `password`, and returns the
 * URL the application uses. Only for databases Custody administers itself (the embedded one and
 * the test databases); an external PostgreSQL is set up by its administrator.
 */
export async function enableAppRole(ownerUrl: string, password: string): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const escaped = password.replace(/'/g, "''");
    await client.query(`ALTER ROLE custody_app LOGIN PASSWORD '${escaped}'`);
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = "custody_app";
  url.password = password;
  return url.toString();
}
