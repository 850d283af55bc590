import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { launchDraftCampaign, type TLaunchResult } from "./launch-campaign";
import { reviewSchedulerActor } from "./record-review-event";

/**
 * Launches the next instance of every recurring campaign whose time has come (its nextLaunchAt
 * is past and no next instance exists): same scope, reviewer rule, fallback and silence rule,
 * the same time to review, a fresh snapshot. Safe to run from several processes: the next
 * instance is unique per campaign (previousId), so only one is ever created.
 */
export async function launchDueRecurrences({ client = defaultDb(), now = new Date() }: { client?: Db; now?: Date } = {}): Promise<
  TLaunchResult[]
> {
  const due = await client.reviewCampaign.findMany({
    where: { kind: "scheduled", recurrence: { not: "none" }, status: { not: "draft" }, nextLaunchAt: { lte: now } },
    orderBy: { nextLaunchAt: "asc" },
  });
  const followed = new Set(
    (
      await client.reviewCampaign.findMany({
        where: { previousId: { in: due.map((campaign) => campaign.id) } },
        select: { previousId: true },
      })
    ).map((row) => row.previousId),
  );
  const launched: TLaunchResult[] = [];
  for (const previous of due.filter((campaign) => !followed.has(campaign.id))) {
    const anchor = previous.nextLaunchAt as Date;
    const reviewWindow = previous.dueAt.getTime() - (previous.launchedAt ?? previous.createdAt).getTime();
    let next;
    try {
      next = await client.reviewCampaign.create({
        data: {
          orgId: previous.orgId,
          name: previous.name,
          description: previous.description,
          kind: "scheduled",
          scope: previous.scope as Prisma.InputJsonValue,
          reviewerRule: previous.reviewerRule,
          fallbackReviewerId: previous.fallbackReviewerId,
          ownerId: previous.ownerId,
          dueAt: new Date(Math.max(anchor.getTime(), now.getTime()) + reviewWindow),
          recurrence: previous.recurrence,
          silence: previous.silence,
          seriesId: previous.seriesId,
          instance: previous.instance + 1,
          previousId: previous.id,
          createdAt: now,
        },
      });
    } catch (error) {
      // Another process created it first.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") continue;
      throw error;
    }
    launched.push(await launchDraftCampaign(client, { campaign: next, actor: reviewSchedulerActor, now, anchor }));
  }
  return launched;
}
