import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";

/** A notification as the bell and the settings page show it: plain data for the browser (times as ISO strings). */
export type TNotificationView = { id: string; title: string; body: string; href: string | null; createdAt: string; readAt: string | null };

/** The signed-in person's notifications, newest first, and how many are unread. */
export async function listNotifications({
  principal,
  limit = 20,
}: {
  principal: TPrincipal;
  limit?: number;
}): Promise<{ unread: number; rows: TNotificationView[] }> {
  const where = { orgId: principal.orgId, userId: principal.userId };
  const [unread, rows] = await Promise.all([
    db().notification.count({ where: { ...where, readAt: null } }),
    db().notification.findMany({
      where,
      select: { id: true, title: true, body: true, href: true, createdAt: true, readAt: true },
      orderBy: { createdAt: "desc" },
      take: Math.min(Math.max(limit, 1), 200),
    }),
  ]);
  return {
    unread,
    rows: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null })),
  };
}
