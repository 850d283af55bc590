import "server-only";
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import type { ReviewCampaign } from "@/lib/generated/prisma/client";
import { createNotifications, type TNotificationDraft } from "@/lib/notifications/create-notifications";
import { grantsInScopeWhere, parseStoredScope } from "./campaign-scope";
import { recordReviewEvent, toLedgerJson, type TReviewActor } from "./record-review-event";
import { actorOf, campaignNotFound, type TCampaignRequest } from "./review-access";
import { nextReviewLaunch } from "./review-period";
import { snapshotReviewItems, type TItemDraft } from "./snapshot-review-items";

export type TLaunchResult = { campaignId: string; items: number; reviewers: number; unassigned: number; snapshotDigest: string };

/** Launches a draft campaign: snapshots the grants in its scope into review items. */
export async function launchCampaign({ principal, campaignId, now = new Date() }: TCampaignRequest): Promise<TLaunchResult> {
  assertCapability(principal, "reviews.campaign.manage");
  const campaign = await db().reviewCampaign.findFirst({ where: { id: campaignId, orgId: principal.orgId } });
  if (!campaign) throw campaignNotFound(campaignId);
  if (campaign.status !== "draft") throw new AppError("CONFLICT", `Campaign "${campaign.name}" was already launched.`);
  if (campaign.dueAt <= now)
    throw new AppError(
      "CONFLICT",
      `Campaign "${campaign.name}" was due on ${campaign.dueAt.toISOString().slice(0, 10)}; create a new campaign with a later due date.`,
    );
  return launchDraftCampaign(db(), { campaign, actor: actorOf(principal), now });
}

/** SHA-256 of the snapshot as launched: the ledger keeps it, so any later change would show. */
export function snapshotDigestOf(drafts: TItemDraft[]): string {
  // The assignment may change later (reassignment, delegation); the snapshot may not.
  const rows = drafts.map((draft) => {
    const snapshot: Record<string, unknown> = { ...draft };
    for (const key of ["reviewerId", "reviewerStep", "reviewerNote"]) delete snapshot[key];
    return toLedgerJson(snapshot);
  });
  return createHash("sha256")
    .update(canonicalize(rows) ?? "[]")
    .digest("hex");
}

/**
 * The launch itself, for a person or the scheduler: the snapshot is read first (it reads the
 * ledger), then the items, the campaign's new state, the ledger entry and the reviewers'
 * notifications are written in one transaction. `anchor` is when a recurring series is due to
 * launch, so instances stay on their calendar whenever the job runs.
 */
export async function launchDraftCampaign(
  client: Db,
  { campaign, actor, now, anchor }: { campaign: ReviewCampaign; actor: TReviewActor; now: Date; anchor?: Date },
): Promise<TLaunchResult> {
  const drafts = await snapshotReviewItems(client, {
    campaign,
    where: grantsInScopeWhere(campaign.orgId, parseStoredScope(campaign.scope), now),
    now,
  });
  const snapshotDigest = snapshotDigestOf(drafts);
  const perReviewer = new Map<string, number>();
  for (const draft of drafts) if (draft.reviewerId) perReviewer.set(draft.reviewerId, (perReviewer.get(draft.reviewerId) ?? 0) + 1);
  const unassigned = drafts.filter((draft) => !draft.reviewerId).length;
  const nextLaunchAt = campaign.kind === "scheduled" ? nextReviewLaunch(anchor ?? now, campaign.recurrence) : null;

  await client.$transaction(
    async (tx) => {
      const { count } = await tx.reviewCampaign.updateMany({
        where: { id: campaign.id, status: "draft" },
        data: { status: "active", launchedAt: now, launchedById: actor.type === "user" ? actor.id : null, nextLaunchAt },
      });
      if (count === 0) throw new AppError("CONFLICT", `Campaign "${campaign.name}" was launched meanwhile.`);
      await tx.reviewItem.createMany({ data: drafts.map((draft) => ({ ...draft, campaignId: campaign.id })) });
      await recordReviewEvent(tx, {
        orgId: campaign.orgId,
        campaignId: campaign.id,
        action: "access_review.campaign.launch",
        actor,
        at: now,
        details: {
          name: campaign.name,
          instance: campaign.instance,
          items: drafts.length,
          unassigned,
          snapshotDigest,
          dueAt: campaign.dueAt,
          nextLaunchAt,
          reviewers: Object.fromEntries(perReviewer),
          grantIds: drafts.map((draft) => draft.grantId),
        },
      });
      const due = campaign.dueAt.toISOString().slice(0, 10);
      const notices: TNotificationDraft[] = [...perReviewer].map(([userId, count]) => ({
        orgId: campaign.orgId,
        userId,
        kind: "review.assigned",
        dedupeKey: `review:${campaign.id}:assigned:${userId}`,
        title: `${count} access ${count === 1 ? "grant" : "grants"} to review`,
        body: `You review ${count} ${count === 1 ? "grant" : "grants"} in "${campaign.name}", due ${due}. Each comes with its usage and a recommendation.`,
        href: `/reviews/${campaign.id}/items`,
      }));
      if (unassigned > 0) {
        notices.push({
          orgId: campaign.orgId,
          userId: campaign.ownerId,
          kind: "review.unassigned",
          dedupeKey: `review:${campaign.id}:unassigned`,
          title: `${unassigned} review ${unassigned === 1 ? "item has" : "items have"} no reviewer`,
          body: `Nobody in the reviewer rule of "${campaign.name}" may review ${unassigned === 1 ? "one item" : `${unassigned} items`}; reassign ${unassigned === 1 ? "it" : "them"}.`,
          href: `/reviews/${campaign.id}/items?reviewer=unassigned`,
        });
      }
      await createNotifications(tx, notices, now);
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  return { campaignId: campaign.id, items: drafts.length, reviewers: perReviewer.size, unassigned, snapshotDigest };
}
