import pg from "pg";
import { describe, expect, inject, it } from "vitest";

describe("the migrated database", () => {
  it("lets the application's role insert into the ledger but never update, delete or truncate it", async () => {
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    try {
      await client.query(`INSERT INTO "LedgerHash" ("orgId", idx, hash) VALUES ('org_role_test', 0, '\\x00')`);
      await expect(client.query(`UPDATE "LedgerHash" SET hash = '\\x01' WHERE "orgId" = 'org_role_test'`)).rejects.toThrow(/permission denied|append-only/);
      await expect(client.query(`DELETE FROM "LedgerHash" WHERE "orgId" = 'org_role_test'`)).rejects.toThrow(/permission denied|append-only/);
      await expect(client.query(`TRUNCATE "LedgerHash"`)).rejects.toThrow(/permission denied|append-only/);
    } finally {
      await client.end();
    }
  });

  it("rejects UPDATE, DELETE and TRUNCATE on the ledger even for the owner, through the triggers", async () => {
    const client = new pg.Client({ connectionString: inject("superuserUrl") });
    await client.connect();
    try {
      await client.query(`INSERT INTO "LedgerHash" ("orgId", idx, hash) VALUES ('org_trigger_test', 0, '\\x00')`);
      for (const statement of [
        `UPDATE "LedgerHash" SET hash = '\\x01' WHERE "orgId" = 'org_trigger_test'`,
        `DELETE FROM "LedgerHash" WHERE "orgId" = 'org_trigger_test'`,
        `TRUNCATE "LedgerHash"`,
        // CASCADE: investigations reference ledger entries, and the trigger must still refuse.
        `TRUNCATE "LedgerEntry" CASCADE`,
        `TRUNCATE "LedgerCheckpoint"`,
      ]) {
        await expect(client.query(statement), statement).rejects.toThrow(/append-only/);
      }
    } finally {
      await client.end();
    }
  });
});
