import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseForTestFile } from "@/test/fresh-database";
import { parseVerifierKey } from "@/lib/ledger/signed-note";
import { startVerificationRequests } from "@/lib/jobs/verification-requests";
import { AppError } from "@/lib/errors/app-error";
import { getIntegrityOverview } from "./get-integrity-overview";
import { getVerification } from "./get-verification";
import { canonicalEvent, expectRefused, openIntegrityLedger, ORG_ID, principals } from "../../test/kits/integrity-test-ledger";
import { listVerifications, verificationPageSize } from "./list-verifications";
import { startManualVerification } from "./start-manual-verification";

const ledger = databaseForTestFile(() => openIntegrityLedger({ entries: 30 }));
// The launcher's side: the ledger jobs that turn requests into runs, as custody_ledger (stopped
// before the database closes: after-hooks run in reverse order).
let jobs: Awaited<ReturnType<typeof startVerificationRequests>>;
const jobLog: string[] = [];
beforeAll(async () => {
  jobs = await startVerificationRequests({
    ledgerUrl: ledger.ledgerUrl,
    verifiers: [parseVerifierKey(ledger.keys.verifierKey)],
    log: (line) => jobLog.push(line),
  });
});
afterAll(async () => {
  await jobs.stop();
});

/**
 * Holds the verification at its first read (the checkpoints) until `release`, so that a test can
 * look at a run that is certainly still in progress. Nothing else may read checkpoints meanwhile.
 */
async function holdVerification() {
  await ledger.superuser.query(`BEGIN; LOCK TABLE "LedgerCheckpoint" IN ACCESS EXCLUSIVE MODE`);
  return { release: () => ledger.superuser.query("ROLLBACK") };
}

