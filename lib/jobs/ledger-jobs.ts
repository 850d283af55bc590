import pg from "pg";
import PgBoss from "pg-boss";
import { connectDb, type Db } from "../db";
import type { TLedgerKey } from "../ledger/ledger-key";
import { recordInternalEvent } from "../ledger/record-internal-event";
import { signCheckpoint } from "../ledger/sign-checkpoint";
import { parseVerifierKey } from "../ledger/signed-note";
import { verifyLedger } from "../ledger/verify-ledger";

type TJobOptions = {
  ledgerUrl: string;
  ownerUrl: string;
  orgId: string;
  key: TLedgerKey;
  log: (line: string) => void;
  checkpointEverySeconds?: number;
};

type TVerifyMode = "incremental" | "full";

/**
 * The ledger's background work beside the web server. Verification runs as pg-boss jobs, so
 * several Custody processes sharing one database verify once, not once each: incremental (new
 * entries since the last verified size) every minute, full every hour and at start. Each result
 * is kept in LedgerVerification and appended to the ledger itself. Checkpoints are signed every
 * few seconds while entries arrive (idempotent: no new entries, no new checkpoint).
 */
export async function startLedgerJobs({ ledgerUrl, ownerUrl, orgId, key, log, checkpointEverySeconds = 5 }: TJobOptions) {
  // custody_ledger: the one role that may write checkpoints and verdicts (the web server's may not).
  const db = connectDb(ledgerUrl);
  const boss = new PgBoss({ connectionString: ownerUrl, schema: "pgboss", max: 3 });
  boss.on("error", (error) => log(`job queue: ${error.message}`));
  await boss.start();
  const queues: Record<TVerifyMode, string> = { incremental: "ledger-verify-incremental", full: "ledger-verify-full" };
  for (const queue of Object.values(queues))
    if (!(await boss.getQueue(queue))) await boss.createQueue(queue, { name: queue, policy: "singleton" });
  await boss.schedule(queues.incremental, "* * * * *");
  await boss.schedule(queues.full, "17 * * * *");
  for (const mode of ["incremental", "full"] as const) {
    await boss.work(queues[mode], async () => {
      await runVerification({ db, appUrl: ledgerUrl, orgId, key, mode, log });
    });
  }
  await boss.send(queues.full, {});

  let stopped = false;
  let checkpointing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    checkpointing = checkpointing
      .then(() => signCheckpoint({ client: db, orgId, key }))
      .catch((error: unknown) => log(`checkpoint failed: ${error instanceof Error ? error.message : String(error)}`));
  }, checkpointEverySeconds * 1000);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await checkpointing;
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
      await db.$disconnect();
    },
  };
}

/** One verification run, recorded in LedgerVerification and in the ledger. */
export async function runVerification({
  db,
  appUrl,
  orgId,
  key,
  mode,
  log,
}: {
  db: Db;
  appUrl: string;
  orgId: string;
  key: TLedgerKey;
  mode: TVerifyMode;
  log: (line: string) => void;
}) {
  const latest = await db.ledgerVerification.findFirst({ where: { orgId, ok: { not: null } }, orderBy: { id: "desc" } });
  // A failure stands until a full run passes: an incremental pass after it would hide it.
  if (mode === "incremental" && latest?.ok === false) return;
  const last = await db.ledgerVerification.findFirst({ where: { orgId, ok: true, toSize: { not: null } }, orderBy: { id: "desc" } });
  const size = await db.ledgerEntry.count({ where: { orgId } });
  const fromSize = mode === "incremental" ? Number(last?.toSize ?? 0) : 0;
  // Nothing new but the previous run's own record: no run, or each run would beget the next.
  if (mode === "incremental" && last && size - fromSize <= 1) return;
  const row = await db.ledgerVerification.create({ data: { orgId, trigger: `schedule:${mode}`, fromSize: BigInt(fromSize) } });
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    const result = await verifyLedger({ query: client, orgId, verifiers: [parseVerifierKey(key.verifierKey)], fromSize });
    await db.$transaction(async (tx) => {
      await tx.ledgerVerification.update({
        where: { id: row.id },
        data: { finishedAt: new Date(), toSize: BigInt(result.entries), ok: result.ok, failure: result.failure ?? undefined },
      });
      await recordInternalEvent(tx, {
        orgId,
        action: result.ok ? "ledger.verify.pass" : "ledger.verify.fail",
        actor: { id: "custody-verifier", type: "system", display: `Scheduled ledger verification (${mode})` },
        outcome: result.ok ? { status: "success" } : { status: "failure", message: result.failure!.message },
        details: {
          verificationId: row.id.toString(),
          mode,
          fromSize,
          entries: result.entries,
          checkpoints: result.checkpoints,
          seconds: Number(result.seconds.toFixed(3)),
        },
      });
    });
    if (!result.ok) {
      log(`LEDGER VERIFICATION FAILED: ${result.failure!.message}`);
      for (const failure of result.failure!.failures.slice(0, 10)) log(`  ${failure.kind}: ${failure.message}`);
    }
  } finally {
    await client.end();
  }
}
