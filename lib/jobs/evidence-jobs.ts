import pg from "pg";
import { connectDb, type Db } from "../db";
import type { TEvidenceSigner } from "../evidence/bundle/evidence-key";
import { evidenceBundleChannel } from "../evidence/generate/evidence-bundle-channel";
import type { TEvidenceEngine } from "../evidence/generate/evidence-engine";
import { makeEvidenceBundle } from "../evidence/generate/make-evidence-bundle";

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
  const listener = new pg.Client({ connectionString: appUrl });
  let stopped = false;
  let wake = () => {};
  let notified = false;
  listener.on("notification", () => {
    notified = true;
    wake();
  });
  listener.on("error", (error) => log(`evidence jobs: listener ${error.message}`));
  await listener.connect();
  await listener.query(`LISTEN ${evidenceBundleChannel}`);
  const loop = (async () => {
    while (!stopped) {
      try {
        notified = false;
        const bundleId = await claimBundle(client);
        if (bundleId) {
          const result = await makeEvidenceBundle({ client, bundleId, engine, signer, ledgerVerifierKey, log, checkpointWaitMs: 60_000 });
          if (result.timings)
            log(
              `evidence bundle ${bundleId} signed (${Object.entries(result.timings)
                .map(([k, v]) => `${k} ${v.toFixed(0)}`)
                .join(", ")})`,
            );
          continue;
        }
      } catch (error) {
        log(`evidence jobs: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (notified || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollEveryMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wake();
      await loop;
      await listener.end().catch(() => {});
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
