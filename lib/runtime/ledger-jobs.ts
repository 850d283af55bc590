import pg from "pg";
import { connectDb } from "../db";
import type { TLedgerKey } from "../ledger/ledger-key";
import { recordInternalEvent } from "../ledger/record-internal-event";
import { signCheckpoint } from "../ledger/sign-checkpoint";
import { parseVerifierKey } from "../ledger/signed-note";
import { verifyLedger } from "../ledger/verify-ledger";

type TJobOptions = { appUrl: string; orgId: string; key: TLedgerKey; log: (line: string) => void; checkpointEverySeconds?: number; verifyEveryMinutes?: number };

/**
 * The ledger's background work, run beside the web server: a signed checkpoint every few seconds
 * while entries arrive, and a full verification at start and then periodically, each result kept
 * in LedgerVerification and appended to the ledger itself.
 */
export function startLedgerJobs({ appUrl, orgId, key, log, checkpointEverySeconds = 5, verifyEveryMinutes = 10 }: TJobOptions) {
  const db = connectDb(appUrl);
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const serial = (work: () => Promise<unknown>) => {
    running = running.then(work).catch((error: unknown) => log(`ledger job failed: ${error instanceof Error ? error.message : String(error)}`));
  };
  const checkpoint = () => serial(() => signCheckpoint({ client: db, orgId, key }));
  const verify = () =>
    serial(async () => {
      const row = await db.ledgerVerification.create({ data: { orgId, trigger: "schedule", fromSize: 0n } });
      const client = new pg.Client({ connectionString: appUrl });
      await client.connect();
      try {
        const result = await verifyLedger({ query: client, orgId, verifiers: [parseVerifierKey(key.verifierKey)] });
        await db.$transaction(async (tx) => {
          await tx.ledgerVerification.update({
            where: { id: row.id },
            data: { finishedAt: new Date(), toSize: BigInt(result.entries), ok: result.ok, failure: result.failure ?? undefined },
          });
          await recordInternalEvent(tx, {
            orgId,
            action: result.ok ? "ledger.verify.pass" : "ledger.verify.fail",
            actor: { id: "custody-verifier", type: "system", display: "Scheduled ledger verification" },
            outcome: result.ok ? { status: "success" } : { status: "failure", message: result.failure!.message },
            details: { verificationId: row.id.toString(), entries: result.entries, checkpoints: result.checkpoints, seconds: Number(result.seconds.toFixed(3)) },
          });
        });
        if (!result.ok) log(`LEDGER VERIFICATION FAILED: ${result.failure!.message}`);
      } finally {
        await client.end();
      }
    });
  const checkpointTimer = setInterval(() => !stopped && checkpoint(), checkpointEverySeconds * 1000);
  const verifyTimer = setInterval(() => !stopped && verify(), verifyEveryMinutes * 60_000);
  verify();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(checkpointTimer);
      clearInterval(verifyTimer);
      await running;
      await db.$disconnect();
    },
  };
}
