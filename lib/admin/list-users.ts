import "server-only";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export const ZUserListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  role: z.string().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

export const userPageSize = 30;

/** People known to Custody, their IdP groups, mapped roles, last sign-in and open sessions. */
export async function listUsers({ principal, query }: { principal: TPrincipal; query: z.infer<typeof ZUserListQuery> }) {
  assertCapability(principal, "admin.users.view");
  const where: Prisma.UserWhereInput = {
    orgId: principal.orgId,
    ...(query.q
      ? { OR: [{ name: { contains: query.q, mode: "insensitive" } }, { email: { contains: query.q, mode: "insensitive" } }] }
      : {}),
    ...(query.role === "none" ? { roles: { isEmpty: true } } : query.role ? { roles: { has: query.role } } : {}),
  };
  const now = new Date();
  const [total, users] = await Promise.all([
    db().user.count({ where }),
    db().user.findMany({
      where,
      orderBy: [{ lastSignInAt: { sort: "desc", nulls: "last" } }, { name: "asc" }],
      skip: (query.page - 1) * userPageSize,
      take: userPageSize,
      include: {
        manager: { select: { id: true, name: true } },
        _count: { select: { sessions: { where: { endedAt: null, expiresAt: { gt: now } } } } },
      },
    }),
  ]);
  return { users, total, page: query.page, pageSize: userPageSize };
}
