import { describe, expect, it } from "vitest";
import { databaseForTestFile } from "@/test/fresh-database";
import { generateNoteKey } from "@/lib/ledger/signed-note";
import { entriesPerSource } from "./entries-per-source";
import { getIntegrityOverview } from "./get-integrity-overview";
import { canonicalEvent, expectRefused, openIntegrityLedger, ORG_ID, principals } from "../../test/kits/integrity-test-ledger";
import { listVerifications } from "./list-verifications";

const ledger = databaseForTestFile(() => openIntegrityLedger({ entries: 30 }));

describe("getIntegrityOverview", () => {
  it("shows the latest checkpoint with its signature checked against the public key", async () => {
    const overview = await getIntegrityOverview({ principal: principals.avery });
    const stored = await ledger.db.ledgerCheckpoint.findFirstOrThrow({ where: { orgId: ORG_ID }, orderBy: { id: "desc" } });
    expect(overview.checkpoint).toMatchObject({
      id: stored.id.toString(),
      size: 30,
      rootHash: Buffer.from(stored.rootHash).toString("hex"),
      keyName: `custody.test/${ORG_ID}`,
      note: stored.note,
      signedAt: stored.createdAt,
      signature: { status: "valid" },
    });
    expect(overview.checkpoint!.rootHash).toMatch(/^[0-9a-f]{64}$/);
    expect(overview.publicKey).toMatchObject({
      verifierKey: ledger.keys.verifierKey,
      name: `custody.test/${ORG_ID}`,
      keyId: expect.stringMatching(/^[0-9a-f]{8}$/),
    });
    // 30 events and the read this call recorded.
    expect(overview.ledgerSize).toBe(31);
    expect(overview.latestResult).toBeNull();
    expect(overview.running).toBeNull();
  });

  it("appends exactly one ledger.read event per call, naming the reader and the view", async () => {
    const before = await ledger.ledgerCount();
    await getIntegrityOverview({ principal: principals.riley });
    expect(await ledger.ledgerCount()).toBe(before + 1);
    const entry = await ledger.lastLedgerEntry();
    expect(entry).toMatchObject({ action: "ledger.read", actorId: "usr_riley", sourceSystem: "custody", submittedBy: "user:usr_riley" });
    expect(canonicalEvent(entry)).toMatchObject({ actor: { id: "usr_riley", display: "Riley Okafor" }, details: { view: "integrity" } });
  });

  it("says Signature INVALID when the note was changed after signing", async () => {
    const latest = await ledger.db.ledgerCheckpoint.findFirstOrThrow({ where: { orgId: ORG_ID }, orderBy: { id: "desc" } });
    await ledger.tamper(`UPDATE "LedgerCheckpoint" SET note = replace(note, E'\\n30\\n', E'\\n31\\n') WHERE id = ${latest.id}`);
    try {
      const overview = await getIntegrityOverview({ principal: principals.avery });
      expect(overview.checkpoint?.note).toContain("\n31\n");
      expect(overview.checkpoint?.signature.status).toBe("invalid");
      expect(overview.checkpoint?.signature.message).toMatch(/does not verify/);
    } finally {
      await ledger.tamper(`UPDATE "LedgerCheckpoint" SET note = ${quote(latest.note)} WHERE id = ${latest.id}`);
    }
    expect((await getIntegrityOverview({ principal: principals.avery })).checkpoint?.signature.status).toBe("valid");
  });

  it("says Signature INVALID when the stored root differs from the signed note", async () => {
    const latest = await ledger.db.ledgerCheckpoint.findFirstOrThrow({ where: { orgId: ORG_ID }, orderBy: { id: "desc" } });
    await ledger.tamper(`UPDATE "LedgerCheckpoint" SET "rootHash" = sha256('forged'::bytea) WHERE id = ${latest.id}`);
    try {
      const signature = (await getIntegrityOverview({ principal: principals.avery })).checkpoint?.signature;
      expect(signature).toMatchObject({ status: "invalid", message: expect.stringMatching(/row was altered/) });
    } finally {
      await ledger.tamper(
        `UPDATE "LedgerCheckpoint" SET "rootHash" = '\\x${Buffer.from(latest.rootHash).toString("hex")}'::bytea WHERE id = ${latest.id}`,
      );
    }
  });

  it("says INVALID for a note signed by another key, and cannot check without a key", async () => {
    const other = generateNoteKey(`custody.test/${ORG_ID}`);
    const signature = (await getIntegrityOverview({ principal: principals.avery, publicKey: other.verifierKey })).checkpoint?.signature;
    expect(signature).toMatchObject({ status: "invalid", message: expect.stringMatching(/no signature by the ledger's public key/) });
    const unconfigured = await getIntegrityOverview({ principal: principals.avery, publicKey: "" });
    expect(unconfigured.checkpoint?.signature.status).toBe("unchecked");
    expect(unconfigured.publicKey).toBeNull();
  });

  it("has no checkpoint for a ledger that has none", async () => {
    const overview = await getIntegrityOverview({ principal: principals.stranger });
    expect(overview.checkpoint).toBeNull();
    expect(overview.ledgerSize).toBe(1);
  });

  it("is refused to engineers and managers, who leave no trace in the ledger", async () => {
    for (const who of [principals.jordan, principals.sam]) {
      await expectRefused(ledger, "FORBIDDEN", () => getIntegrityOverview({ principal: who }));
      await expectRefused(ledger, "FORBIDDEN", () => listVerifications({ principal: who, query: { page: 1 } }));
      await expectRefused(ledger, "FORBIDDEN", () => entriesPerSource({ principal: who }));
    }
  });

  it("keeps reporting a full run's failure while later incremental runs pass, until a full run passes", async () => {
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    const run = (data: { trigger: string; fromSize: bigint; ok: boolean; minutesAgo: number; failure?: object }) =>
      ledger.ledgerDb.ledgerVerification.create({
        data: {
          orgId: ORG_ID,
          trigger: data.trigger,
          fromSize: data.fromSize,
          toSize: 30n,
          ok: data.ok,
          failure: data.failure,
          startedAt: at(data.minutesAgo),
          finishedAt: at(data.minutesAgo - 0.5),
        },
      });
    const failed = await run({
      trigger: "schedule:full",
      fromSize: 0n,
      ok: false,
      minutesAgo: 5,
      failure: { kind: "changed", seq: 3, message: "entry 3: its stored bytes do not hash to its leaf hash (changed)" },
    });
    await run({ trigger: "schedule:incremental", fromSize: 20n, ok: true, minutesAgo: 2 });
    let overview = await getIntegrityOverview({ principal: principals.avery });
    // A row from before failures had kinds reads as today's kind, with only its first failure known.
    expect(overview.latestResult).toMatchObject({
      id: failed.id.toString(),
      state: "failed",
      failure: { kind: "bytes", problem: "changed", seq: 3, counts: null },
    });
    expect(overview.latestFullResult?.id).toBe(failed.id.toString());

    const full = await run({ trigger: "manual:Avery Brooks", fromSize: 0n, ok: true, minutesAgo: 1 });
    overview = await getIntegrityOverview({ principal: principals.avery });
    expect(overview.latestResult).toMatchObject({ id: full.id.toString(), state: "passed" });
    const later = await run({ trigger: "schedule:incremental", fromSize: 25n, ok: true, minutesAgo: 0.6 });
    overview = await getIntegrityOverview({ principal: principals.avery });
    expect(overview.latestResult).toMatchObject({ id: later.id.toString(), state: "passed", fromSize: 25 });
    expect(overview.latestFullResult?.id).toBe(full.id.toString());
  });
});

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
