import "server-only";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import type { TFieldError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod } from "@/lib/errors/problem";
import type { Prisma } from "@/lib/generated/prisma/client";
import { grantRowInclude, toGrantRow, type TGrantRow } from "./grant-row";
import {
  expiringGrantsWhere,
  externalPrincipalWhere,
  grantStatusWhere,
  principalTextWhere,
  scopeTextWhere,
  visibleGrantsWhere,
} from "./grant-where";
import { grantActions, grantOrigins, grantStatusFilters } from "./grant-vocabulary";
import { blankToUndefined } from "@/lib/input/blank-to-undefined";
import { firstValue, type TSearchParams } from "@/lib/input/search-params";

// Empty inputs in a URL ("?principal=&action=") mean "no filter", not an invalid value.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** The Access list's filters, as they appear in the URL (`/access?expiring=30&external=1`). */
export const ZGrantFilters = z.object({
  principal: optional(z.string().trim().max(200, "Keep the principal search under 200 characters.")),
  artifact: optional(z.string().trim().max(200, "Keep the artifact search under 200 characters.")),
  action: optional(z.enum(grantActions, { error: `Choose one of: ${grantActions.join(", ")}.` })),
  origin: optional(z.enum(grantOrigins, { error: `Choose one of: ${grantOrigins.join(", ")}.` })),
  status: z.preprocess(
    blankToUndefined,
    z.enum(grantStatusFilters, { error: `Choose one of: ${grantStatusFilters.join(", ")}.` }).default("active"),
  ),
  expiring: optional(
    z.coerce.number().int("Give a whole number of days.").min(1, "Give at least 1 day.").max(3650, "Give at most 3650 days."),
  ),
  external: optional(z.literal("1", { error: "Use external=1 or leave it out." })),
  page: z.preprocess(
    blankToUndefined,
    z.coerce.number().int("Pages are whole numbers.").min(1, "Pages start at 1.").max(100_000).default(1),
  ),
});

export type TGrantFilters = z.output<typeof ZGrantFilters>;

/**
 * Reads the filters from a page's search params. A bad value (say `action=delete`) is dropped and
 * reported, so the page still shows something and says what it ignored.
 */
export function parseGrantFilters(searchParams: TSearchParams): { filters: TGrantFilters; ignored: TFieldError[] } {
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(ZGrantFilters.shape)) raw[key] = firstValue(searchParams[key]);
  const parsed = ZGrantFilters.safeParse(raw);
  if (parsed.success) return { filters: parsed.data, ignored: [] };
  const ignored = fieldErrorsFromZod(parsed.error);
  for (const { field } of ignored) delete raw[field];
  return { filters: ZGrantFilters.parse(raw), ignored };
}

export function grantFiltersWhere(filters: Omit<TGrantFilters, "page">, now: Date): Prisma.GrantWhereInput[] {
  const where: Prisma.GrantWhereInput[] = [grantStatusWhere(filters.status, now)];
  if (filters.expiring !== undefined) where.push(expiringGrantsWhere(filters.expiring, now));
  if (filters.principal) where.push(principalTextWhere(filters.principal));
  if (filters.artifact) where.push(scopeTextWhere(filters.artifact));
  if (filters.action) where.push({ action: filters.action });
  if (filters.origin) where.push({ origin: filters.origin });
  if (filters.external) where.push(externalPrincipalWhere);
  return where;
}

export type TGrantPage = { rows: TGrantRow[]; total: number; page: number; pageSize: number; now: Date };

/**
 * One page of the grants `principal` may see, filtered on the server. Newest first; when looking
 * at what is expiring, soonest to expire first.
 */
export async function listGrants({
  principal,
  filters,
  page = 1,
  pageSize = 25,
  now = new Date(),
}: {
  principal: TPrincipal;
  filters: Partial<Omit<TGrantFilters, "page">>;
  page?: number;
  pageSize?: number;
  now?: Date;
}): Promise<TGrantPage> {
  const visible = visibleGrantsWhere(principal);
  const size = Math.min(Math.max(1, Math.trunc(pageSize)), 200);
  const current = Math.max(1, Math.trunc(page));
  const where: Prisma.GrantWhereInput = { AND: [visible, ...grantFiltersWhere({ ...filters, status: filters.status ?? "active" }, now)] };
  const orderBy: Prisma.GrantOrderByWithRelationInput[] =
    filters.expiring !== undefined ? [{ validUntil: "asc" }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }];
  const [total, grants] = await Promise.all([
    db().grant.count({ where }),
    db().grant.findMany({ where, include: grantRowInclude, orderBy, skip: (current - 1) * size, take: size }),
  ]);
  return { rows: grants.map((grant) => toGrantRow(grant, now)), total, page: current, pageSize: size, now };
}
