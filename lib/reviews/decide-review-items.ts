import "server-only";
import { z } from "zod";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { noDecisionDetails } from "./check-review-decision";
import { recordItemDecision } from "./record-item-decision";
import { findActiveCampaign, type TCampaignChange } from "./review-access";
import { reviewItemFiltersWhere, ZReviewItemFilters } from "./review-item-filters";
import { bulkReviewDecisions } from "./review-vocabulary";
import { parseInput } from "@/lib/input/parse-input";

export const BULK_DECISION_LIMIT = 2000;

export const ZBulkDecisionInput = z.object({
  decision: z.enum(bulkReviewDecisions, { error: "Bulk decisions are certify or revoke; modify and accept risk go item by item." }),
  justification: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.string().trim().max(2000).optional(),
  ),
  filters: ZReviewItemFilters.default({}),
});

/**
 * One decision on every item of a filtered selection ("revoke all never-used deploy grants"):
 * only the caller's own items that are not signed off, each recorded in the ledger, all in one
 * transaction. Returns how many were decided and how many of the selection could not be.
 */
export async function decideReviewItems({
  principal,
  campaignId,
  input,
  now = new Date(),
}: TCampaignChange): Promise<{ decided: number; skipped: number }> {
  assertCapability(principal, "reviews.review");
  const { decision, filters, justification: given } = parseInput(ZBulkDecisionInput, input, "Nothing was decided");
  const justification = given ?? null;
  if (decision !== "certify" && (!justification || justification.length < 10)) {
    throw new AppError("INVALID_INPUT", "Nothing was decided: correct the highlighted fields.", {
      fieldErrors: [
        { field: "justification", message: "Say why, in at least 10 characters: every decision but certify needs a justification." },
      ],
    });
  }
  return db().$transaction(
    async (tx) => {
      await findActiveCampaign(tx, { principal, campaignId });
      const selection = await tx.reviewItem.findMany({
        where: {
          AND: [
            { campaignId, reviewerId: principal.userId, signOffId: null, outcome: null },
            reviewItemFiltersWhere({ ...filters, reviewer: undefined }, principal.userId),
          ],
        },
        orderBy: { id: "asc" },
        take: BULK_DECISION_LIMIT + 1,
      });
      if (selection.length > BULK_DECISION_LIMIT)
        throw new AppError("INVALID_INPUT", `The selection holds more than ${BULK_DECISION_LIMIT} items; narrow the filters.`);
      let decided = 0;
      let skipped = 0;
      for (const item of selection) {
        const own = item.principalType === "user" && item.principalId === principal.userId;
        if (own || (decision === "certify" && item.openedBy === "exception_expired")) {
          skipped++;
          continue;
        }
        const columns = { decision, justification, ...noDecisionDetails };
        await tx.reviewItem.update({ where: { id: item.id }, data: { ...columns, decidedById: principal.userId, decidedAt: now } });
        await recordItemDecision(tx, { principal, item, columns, now, extra: { bulk: { filters } } });
        decided++;
      }
      return { decided, skipped };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
