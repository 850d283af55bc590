import { connectDb, type Db } from "../db";
import type { TEvidenceSigner } from "../evidence/bundle/evidence-key";
import { evidenceBundleChannel } from "../evidence/generate/evidence-bundle-channel";
import type { TEvidenceEngine } from "../evidence/generate/evidence-engine";
import { makeEvidenceBundle } from "../evidence/generate/make-evidence-bundle";
import { startNotifiedQueueWorker } from "./notified-queue-worker";

/**
 * Makes the evidence bundles people ask for, in the launcher (the only process holding the evidence
 * signing key), one at a time per process. Woken by NOTIFY and polling as well; several processes
 * share the queue (FOR UPDATE SKIP LOCKED). Runs on the app role: it reads what the report needs
 * and appends ledger events like the web server, but only it can sign.
 */
export async function startEvidenceJobs({
  appUrl,
  engine,
  signer,
  ledgerVerifierKey,
  log,
  pollEveryMs = 2_000,
}: {
  appUrl: string;
  engine: TEvidenceEngine;
  signer: TEvidenceSigner;
  ledgerVerifierKey: string;
  log: (line: string) => void;
  pollEveryMs?: number;
}) {
  const client = connectDb(appUrl);
  const worker = await startNotifiedQueueWorker({
    name: "evidence jobs",
    url: appUrl,
    channel: evidenceBundleChannel,
    log,
    pollEveryMs,
    takeOne: async () => {
      const bundleId = await claimBundle(client);
      if (!bundleId) return false;
      const result = await makeEvidenceBundle({ client, bundleId, engine, signer, ledgerVerifierKey, log, checkpointWaitMs: 60_000 });
      if (result.timings)
        log(
          `evidence bundle ${bundleId} signed (${Object.entries(result.timings)
            .map(([k, v]) => `${k} ${v.toFixed(0)}`)
            .join(", ")})`,
        );
      return true;
    },
  });
  return {
    stop: async () => {
      await worker.stop();
      await client.$disconnect();
    },
  };
}

/** Takes the oldest queued bundle (running from then on). */
async function claimBundle(client: Db): Promise<string | null> {
  return client.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "EvidenceBundle" WHERE status = 'queued' ORDER BY "requestedAt", id LIMIT 1 FOR UPDATE SKIP LOCKED`;
    if (!row) return null;
    await tx.evidenceBundle.update({
      where: { id: row.id },
      data: { status: "running", startedAt: new Date(), progress: 1, progressStep: "Starting" },
    });
    return row.id;
  });
}
