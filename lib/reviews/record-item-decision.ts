import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import type { DbTransaction } from "@/lib/db";
import type { ReviewItem } from "@/lib/generated/prisma/client";
import { recordReviewEvent } from "./record-review-event";
import { actorOf } from "./review-access";

/**
 * The ledger entry of a reviewer's decision on one item (access_review.item.decide), one way for
 * a decision made item by item and for one made over a selection: the grant, whose access, on
 * what, the decision's columns and the decision it replaces, plus `extra` details.
 */
export async function recordItemDecision(
  tx: DbTransaction,
  {
    principal,
    item,
    columns,
    now,
    extra = {},
  }: {
    principal: TPrincipal;
    /** The item as it was before this decision. */
    item: ReviewItem;
    /** The decision's columns as written to the item. */
    columns: Record<string, unknown>;
    now: Date;
    extra?: Record<string, unknown>;
  },
): Promise<void> {
  await recordReviewEvent(tx, {
    orgId: item.orgId,
    campaignId: item.campaignId,
    itemId: item.id,
    action: "access_review.item.decide",
    actor: actorOf(principal),
    at: now,
    target: item.scopeType === "artifact" ? { artifactId: item.scopeId } : undefined,
    details: {
      grantId: item.grantId,
      principal: { type: item.principalType, id: item.principalId, name: item.principalName },
      scope: { type: item.scopeType, id: item.scopeId, name: item.scopeName },
      grantAction: item.action,
      ...columns,
      previousDecision: item.decision,
      ...extra,
    },
  });
}
