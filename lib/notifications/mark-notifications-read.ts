import "server-only";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";

export const ZMarkNotificationsRead = z.object({ ids: z.array(z.string().min(1).max(100)).max(200).optional() });

/** Marks the person's own notifications read: the given ones, or all of them. */
export async function markNotificationsRead({
  principal,
  ids,
  now = new Date(),
}: {
  principal: TPrincipal;
  ids?: string[];
  now?: Date;
}): Promise<number> {
  const { count } = await db().notification.updateMany({
    where: { orgId: principal.orgId, userId: principal.userId, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: now },
  });
  return count;
}
