import "server-only";
import type { Db, DbTransaction } from "@/lib/db";

export type TNotificationDraft = {
  orgId: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  href?: string | null;
  dedupeKey: string;
};

/**
 * Writes in-app notifications, each at most once: a draft whose (orgId, dedupeKey) exists
 * already is skipped. Returns the rows written now, so only those go out by e-mail.
 */
export async function createNotifications(client: Db | DbTransaction, drafts: TNotificationDraft[], now = new Date()) {
  if (drafts.length === 0) return [];
  return client.notification.createManyAndReturn({
    data: drafts.map((draft) => ({ ...draft, href: draft.href ?? null, createdAt: now })),
    skipDuplicates: true,
  });
}
