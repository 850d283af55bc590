import pg from "pg";
import { connectDb, type Db } from "../db";
import { recordInternalEvent } from "../ledger/record-internal-event";
import type { NoteVerifier } from "../ledger/signed-note";
import { verifyLedger } from "../ledger/verify-ledger";
import { manualTriggerPrefix, verificationRequestChannel, verificationRequestExpiresMs } from "../ledger-integrity/verification-row";
import { startNotifiedQueueWorker } from "./notified-queue-worker";

type TRequest = { id: bigint; orgId: string; verificationId: bigint; requestedById: string; requestedByName: string; stale: boolean };

const progressEveryMs = 500;
// Claim a little before the web server gives up waiting, never after it has told the person no run started.
const claimWithinMs = verificationRequestExpiresMs - 2_000;

/**
 * Turns the web server's "Verify now" requests into verification runs, as the ledger's role (the
 * web server's role may only ask). Woken by NOTIFY, and polls as well, since a notification is
 * lost while the database restarts. One run at a time per process; several processes share the
 * queue (FOR UPDATE SKIP LOCKED).
 */
export async function startVerificationRequests({
  ledgerUrl,
  verifiers,
  log,
  pollEveryMs = 2_000,
}: {
  ledgerUrl: string;
  verifiers: NoteVerifier[];
  log: (line: string) => void;
  pollEveryMs?: number;
}) {
  const db = connectDb(ledgerUrl);
  const worker = await startNotifiedQueueWorker({
    name: "verification requests",
    url: ledgerUrl,
    channel: verificationRequestChannel,
    log,
    pollEveryMs,
    takeOne: async () => {
      const request = await claimRequest(db);
      if (!request) return false;
      if (!request.stale) await runRequestedVerification({ db, ledgerUrl, request, verifiers, log });
      return true;
    },
  });
  return {
    stop: async () => {
      await worker.stop();
      await db.$disconnect();
    },
  };
}

/** Takes the oldest waiting request: its run row appears in the same transaction, under the reserved id. */
async function claimRequest(db: Db): Promise<TRequest | null> {
  return db.$transaction(async (tx) => {
    const [request] = await tx.$queryRaw<TRequest[]>`
      SELECT id, "orgId", "verificationId", "requestedById", "requestedByName", "requestedAt" < now() - make_interval(secs => ${claimWithinMs / 1000}) AS stale
      FROM "LedgerVerificationRequest" WHERE "claimedAt" IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`;
    if (!request) return null;
    await tx.ledgerVerificationRequest.update({ where: { id: request.id }, data: { claimedAt: new Date() } });
    // Too old: the person was told that no verification started, so none does.
    if (!request.stale) {
      await tx.ledgerVerification.create({
        data: {
          id: request.verificationId,
          orgId: request.orgId,
          trigger: `${manualTriggerPrefix}${request.requestedByName}`,
          fromSize: 0n,
        },
      });
    }
    return request;
  });
}

/** A full run for a person's request: progress while it runs, then the verdict and its ledger event together. */
async function runRequestedVerification({
  db,
  ledgerUrl,
  request,
  verifiers,
  log,
}: {
  db: Db;
  ledgerUrl: string;
  request: TRequest;
  verifiers: NoteVerifier[];
  log: (line: string) => void;
}): Promise<void> {
  const { orgId, verificationId } = request;
  // Progress writes are chained, and awaited before the verdict, so none lands after it.
  let progress: Promise<unknown> = Promise.resolve();
  let lastWrite = 0;
  const client = new pg.Client({ connectionString: ledgerUrl });
  let connected = false;
  try {
    await client.connect();
    connected = true;
    const result = await verifyLedger({
      query: client,
      orgId,
      verifiers,
      onProgress: (done) => {
        if (Date.now() - lastWrite < progressEveryMs) return;
        lastWrite = Date.now();
        progress = progress
          .then(() => db.ledgerVerification.update({ where: { id: verificationId }, data: { toSize: BigInt(done) } }))
          .catch((error: unknown) => log(`verification ${verificationId}: progress not saved (${String(error)})`));
      },
    });
    await progress;
    await db.$transaction(async (tx) => {
      await tx.ledgerVerification.update({
        where: { id: verificationId },
        data: { finishedAt: new Date(), toSize: BigInt(result.entries), ok: result.ok, failure: result.failure ?? undefined },
      });
      await recordInternalEvent(tx, {
        orgId,
        action: result.ok ? "ledger.verify.pass" : "ledger.verify.fail",
        actor: { id: request.requestedById, type: "user", display: request.requestedByName },
        outcome: result.ok ? { status: "success" } : { status: "failure", message: result.failure!.message },
        details: {
          verificationId: verificationId.toString(),
          trigger: "manual",
          entries: result.entries,
          checkpoints: result.checkpoints,
          seconds: Number(result.seconds.toFixed(3)),
        },
      });
    });
    if (!result.ok) log(`LEDGER VERIFICATION FAILED (run ${verificationId}): ${result.failure!.message}`);
  } catch (error) {
    await progress;
    log(`verification ${verificationId} could not finish: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    // No verdict: the run says so instead of staying "running"; the details stay in the launcher log.
    await db.ledgerVerification
      .update({
        where: { id: verificationId },
        data: {
          finishedAt: new Date(),
          ok: null,
          failure: {
            kind: "error",
            message:
              "The verification could not finish (see the server log); it says nothing about the ledger. Start it again, or run `npx custody verify` on the server.",
          },
        },
      })
      .catch((cause: unknown) => log(`verification ${verificationId}: could not record the error (${String(cause)})`));
  } finally {
    if (connected) await client.end().catch(() => {});
  }
}
