import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

// One Prisma client per process. Token hashes are omitted from every read unless a query asks
// for them explicitly, so they cannot leak into a page or a log by accident.
function createClient(connectionString: string) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: Number(process.env.CUSTODY_DB_POOL ?? 10) }),
    omit: { apiToken: { tokenHash: true } },
  });
}

export type Db = ReturnType<typeof createClient>;
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { custodyDb?: Db };

export function db(): Db {
  if (!globalForDb.custodyDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (expected postgres://user:password@host:5432/custody)");
    globalForDb.custodyDb = createClient(url);
  }
  return globalForDb.custodyDb;
}

/** For tools and tests that talk to a database other than the process's own. */
export function connectDb(connectionString: string): Db {
  return createClient(connectionString);
}
