import PgBoss from "pg-boss";
import { connectDb } from "../db";
import { deliverNotificationEmails } from "../notifications/deliver-notification-emails";
import { createMailerFromEnv } from "../notifications/notification-mailer";
import { launchDueRecurrences } from "../reviews/launch-due-recurrences";
import { openExpiredRiskAcceptances } from "../reviews/open-expired-risk-acceptances";
import { sendReviewReminders } from "../reviews/send-review-reminders";

type TReviewJobOptions = { appUrl: string; ownerUrl: string; publicUrl: string; log: (line: string) => void };

const queues = { recurrences: "reviews-recurrences", expiries: "reviews-exception-expiries", reminders: "reviews-reminders" } as const;

/**
 * Access reviews' background work on pg-boss (singleton queues, so several Custody processes
 * run each job once): the next instance of recurring campaigns, review items for expired risk
 * acceptances, and reminders and escalations with their e-mail copies (SMTP_* in the README).
 * Every job runs every 10 minutes and once at start.
 */
export async function startReviewJobs({ appUrl, ownerUrl, publicUrl, log }: TReviewJobOptions) {
  const mailer = createMailerFromEnv();
  log(mailer ? "Review reminders: in-app and by e-mail (SMTP configured)." : "Review reminders: in-app only (no SMTP configured).");
  const client = connectDb(appUrl);
  const boss = new PgBoss({ connectionString: ownerUrl, schema: "pgboss", max: 2 });
  boss.on("error", (error) => log(`review jobs: ${error.message}`));
  await boss.start();
  const run = (name: string, job: () => Promise<string | null>) => async () => {
    try {
      const summary = await job();
      if (summary) log(`${name}: ${summary}`);
    } catch (error) {
      log(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  };
  const jobs: Record<keyof typeof queues, () => Promise<void>> = {
    recurrences: run("review recurrences", async () => {
      const launched = await launchDueRecurrences({ client });
      return launched.length > 0 ? `launched ${launched.length} next ${launched.length === 1 ? "instance" : "instances"}` : null;
    }),
    expiries: run("expired risk acceptances", async () => {
      const { opened } = await openExpiredRiskAcceptances({ client });
      return opened > 0 ? `opened ${opened} review ${opened === 1 ? "item" : "items"}` : null;
    }),
    reminders: run("review reminders", async () => {
      const { reminders, escalations } = await sendReviewReminders({ client });
      const mail = await deliverNotificationEmails({ client, mailer, publicUrl });
      return reminders + escalations + mail.sent + mail.failed > 0
        ? `${reminders} reminders, ${escalations} escalations; e-mail sent ${mail.sent}, failed ${mail.failed}`
        : null;
    }),
  };
  for (const [key, queue] of Object.entries(queues) as [keyof typeof queues, string][]) {
    if (!(await boss.getQueue(queue))) await boss.createQueue(queue, { name: queue, policy: "singleton" });
    await boss.schedule(queue, "*/10 * * * *");
    await boss.work(queue, jobs[key]);
    await boss.send(queue, {});
  }
  return {
    stop: async () => {
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
      await client.$disconnect();
    },
  };
}
