import { connectDb } from "../db";
import { runDetectionPass } from "../alerts/detect/run-detection-pass";
import { ensureAlertRules } from "../alerts/rules/ensure-alert-rules";
import { deliverNotificationEmails } from "../notifications/deliver-notification-emails";
import { createMailerFromEnv } from "../notifications/notification-mailer";

type TAlertJobOptions = { appUrl: string; orgId: string; publicUrl: string; log: (line: string) => void; everyMs?: number };

/**
 * Detection beside the web server: a detection pass every 1.5 s (skipped while one runs), so an
 * event is judged seconds after it is ingested (pg-boss cron runs once a minute at best). The
 * first pass after start, or after a detector is enabled, reads the whole history. Several
 * Custody processes may run this: the pass takes a database lock, and the others skip their turn.
 * New high and critical alerts are notified in the app at once, and their e-mail copies sent.
 */
export async function startAlertJobs({ appUrl, orgId, publicUrl, log, everyMs = 1_500 }: TAlertJobOptions) {
  const client = connectDb(appUrl);
  const mailer = createMailerFromEnv();
  await ensureAlertRules(client, orgId);
  let stopped = false;
  let running: Promise<void> | null = null;
  let reportedFailure = false;
  const tick = () => {
    if (stopped || running) return;
    running = (async () => {
      const started = performance.now();
      try {
        const pass = await runDetectionPass({ client, orgId });
        reportedFailure = false;
        if (pass.raised + pass.repeated + pass.suppressed > 0 || pass.batches > 1)
          log(
            `detection: ${pass.entries.toLocaleString("en")} entries judged in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
              `${pass.raised} alerts raised, ${pass.repeated} repeats grouped, ${pass.suppressed} suppressed`,
          );
        if (pass.notified > 0) await deliverNotificationEmails({ client, mailer, publicUrl });
      } catch (error) {
        // Said once until a pass succeeds again, not every 1.5 s.
        if (!reportedFailure) log(`detection failed: ${error instanceof Error ? error.message : String(error)}`);
        reportedFailure = true;
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(tick, everyMs);
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      await client.$disconnect();
    },
  };
}
