import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";

export type TNotificationRow = {
  id: string;
  kind: string;
  title: string;
  body: string;
  href: string | null;
  createdAt: Date;
  readAt: Date | null;
};

/** The signed-in person's notifications, newest first, and how many are unread. */
export async function listNotifications({
  principal,
  limit = 20,
}: {
  principal: TPrincipal;
  limit?: number;
}): Promise<{ unread: number; rows: TNotificationRow[] }> {
  const where = { orgId: principal.orgId, userId: principal.userId };
  const [unread, rows] = await Promise.all([
    db().notification.count({ where: { ...where, readAt: null } }),
    db().notification.findMany({
      where,
      select: { id: true, kind: true, title: true, body: true, href: true, createdAt: true, readAt: true },
      orderBy: { createdAt: "desc" },
      take: Math.min(Math.max(limit, 1), 200),
    }),
  ]);
  return { unread, rows };
}
