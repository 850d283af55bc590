import "server-only";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addDays } from "./api-token-row";
import { serviceAccountSelect, type TServiceAccount } from "./service-account-row";
import { TOKEN_EXPIRY_WARNING_DAYS } from "./service-account-vocabulary";
import { blankToUndefined } from "@/lib/input/blank-to-undefined";

/** The list's search and page, as they appear in the URL (`/admin/service-accounts?q=vision&page=2`). */
export const ZServiceAccountListQuery = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type TServiceAccountListQuery = z.output<typeof ZServiceAccountListQuery>;

export type TServiceAccountListRow = TServiceAccount & {
  /** Neither revoked nor expired. */
  activeTokens: number;
  /** Active tokens that expire within TOKEN_EXPIRY_WARNING_DAYS. */
  expiringTokens: number;
  /** The latest use of any of its tokens. */
  lastUsedAt: Date | null;
};

export const serviceAccountPageSize = 30;

/** Service accounts, enabled ones first, by name; with how many live tokens each has and when one was last used. */
export async function listServiceAccounts({
  principal,
  query,
  now = new Date(),
}: {
  principal: TPrincipal;
  query: TServiceAccountListQuery;
  now?: Date;
}): Promise<{ rows: TServiceAccountListRow[]; total: number; page: number; pageSize: number; now: Date }> {
  assertCapability(principal, "admin.service_accounts.view");
  const text = query.q ? { contains: query.q, mode: "insensitive" as const } : undefined;
  const where: Prisma.ServiceAccountWhereInput = {
    orgId: principal.orgId,
    ...(text ? { OR: [{ name: text }, { slug: text }, { owner: { name: text } }, { team: { name: text } }] } : {}),
  };
  const [total, accounts] = await Promise.all([
    db().serviceAccount.count({ where }),
    db().serviceAccount.findMany({
      where,
      select: serviceAccountSelect,
      orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { name: "asc" }, { id: "asc" }],
      skip: (query.page - 1) * serviceAccountPageSize,
      take: serviceAccountPageSize,
    }),
  ]);
  const ids = accounts.map((account) => account.id);
  const live: Prisma.ApiTokenWhereInput = { serviceAccountId: { in: ids }, revokedAt: null, expiresAt: { gt: now } };
  const [active, expiring, used] =
    ids.length === 0
      ? [[], [], []]
      : await Promise.all([
          db().apiToken.groupBy({ by: ["serviceAccountId"], where: live, _count: { _all: true } }),
          db().apiToken.groupBy({
            by: ["serviceAccountId"],
            where: { ...live, expiresAt: { gt: now, lte: addDays(now, TOKEN_EXPIRY_WARNING_DAYS) } },
            _count: { _all: true },
          }),
          db().apiToken.groupBy({ by: ["serviceAccountId"], where: { serviceAccountId: { in: ids } }, _max: { lastUsedAt: true } }),
        ]);
  const count = (groups: { serviceAccountId: string; _count: { _all: number } }[], id: string) =>
    groups.find((group) => group.serviceAccountId === id)?._count._all ?? 0;
  const rows = accounts.map((account) => ({
    ...account,
    activeTokens: count(active, account.id),
    expiringTokens: count(expiring, account.id),
    lastUsedAt: used.find((group) => group.serviceAccountId === account.id)?._max.lastUsedAt ?? null,
  }));
  return { rows, total, page: query.page, pageSize: serviceAccountPageSize, now };
}
