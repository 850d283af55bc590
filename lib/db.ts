import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { databaseEnv, databasePoolEnv } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

// One Prisma client per process. Token hashes and sealed webhook and connector secrets are omitted from every read unless a query asks
// for them explicitly, so they cannot leak into a page or a log by accident.
function createClient(connectionString: string) {
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: databasePoolEnv().CUSTODY_DB_POOL }),
    omit: {
      apiToken: { tokenHash: true },
      evidenceBundle: { content: true },
      forwardDestination: { secretSealed: true },
      connector: { sealedSecret: true },
    },
  });
  connectionStrings.set(client, connectionString);
  return client;
}

const connectionStrings = new WeakMap<object, string>();
const pools = new Map<string, pg.Pool>();

/**
 * A node-postgres pool on the database of a Prisma client, for the one thing Prisma cannot do:
 * the ledger's bulk appends use COPY. Small, and idle connections close after a few seconds.
 */
export function pgPoolFor(client: Db): pg.Pool {
  const connectionString = connectionStrings.get(client);
  if (!connectionString) throw new Error("pgPoolFor: not a client made by lib/db");
  let pool = pools.get(connectionString);
  if (!pool) {
    pool = new pg.Pool({ connectionString, max: 4, idleTimeoutMillis: 5_000, allowExitOnIdle: true });
    // An idle connection the server closes (a restart, a shutdown) is dropped from the pool and
    // replaced on next use; without a listener its error would crash the process.
    pool.on("error", () => undefined);
    pools.set(connectionString, pool);
  }
  return pool;
}

export type Db = ReturnType<typeof createClient>;
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { custodyDb?: Db };

export function db(): Db {
  if (!globalForDb.custodyDb) {
    globalForDb.custodyDb = createClient(databaseEnv().DATABASE_URL);
  }
  return globalForDb.custodyDb;
}

/** For tools and tests that talk to a database other than the process's own. */
export function connectDb(connectionString: string): Db {
  return createClient(connectionString);
}
