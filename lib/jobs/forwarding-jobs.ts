import { connectDb } from "../db";
import { forwardingEnv } from "../env";
import { startForwarder } from "../forwarding/start-forwarder";

type TForwardingJobOptions = { appUrl: string; keyMaterial: string; publicUrl: string; orgId: string; log: (line: string) => void };

/**
 * Forwarding to SIEMs in the launcher's job process (never in the ingest path): a one-second
 * timer queues new alerts and matching ledger events and delivers them (README, "Alerts —
 * forwarding"). Several processes may run it: rows are claimed with SKIP LOCKED under a lease.
 */
export async function startForwardingJobs({ appUrl, keyMaterial, publicUrl, orgId, log }: TForwardingJobOptions) {
  const env = forwardingEnv();
  const client = connectDb(appUrl);
  const forwarder = startForwarder({
    client,
    keyMaterial,
    publicUrl,
    orgId,
    log,
    settings: {
      timeoutMs: env.CUSTODY_FORWARD_TIMEOUT * 1000,
      maxAttempts: env.CUSTODY_FORWARD_MAX_ATTEMPTS,
      retryBaseMs: env.CUSTODY_FORWARD_RETRY_BASE * 1000,
      concurrency: env.CUSTODY_FORWARD_CONCURRENCY,
    },
  });
  log(
    `Forwarding: timeout ${env.CUSTODY_FORWARD_TIMEOUT} s, ${env.CUSTODY_FORWARD_MAX_ATTEMPTS} attempts, ${env.CUSTODY_FORWARD_CONCURRENCY} in flight per destination.`,
  );
  return {
    stop: async () => {
      await forwarder.stop();
      await client.$disconnect();
    },
  };
}
