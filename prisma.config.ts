// The Prisma CLI runs with its JavaScript schema engine and the pg driver adapter, so it needs no
// native engine download (this machine reaches only the npm registry). DATABASE_URL is set by
// `custody` (embedded PostgreSQL) or by the operator.
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => {
    const connectionString = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set (expected postgres://user:pass@host:port/db)");
    return new PrismaPg({ connectionString });
  },
});
