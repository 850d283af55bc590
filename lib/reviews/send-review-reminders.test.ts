import { beforeAll, describe, expect, it } from "vitest";
import { databaseForTestFile } from "@/test/fresh-database";
import { db } from "@/lib/db";
import { deliverNotificationEmails } from "@/lib/notifications/deliver-notification-emails";
import type { TMailer } from "@/lib/notifications/notification-mailer";
import { decideReviewItems } from "./decide-review-items";
import { at, codeAt, enrollTotp, launchTestCampaign, openReviewDatabase, personas } from "../../test/kits/review-test-kit";
import { sendReviewReminders } from "./send-review-reminders";
import { signOffReviewItems } from "./sign-off-review-items";

databaseForTestFile(openReviewDatabase);
let people: Awaited<ReturnType<typeof personas>>;
beforeAll(async () => {
  people = await personas();
});

const notices = (campaignId: string, kind?: string) =>
  db().notification.findMany({
    where: { href: { startsWith: `/reviews/${campaignId}/` }, ...(kind ? { kind } : {}) },
    orderBy: [{ kind: "asc" }, { userId: "asc" }],
  });

describe("reminders and escalation", () => {
  it("remind reviewers with work left 7 days and 1 day before the due date, escalate when overdue, and never nag those who are done", async () => {
    const { campaign } = await launchTestCampaign(people.casey, { name: "Reminders", recurrence: "none", dueAt: at(10).toISOString() });
    const reviewers = (await db().reviewItem.groupBy({ by: ["reviewerId"], where: { campaignId: campaign.id }, _count: { _all: true } }))
      .map((row) => row.reviewerId as string)
      .sort();
    expect(reviewers).toContain("usr_sam");
    expect(reviewers.length).toBeGreaterThan(2);
    // Launching told each reviewer what they have to do.
    expect((await notices(campaign.id, "review.assigned")).map((notice) => notice.userId).sort()).toEqual(reviewers);

    expect(await sendReviewReminders({ now: at(1) })).toEqual({ reminders: 0, escalations: 0 });
    const week = await sendReviewReminders({ now: at(4) });
    expect(week.reminders).toBe(reviewers.length);
    expect((await notices(campaign.id, "review.due_7d")).map((notice) => notice.userId)).toEqual(reviewers);
    // Again the same day: nothing new.
    expect(await sendReviewReminders({ now: at(4.5) })).toEqual({ reminders: 0, escalations: 0 });

    // Sam finishes: decides everything and signs off. Sam hears nothing more.
    const secret = await enrollTotp(people.sam, at(5));
    await decideReviewItems({ principal: people.sam, campaignId: campaign.id, input: { decision: "certify", filters: {} }, now: at(5) });
    const signAt = new Date(at(5).getTime() + 60_000);
    await signOffReviewItems({ principal: people.sam, campaignId: campaign.id, code: await codeAt(secret, signAt), now: signAt });

    await sendReviewReminders({ now: at(9.5) });
    const dayBefore = (await notices(campaign.id, "review.due_1d")).map((notice) => notice.userId);
    expect(dayBefore).toEqual(reviewers.filter((id) => id !== "usr_sam"));
    expect((await notices(campaign.id, "review.due_1d"))[0]).toMatchObject({
      title: `Access review due tomorrow (${at(10).toISOString().slice(0, 10)})`,
    });

    await sendReviewReminders({ now: at(11) });
    const overdue = (await notices(campaign.id, "review.overdue")).map((notice) => notice.userId);
    expect(overdue).toEqual(reviewers.filter((id) => id !== "usr_sam"));
    const escalations = await notices(campaign.id, "review.escalation");
    const managers = await db().user.findMany({ where: { id: { in: overdue } }, select: { id: true, managerId: true } });
    for (const reviewer of managers) {
      const to = escalations
        .filter((notice) => notice.dedupeKey.includes(`:escalation:${reviewer.id}:`))
        .map((notice) => notice.userId)
        .sort();
      expect(to, reviewer.id).toEqual(
        [...new Set([reviewer.managerId, "usr_casey"].filter((id): id is string => Boolean(id) && id !== reviewer.id))].sort(),
      );
    }
    expect(escalations.some((notice) => notice.dedupeKey.includes(":escalation:usr_sam:"))).toBe(false);
    expect(await sendReviewReminders({ now: at(12) })).toEqual({ reminders: 0, escalations: 0 });
  });

  it("go out by e-mail when SMTP is configured, and stay in-app when it is not", async () => {
    const sent: { to: string; subject: string; text: string }[] = [];
    const mailer: TMailer = {
      send: async (message) => {
        sent.push(message);
      },
    };
    const pendingBefore = await db().notification.count({ where: { emailStatus: "pending" } });
    expect(pendingBefore).toBeGreaterThan(0);
    const first = await deliverNotificationEmails({ client: db(), mailer, publicUrl: "https://custody.example.com", limit: 5 });
    expect(first).toEqual({ sent: 5, failed: 0, skipped: 0 });
    expect(sent[0]).toMatchObject({
      subject: expect.stringMatching(/^\[Custody\] /),
      text: expect.stringContaining("https://custody.example.com/reviews/"),
    });
    const failing: TMailer = {
      send: async () => {
        throw new Error("connection refused");
      },
    };
    expect(await deliverNotificationEmails({ client: db(), mailer: failing, limit: 1 })).toEqual({ sent: 0, failed: 1, skipped: 0 });
    const rest = await deliverNotificationEmails({ client: db(), mailer: null, limit: 1000 });
    expect(rest.skipped).toBe(pendingBefore - 6);
    expect(await db().notification.count({ where: { emailStatus: "pending" } })).toBe(0);
    expect(await db().notification.count({ where: { emailStatus: "failed", emailError: "connection refused" } })).toBe(1);
    expect(await db().notification.count({ where: { emailStatus: "not_configured" } })).toBe(pendingBefore - 6);
  });
});