describe("startManualVerification", () => {
  it("runs in the background to completion, then records the verdict and a ledger event together", async () => {
    const entriesBefore = await ledger.ledgerCount();
    const { verificationId, waitForVerdict } = await startManualVerification({ principal: principals.avery });
    await waitForVerdict();
    const row = await ledger.db.ledgerVerification.findUniqueOrThrow({ where: { id: BigInt(verificationId) } });
    expect(row).toMatchObject({
      orgId: ORG_ID,
      trigger: "manual:Avery Brooks",
      ok: true,
      failure: null,
      toSize: BigInt(entriesBefore),
      finishedAt: expect.any(Date),
    });
    expect(row.finishedAt!.getTime()).toBeGreaterThanOrEqual(row.startedAt.getTime());

    expect(await ledger.ledgerCount()).toBe(entriesBefore + 1);
    const entry = await ledger.lastLedgerEntry();
    expect(entry).toMatchObject({ action: "ledger.verify.pass", actorId: "usr_avery", outcome: "success" });
    expect(canonicalEvent(entry).details).toMatchObject({ verificationId, trigger: "manual", entries: entriesBefore, checkpoints: 2 });

    expect(await getVerification({ principal: principals.riley, verificationId: BigInt(verificationId) })).toMatchObject({
      id: verificationId,
      state: "passed",
      ok: true,
      toSize: entriesBefore,
      total: entriesBefore,
      finishedAt: row.finishedAt!.toISOString(),
    });
    const overview = await getIntegrityOverview({ principal: principals.riley });
    expect(overview.latestResult).toMatchObject({ id: verificationId, state: "passed", toSize: entriesBefore, checkpoints: 2 });
  });

  it("shows a run in progress, and refuses a second start while it runs (CONFLICT naming it)", async () => {
    const hold = await holdVerification();
    let first: Awaited<ReturnType<typeof startManualVerification>>;
    try {
      // Two simultaneous clicks: exactly one starts a run.
      const results = await Promise.allSettled([
        startManualVerification({ principal: principals.morgan }),
        startManualVerification({ principal: principals.avery }),
      ]);
      const started = results.filter((result) => result.status === "fulfilled");
      const refused = results.filter((result) => result.status === "rejected");
      expect(started).toHaveLength(1);
      expect(refused).toHaveLength(1);
      first = started[0]!.value;
      const conflict = refused[0]!.reason as AppError;
      expect(conflict).toBeInstanceOf(AppError);
      expect(conflict.code).toBe("CONFLICT");
      expect(conflict.message).toMatch(/is still running/);
      expect(conflict.extra).toEqual({ verificationId: first.verificationId });

      const error = await expectRefused(ledger, "CONFLICT", () => startManualVerification({ principal: principals.morgan }));
      expect(error.extra).toEqual({ verificationId: first.verificationId });

      const progress = await getVerification({ principal: principals.avery, verificationId: BigInt(first.verificationId) });
      expect(progress).toMatchObject({ state: "running", finishedAt: null, ok: null, total: await ledger.ledgerCount() });
    } finally {
      await hold.release();
    }
    await first!.waitForVerdict();
    expect(await getVerification({ principal: principals.avery, verificationId: BigInt(first!.verificationId) })).toMatchObject({
      state: "passed",
    });
    // Finished: the next start goes through.
    const next = await startManualVerification({ principal: principals.morgan });
    await next.waitForVerdict();
    expect((await ledger.db.ledgerVerification.findUniqueOrThrow({ where: { id: BigInt(next.verificationId) } })).trigger).toBe(
      "manual:Morgan Lee",
    );
  });

  it("lets the page follow a manual run in progress", async () => {
    const running = await ledger.ledgerDb.ledgerVerification.create({
      data: { orgId: ORG_ID, trigger: "manual:Morgan Lee", fromSize: 0n, toSize: 5n, startedAt: new Date(Date.now() - 60_000) },
    });
    try {
      expect((await getIntegrityOverview({ principal: principals.riley })).running).toMatchObject({
        id: running.id.toString(),
        state: "running",
        toSize: 5,
      });
    } finally {
      await ledger.ledgerDb.ledgerVerification.update({
        where: { id: running.id },
        data: { finishedAt: new Date(), ok: true, toSize: 10n },
      });
    }
    expect((await getIntegrityOverview({ principal: principals.riley })).running).toBeNull();
  });

  it("does not let a run that never finished (older than 10 minutes) block a new one", async () => {
    const ghost = await ledger.ledgerDb.ledgerVerification.create({
      data: { orgId: ORG_ID, trigger: "manual:Ghost Runner", fromSize: 0n, startedAt: new Date(Date.now() - 11 * 60_000) },
    });
    const run = await startManualVerification({ principal: principals.avery });
    await run.waitForVerdict();
    const { rows } = await listVerifications({ principal: principals.avery, query: { page: 1 } });
    expect(rows.find((row) => row.id === ghost.id.toString())?.state).toBe("abandoned");
    expect(rows[0]).toMatchObject({ id: run.verificationId, state: "passed" });
  });

  it("records a failure naming the tampered entry, as a ledger.verify.fail event", async () => {
    await ledger.tamper(
      `UPDATE "LedgerEntry" SET canonical = convert_to(replace(convert_from(canonical, 'UTF8'), 'model_version.download', 'model_version.delete'), 'UTF8') WHERE "orgId" = '${ORG_ID}' AND seq = 7`,
    );
    const size = await ledger.ledgerCount();
    const { verificationId, waitForVerdict } = await startManualVerification({ principal: principals.morgan });
    await waitForVerdict();
    const progress = await getVerification({ principal: principals.morgan, verificationId: BigInt(verificationId) });
    // The run goes on past the failure, so it checks every entry and lists each failure with its kind.
    expect(progress).toMatchObject({
      state: "failed",
      ok: false,
      toSize: size,
      failure: {
        kind: "bytes",
        seq: 7,
        message: expect.stringContaining("entry 7"),
        total: 2,
        counts: { bytes: 1, column: 1, tree: 0, checkpoint: 0 },
      },
    });
    expect(progress.failure?.failures).toMatchObject([
      { kind: "bytes", problem: "changed", seq: 7 },
      { kind: "column", seq: 7, column: "action" },
    ]);
    const entry = await ledger.lastLedgerEntry();
    expect(entry).toMatchObject({ action: "ledger.verify.fail", actorId: "usr_morgan", outcome: "failure" });
    expect(canonicalEvent(entry)).toMatchObject({
      outcome: { status: "failure", message: expect.stringContaining("entry 7") },
      details: { verificationId },
    });
    expect((await getIntegrityOverview({ principal: principals.morgan })).latestResult).toMatchObject({
      id: verificationId,
      state: "failed",
      failure: { kind: "bytes", seq: 7 },
    });
  });

  it("lists runs newest first, 20 a page", async () => {
    const total = await ledger.db.ledgerVerification.count({ where: { orgId: ORG_ID } });
    const base = Date.now() - 3 * 86_400_000;
    await ledger.ledgerDb.ledgerVerification.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({
        orgId: ORG_ID,
        trigger: "schedule",
        fromSize: 0n,
        toSize: 10n,
        ok: true,
        startedAt: new Date(base + i * 60_000),
        finishedAt: new Date(base + i * 60_000 + 900),
      })),
    });
    const first = await listVerifications({ principal: principals.avery, query: { page: 1 } });
    const second = await listVerifications({ principal: principals.avery, query: { page: 2 } });
    expect(first.total).toBe(total + 20);
    expect(first.rows).toHaveLength(verificationPageSize);
    expect(second.rows).toHaveLength(total + 20 - verificationPageSize);
    const started = [...first.rows, ...second.rows].map((row) => row.startedAt.getTime());
    expect(started).toEqual([...started].sort((a, b) => b - a));
    expect(second.rows.at(-1)).toMatchObject({ trigger: "schedule", state: "passed", toSize: 10 });
  });

  it("runs nothing for a request older than the web server waited: the person was told none started", async () => {
    const before = await ledger.db.ledgerVerification.count();
    await ledger.tamper(
      `INSERT INTO "LedgerVerificationRequest" ("orgId", "verificationId", "requestedById", "requestedByName", "requestedAt") VALUES ('${ORG_ID}', nextval(pg_get_serial_sequence('"LedgerVerification"', 'id')), 'usr_morgan', 'Morgan Lee', now() - interval '1 minute')`,
    );
    await ledger.superuser.query(`NOTIFY custody_verification_request`);
    await expect
      .poll(async () => (await ledger.db.ledgerVerificationRequest.findFirstOrThrow({ orderBy: { id: "desc" } })).claimedAt, {
        timeout: 5_000,
      })
      .not.toBeNull();
    expect(await ledger.db.ledgerVerification.count()).toBe(before);
    // And it blocks no new run (which fails: entry 7 was tampered with above).
    const run = await startManualVerification({ principal: principals.morgan });
    await run.waitForVerdict();
    expect(await getVerification({ principal: principals.morgan, verificationId: BigInt(run.verificationId) })).toMatchObject({
      state: "failed",
      failure: { seq: 7 },
    });
  });

  it("is for administrators and auditors; others' runs are not found", async () => {
    const { verificationId } = (await listVerifications({ principal: principals.avery, query: { page: 1 } })).rows.map((row) => ({
      verificationId: row.id,
    }))[0]!;
    for (const who of [principals.jordan, principals.sam, principals.riley]) {
      await expectRefused(ledger, "FORBIDDEN", () => startManualVerification({ principal: who }));
    }
    await expectRefused(ledger, "FORBIDDEN", () =>
      getVerification({ principal: principals.jordan, verificationId: BigInt(verificationId) }),
    );
    await expectRefused(ledger, "NOT_FOUND", () =>
      getVerification({ principal: principals.stranger, verificationId: BigInt(verificationId) }),
    );
  });
});
