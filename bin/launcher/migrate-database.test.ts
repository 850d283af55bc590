import pg from "pg";
import { describe, expect, inject, it } from "vitest";

describe("the migrated database", () => {
  it("lets the application's role insert into the ledger but never update, delete or truncate it", async () => {
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    try {
      await client.query(`INSERT INTO "LedgerHash" ("orgId", idx, hash) VALUES ('org_role_test', 0, '\\x00')`);
      await expect(client.query(`UPDATE "LedgerHash" SET hash = '\\x01' WHERE "orgId" = 'org_role_test'`)).rejects.toThrow(
        /permission denied|append-only/,
      );
      await expect(client.query(`DELETE FROM "LedgerHash" WHERE "orgId" = 'org_role_test'`)).rejects.toThrow(
        /permission denied|append-only/,
      );
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

  it("lets only the ledger role write verdicts and checkpoints: the application role may read them and ask for a run", async () => {
    const app = new pg.Client({ connectionString: inject("databaseUrl") });
    const ledger = new pg.Client({ connectionString: inject("ledgerUrl") });
    await app.connect();
    await ledger.connect();
    try {
      const verdict = await ledger.query(
        `INSERT INTO "LedgerVerification" ("orgId", trigger, "fromSize", "toSize", ok, "finishedAt") VALUES ('org_role_test', 'schedule:full', 0, 0, false, now()) RETURNING id`,
      );
      const id = verdict.rows[0].id as string;
      // A compromised web server can neither clear a failed verdict nor forge one or a checkpoint.
      await expect(app.query(`UPDATE "LedgerVerification" SET ok = true WHERE id = $1`, [id])).rejects.toThrow(
        /permission denied for table "?LedgerVerification/,
      );
      await expect(app.query(`DELETE FROM "LedgerVerification" WHERE id = $1`, [id])).rejects.toThrow(/permission denied/);
      await expect(
        app.query(`INSERT INTO "LedgerVerification" ("orgId", trigger, "fromSize", ok) VALUES ('org_role_test', 'schedule:full', 0, true)`),
      ).rejects.toThrow(/permission denied/);
      await expect(
        app.query(
          `INSERT INTO "LedgerCheckpoint" ("orgId", size, "rootHash", note, "keyName") VALUES ('org_role_test', 1, '\\x00', 'forged', 'k')`,
        ),
      ).rejects.toThrow(/permission denied for table "?LedgerCheckpoint/);
      expect((await app.query(`SELECT ok FROM "LedgerVerification" WHERE id = $1`, [id])).rows).toEqual([{ ok: false }]);

      // It may ask for a run, but the database picks the run id, and only the ledger role claims it.
      const asked = await app.query(
        `INSERT INTO "LedgerVerificationRequest" ("orgId", "verificationId", "requestedById", "requestedByName") VALUES ('org_role_test', $1, 'usr_x', 'X') RETURNING "verificationId"`,
        [id],
      );
      expect(BigInt(asked.rows[0].verificationId)).toBeGreaterThan(BigInt(id));
      await expect(app.query(`UPDATE "LedgerVerificationRequest" SET "claimedAt" = now() WHERE "orgId" = 'org_role_test'`)).rejects.toThrow(
        /permission denied/,
      );
      await ledger.query(`UPDATE "LedgerVerificationRequest" SET "claimedAt" = now() WHERE "orgId" = 'org_role_test'`);
      // The ledger role reaches nothing beyond the ledger.
      await expect(ledger.query(`SELECT count(*) FROM "ApiToken"`)).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
      await ledger.end();
    }
  });

  it("keeps those limits when a later migration grants the application role again", async () => {
    const owner = new pg.Client({ connectionString: inject("superuserUrl") });
    await owner.connect();
    try {
      await owner.query("BEGIN");
      await owner.query("SELECT custody_grant_app_role()");
      const { rows } = await owner.query(
        `SELECT has_table_privilege('custody_app', '"LedgerVerification"', 'UPDATE') AS update_verdict, has_table_privilege('custody_app', '"LedgerCheckpoint"', 'INSERT') AS insert_checkpoint`,
      );
      expect(rows).toEqual([{ update_verdict: false, insert_checkpoint: false }]);
    } finally {
      await owner.query("ROLLBACK");
      await owner.end();
    }
  });
});
