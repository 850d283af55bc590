import { testPrincipal } from "@/test/kits/test-principal";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";
import { AppError, type TErrorCode } from "@/lib/errors/app-error";
import { freshDomainDatabase } from "@/test/fresh-database";
import { expectRefused as expectRefusedUnchanged } from "@/test/kits/expect-refused";

// For the service-account tests: a fresh, migrated database with the demo organisation, which
// the domain's own client (db()) also uses, and the demo personas as principals.

export const DEMO_ORG_ID = "org_demo";

export async function openServiceAccountsDatabase() {
  const database = await freshDomainDatabase();
  await seedDemoData({ db: database.db });
  const db = database.db;
  return {
    ...database,
    principals: {
      /** Administrator. */
      morgan: await testPrincipal(db, "usr_morgan"),
      /** Auditor: sees service accounts, changes nothing. */
      avery: await testPrincipal(db, "usr_avery"),
      /** Engineer. */
      jordan: await testPrincipal(db, "usr_jordan"),
    },
    ledgerCount: () => db.ledgerEntry.count({ where: { orgId: DEMO_ORG_ID } }),
    lastLedgerEntry: () => db.ledgerEntry.findFirstOrThrow({ where: { orgId: DEMO_ORG_ID }, orderBy: { seq: "desc" } }),
  };
}

export type TServiceAccountsDatabase = Awaited<ReturnType<typeof openServiceAccountsDatabase>>;

/** The canonical (hashed) event of a ledger entry, parsed. */
export function canonicalEvent(entry: { canonical: Uint8Array }): {
  action: string;
  actor: { id: string };
  details: Record<string, unknown>;
} {
  return JSON.parse(Buffer.from(entry.canonical).toString("utf8"));
}

/**
 * Runs an action that must be refused with `code`, and checks that it changed nothing: no ledger
 * entry, no service account or token row written.
 */
export function expectRefused(database: TServiceAccountsDatabase, code: TErrorCode, action: () => Promise<unknown>): Promise<AppError> {
  return expectRefusedUnchanged(code, action, async () => ({
    ledger: await database.ledgerCount(),
    accounts: await database.db.serviceAccount.findMany({ orderBy: { id: "asc" } }),
    tokens: await database.db.apiToken.findMany({ orderBy: { id: "asc" }, omit: { tokenHash: false } }),
  }));
}
