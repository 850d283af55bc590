import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import { createNotifications } from "@/lib/notifications/create-notifications";
import { recordReviewEvent, reviewSchedulerActor } from "./record-review-event";
import { snapshotReviewItems } from "./snapshot-review-items";

const DAY_MS = 86_400_000;
/** How long reviewers get to decide on an expired risk acceptance. */
export const EXCEPTION_FOLLOW_UP_DAYS = 14;

/**
 * Risk acceptances are exceptions that end: when one has expired, its access has ended with it,
 * and a new review item asks whether to renew it (accept the risk again) or let it go. Items
 * open in a follow-up campaign of the campaign that accepted the risk (one per source campaign
 * while it is active), assigned by the same reviewer rule.
 */
export async function openExpiredRiskAcceptances({ client = defaultDb(), now = new Date() }: { client?: Db; now?: Date } = {}): Promise<{
  opened: number;
  campaigns: string[];
}> {
  const accepted = await client.reviewItem.findMany({
    where: { outcome: "exception_granted", followUpOpenedAt: null, resultingGrantId: { not: null } },
    include: { campaign: true },
  });
  if (accepted.length === 0) return { opened: 0, campaigns: [] };
  const grants = await client.grant.findMany({
    where: { id: { in: accepted.map((item) => item.resultingGrantId as string) }, revokedAt: null, validUntil: { lte: now } },
    select: { id: true, validUntil: true },
  });
  const expired = new Map(grants.map((grant) => [grant.id, grant.validUntil as Date]));
  const due = accepted.filter((item) => expired.has(item.resultingGrantId as string));
  const bySource = new Map<string, typeof due>();
  for (const item of due) bySource.set(item.campaignId, [...(bySource.get(item.campaignId) ?? []), item]);

  let opened = 0;
  const campaigns: string[] = [];
  for (const items of bySource.values()) {
    const source = items[0]!.campaign;
    const sourceItemIds = new Map(items.map((item) => [item.resultingGrantId as string, item.id]));
    let followUp = await client.reviewCampaign.findFirst({
      where: { kind: "exception_followup", sourceCampaignId: source.id, status: "active" },
    });
    const target = followUp ?? {
      id: "",
      orgId: source.orgId,
      ownerId: source.ownerId,
      fallbackReviewerId: source.fallbackReviewerId,
      reviewerRule: source.reviewerRule,
    };
    const drafts = await snapshotReviewItems(client, {
      campaign: target,
      where: { id: { in: [...sourceItemIds.keys()] } },
      now,
      openedBy: "exception_expired",
      sourceItemIds,
      reasonPrefix: (grant) =>
        `Risk acceptance expired on ${grant.validUntil?.toISOString().slice(0, 10)}: renew it or let it end. Usage: `,
    });
    await client.$transaction(
      async (tx) => {
        if (!followUp) {
          followUp = await tx.reviewCampaign.create({
            data: {
              orgId: source.orgId,
              name: `Expired risk acceptances · ${source.name}`,
              kind: "exception_followup",
              sourceCampaignId: source.id,
              description: `Risk acceptances granted in "${source.name}" that have expired: renew each (accept the risk again, up to a year) or let it end.`,
              scope: {},
              reviewerRule: source.reviewerRule,
              fallbackReviewerId: source.fallbackReviewerId,
              ownerId: source.ownerId,
              dueAt: new Date(now.getTime() + EXCEPTION_FOLLOW_UP_DAYS * DAY_MS),
              recurrence: "none",
              silence: "revoke",
              seriesId: source.seriesId,
              status: "active",
              launchedAt: now,
              createdAt: now,
            },
          });
          await recordReviewEvent(tx, {
            orgId: source.orgId,
            campaignId: followUp.id,
            action: "access_review.campaign.launch",
            actor: reviewSchedulerActor,
            at: now,
            details: { name: followUp.name, kind: "exception_followup", sourceCampaignId: source.id, dueAt: followUp.dueAt },
          });
        }
        const campaignId = followUp.id;
        for (const draft of drafts) {
          const item = await tx.reviewItem.create({ data: { ...draft, campaignId } });
          const sourceItemId = draft.sourceItemId as string;
          await tx.reviewItem.update({ where: { id: sourceItemId }, data: { followUpOpenedAt: now } });
          await recordReviewEvent(tx, {
            orgId: source.orgId,
            campaignId,
            itemId: item.id,
            action: "access_review.item.open",
            actor: reviewSchedulerActor,
            at: now,
            target: draft.scopeType === "artifact" ? { artifactId: draft.scopeId } : undefined,
            details: {
              reason: "risk_acceptance_expired",
              grantId: draft.grantId,
              sourceItemId,
              sourceCampaignId: source.id,
              expiredAt: expired.get(draft.grantId),
              reviewerId: draft.reviewerId,
            },
          });
          if (draft.reviewerId) {
            await createNotifications(
              tx,
              [
                {
                  orgId: source.orgId,
                  userId: draft.reviewerId,
                  kind: "review.exception_expired",
                  dedupeKey: `review:${item.id}:exception-expired`,
                  title: `A risk acceptance expired: ${draft.principalName} on ${draft.scopeName}`,
                  body: `The exception for ${draft.principalName} (${draft.action} on ${draft.scopeName}) has expired and the access has ended. Renew it or let it go by ${followUp.dueAt.toISOString().slice(0, 10)}.`,
                  href: `/reviews/${campaignId}/items`,
                },
              ],
              now,
            );
          }
          opened++;
        }
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
    campaigns.push(followUp!.id);
  }
  return { opened, campaigns };
}
