import "server-only";
import { z } from "zod";
import { grantActions } from "@/lib/access/grant-vocabulary";
import type { Prisma } from "@/lib/generated/prisma/client";
import { reviewDecisions, reviewItemStates, reviewPrincipalKinds, reviewRecommendations, reviewUsageFilters } from "./review-vocabulary";
import { blankToUndefined } from "@/lib/input/blank-to-undefined";
import { firstValues } from "@/lib/input/search-params";

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.preprocess(blankToUndefined, z.enum(values, { error: `${what} must be one of: ${values.join(", ")}.` }).optional());

/** The item list's filters, as the URL holds them (shareable). Bulk decisions apply to the same selection. */
export const ZReviewItemFilters = z.object({
  /** "mine", "all", "unassigned" or a reviewer's user id. */
  reviewer: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  state: optionalEnum(reviewItemStates, "state"),
  decision: optionalEnum(reviewDecisions, "decision"),
  recommendation: optionalEnum(reviewRecommendations, "recommendation"),
  action: optionalEnum(grantActions, "action"),
  kind: optionalEnum(reviewPrincipalKinds, "kind"),
  usage: optionalEnum(reviewUsageFilters, "usage"),
  q: z.preprocess(blankToUndefined, z.string().trim().max(100, "Keep the search under 100 characters.").optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000).optional()),
});

export type TReviewItemFilters = z.output<typeof ZReviewItemFilters>;

/** Filters from a URL; values that do not parse are dropped and reported, never fatal. */
export function parseReviewItemFilters(params: Record<string, string | string[] | undefined>): {
  filters: TReviewItemFilters;
  ignored: string[];
} {
  const flat = firstValues(params);
  const filters: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const key of Object.keys(ZReviewItemFilters.shape) as (keyof typeof ZReviewItemFilters.shape)[]) {
    const parsed = ZReviewItemFilters.shape[key].safeParse(flat[key]);
    if (parsed.success) filters[key] = parsed.data;
    else ignored.push(key);
  }
  return { filters: filters as TReviewItemFilters, ignored };
}

/** The filters as a where clause; `viewerId` resolves "mine". */
export function reviewItemFiltersWhere(filters: TReviewItemFilters, viewerId: string): Prisma.ReviewItemWhereInput {
  const and: Prisma.ReviewItemWhereInput[] = [];
  if (filters.reviewer === "mine") and.push({ reviewerId: viewerId });
  else if (filters.reviewer === "unassigned") and.push({ reviewerId: null });
  else if (filters.reviewer && filters.reviewer !== "all") and.push({ reviewerId: filters.reviewer });
  switch (filters.state) {
    case "pending":
      and.push({ decision: null, outcome: null });
      break;
    case "decided":
      and.push({ decision: { not: null }, signOffId: null, outcome: null });
      break;
    case "signed":
      and.push({ signOffId: { not: null } });
      break;
    case "closed":
      and.push({ signOffId: null, outcome: { not: null } });
      break;
    default:
      break;
  }
  if (filters.decision) and.push({ decision: filters.decision });
  if (filters.recommendation) and.push({ recommendation: filters.recommendation });
  if (filters.action) and.push({ action: filters.action });
  if (filters.kind) and.push({ principalKind: filters.kind });
  // Usage as the snapshot saw it: the evidence a reviewer decides on does not drift.
  if (filters.usage === "never") and.push({ lastUsedAt: null });
  if (filters.usage === "stale") and.push({ uses90d: 0 });
  if (filters.usage === "recent") and.push({ uses90d: { gt: 0 } });
  if (filters.q) {
    const text = { contains: filters.q, mode: "insensitive" as const };
    and.push({ OR: [{ principalName: text }, { scopeName: text }, { projectName: text }, { principalEmail: text }] });
  }
  return and.length > 0 ? { AND: and } : {};
}
