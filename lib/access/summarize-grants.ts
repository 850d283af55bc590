import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { activeGrantsWhere, expiringGrantsWhere, externalPrincipalWhere, visibleGrantsWhere } from "./grant-where";

export const EXPIRING_SOON_DAYS = 30;

export type TGrantSummary = { active: number; expiringSoon: number; externalActive: number; expiringSoonDays: number };

/** The Access page's headline numbers, over the grants `principal` may see. */
export async function summarizeGrants({ principal, now = new Date() }: { principal: TPrincipal; now?: Date }): Promise<TGrantSummary> {
  const visible = visibleGrantsWhere(principal);
  const [active, expiringSoon, externalActive] = await Promise.all([
    db().grant.count({ where: { AND: [visible, activeGrantsWhere(now)] } }),
    db().grant.count({ where: { AND: [visible, expiringGrantsWhere(EXPIRING_SOON_DAYS, now)] } }),
    db().grant.count({ where: { AND: [visible, activeGrantsWhere(now), externalPrincipalWhere] } }),
  ]);
  return { active, expiringSoon, externalActive, expiringSoonDays: EXPIRING_SOON_DAYS };
}
