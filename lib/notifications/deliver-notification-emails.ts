import "server-only";
import type { Db } from "@/lib/db";
import type { TMailer } from "./notification-mailer";

/**
 * Sends the e-mail copy of notifications not yet sent. Without a mailer they are marked
 * not_configured (in-app only); a failed send is kept with its error and not retried, so a
 * broken mail server never floods anyone once it recovers.
 */
export async function deliverNotificationEmails({
  client,
  mailer,
  publicUrl,
  limit = 200,
}: {
  client: Db;
  mailer: TMailer | null;
  publicUrl?: string;
  limit?: number;
}) {
  const pending = await client.notification.findMany({
    where: { emailStatus: "pending" },
    include: { user: { select: { email: true, name: true, disabledAt: true } } },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  const counts = { sent: 0, failed: 0, skipped: 0 };
  for (const notification of pending) {
    if (!mailer) {
      await client.notification.update({ where: { id: notification.id }, data: { emailStatus: "not_configured" } });
      counts.skipped++;
      continue;
    }
    const email = notification.user.email;
    if (!email || notification.user.disabledAt || email.endsWith(".invalid")) {
      await client.notification.update({ where: { id: notification.id }, data: { emailStatus: "no_address" } });
      counts.skipped++;
      continue;
    }
    const link = notification.href && publicUrl ? `\n\nOpen it in Custody: ${publicUrl}${notification.href}` : "";
    try {
      await mailer.send({
        to: email,
        subject: `[Custody] ${notification.title}`,
        text: `Hello ${notification.user.name},\n\n${notification.body}${link}\n\n— Custody`,
      });
      await client.notification.update({ where: { id: notification.id }, data: { emailStatus: "sent", emailedAt: new Date() } });
      counts.sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await client.notification.update({
        where: { id: notification.id },
        data: { emailStatus: "failed", emailError: message.slice(0, 500) },
      });
      counts.failed++;
    }
  }
  return counts;
}
