import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import { createNotifications, type TNotificationDraft } from "@/lib/notifications/create-notifications";

const DAY_MS = 86_400_000;

export type TReminderResult = { reminders: number; escalations: number };

/**
 * Reminds reviewers 7 days and 1 day before a campaign is due, and once it is overdue reminds
 * them again and escalates to their manager and to the campaign's owner. Only reviewers with
 * items left to sign hear anything; each reminder is sent once (its dedupe key). E-mail copies
 * go out afterwards (deliverNotificationEmails).
 */
export async function sendReviewReminders({
  client = defaultDb(),
  now = new Date(),
}: { client?: Db; now?: Date } = {}): Promise<TReminderResult> {
  const campaigns = await client.reviewCampaign.findMany({
    where: { status: "active", dueAt: { lte: new Date(now.getTime() + 7 * DAY_MS) } },
  });
  const drafts: TNotificationDraft[] = [];
  for (const campaign of campaigns) {
    const left = await client.reviewItem.groupBy({
      by: ["reviewerId"],
      where: { campaignId: campaign.id, reviewerId: { not: null }, signOffId: null, outcome: null },
      _count: { _all: true },
    });
    if (left.length === 0) continue;
    const reviewers = await client.user.findMany({
      where: { id: { in: left.map((row) => row.reviewerId as string) } },
      select: { id: true, name: true, managerId: true, disabledAt: true },
    });
    const byId = new Map(reviewers.map((reviewer) => [reviewer.id, reviewer]));
    const due = campaign.dueAt.toISOString().slice(0, 10);
    const href = `/reviews/${campaign.id}/items?reviewer=mine`;
    const remaining = campaign.dueAt.getTime() - now.getTime();
    for (const row of left) {
      const reviewer = byId.get(row.reviewerId as string);
      if (!reviewer) continue;
      const count = row._count._all;
      const items = `${count} ${count === 1 ? "item" : "items"}`;
      const base = { orgId: campaign.orgId, href };
      if (remaining > DAY_MS) {
        drafts.push({
          ...base,
          userId: reviewer.id,
          kind: "review.due_7d",
          dedupeKey: `review:${campaign.id}:due-7d:${reviewer.id}`,
          title: `Access review due ${due}`,
          body: `You have ${items} left to review and sign off in "${campaign.name}", due ${due}.`,
        });
      } else if (remaining > 0) {
        drafts.push({
          ...base,
          userId: reviewer.id,
          kind: "review.due_1d",
          dedupeKey: `review:${campaign.id}:due-1d:${reviewer.id}`,
          title: `Access review due tomorrow (${due})`,
          body: `You have ${items} left to review and sign off in "${campaign.name}", due ${due}.`,
        });
      } else {
        const silence =
          campaign.silence === "revoke"
            ? "When it closes, unanswered access is revoked."
            : "When it closes, unanswered access is kept as it is.";
        drafts.push({
          ...base,
          userId: reviewer.id,
          kind: "review.overdue",
          dedupeKey: `review:${campaign.id}:overdue:${reviewer.id}`,
          title: `Access review overdue since ${due}`,
          body: `You still have ${items} to review and sign off in "${campaign.name}". ${silence}`,
        });
        const escalateTo = new Set([reviewer.managerId, campaign.ownerId].filter((id): id is string => Boolean(id) && id !== reviewer.id));
        for (const userId of escalateTo) {
          drafts.push({
            orgId: campaign.orgId,
            userId,
            kind: "review.escalation",
            dedupeKey: `review:${campaign.id}:escalation:${reviewer.id}:${userId}`,
            title: `Overdue: ${reviewer.name} has ${items} left to review`,
            body: `"${campaign.name}" was due ${due}; ${reviewer.name} has not signed off ${items}. ${silence}`,
            href: `/reviews/${campaign.id}/items?reviewer=${reviewer.id}`,
          });
        }
      }
    }
  }
  const created = await createNotifications(client, drafts, now);
  return {
    reminders: created.filter((row) => row.kind !== "review.escalation").length,
    escalations: created.filter((row) => row.kind === "review.escalation").length,
  };
}
