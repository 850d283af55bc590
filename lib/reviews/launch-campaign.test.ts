import { beforeAll, describe, expect, it } from "vitest";
import { databaseForTestFile } from "@/test/fresh-database";
import type { TPrincipal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { createCampaign } from "./create-campaign";
import { launchCampaign } from "./launch-campaign";
import { launchDueRecurrences } from "./launch-due-recurrences";
import { reassignReviewItems } from "./reassign-review-items";
import { at, launchTestCampaign, ledgerEvents, openReviewDatabase, personas, refused, T0 } from "../../test/kits/review-test-kit";

databaseForTestFile(openReviewDatabase);
let people: Awaited<ReturnType<typeof personas>>;
beforeAll(async () => {
  people = await personas();
});

/** The grants of the factory-inspection project (its own and its artifacts') in force at `now`. */
const factoryGrants = (now: Date) =>
  db().grant.findMany({
    where: {
      orgId: "org_demo",
      revokedAt: null,
      OR: [{ validUntil: null }, { validUntil: { gt: now } }],
      AND: [{ OR: [{ projectId: "prj_factory-inspection" }, { artifact: { projectId: "prj_factory-inspection" } }] }],
    },
    select: { id: true },
  });

describe("launching a campaign", () => {
  it("is for compliance officers; a draft snapshots nothing until launched", async () => {
    await refused("FORBIDDEN", () => createCampaign({ principal: people.sam, input: {}, now: T0 }));
    const shape = await refused("INVALID_INPUT", () =>
      createCampaign({ principal: people.casey, input: { name: "x", dueAt: "soon", recurrence: "weekly" }, now: T0 }),
    );
    expect(shape.fieldErrors.map((fieldError) => fieldError.field).sort()).toEqual(["dueAt", "fallbackReviewerId", "name", "recurrence"]);
    // A due date in the past; an auditor only reads, so cannot be the fallback reviewer.
    const rules = await refused("INVALID_INPUT", () =>
      createCampaign({
        principal: people.casey,
        input: { name: "Audit", fallbackReviewerId: "usr_avery", dueAt: at(-1).toISOString() },
        now: T0,
      }),
    );
    expect(rules.fieldErrors.map((fieldError) => fieldError.field).sort()).toEqual(["dueAt", "fallbackReviewerId"]);
    expect(rules.fieldErrors.find((fieldError) => fieldError.field === "fallbackReviewerId")?.message).toMatch(/auditors only read/);
    const draft = await createCampaign({
      principal: people.casey,
      input: { name: "Draft only", fallbackReviewerId: "usr_casey", dueAt: at(10).toISOString() },
      now: T0,
    });
    expect(draft).toMatchObject({
      status: "draft",
      recurrence: "quarterly",
      silence: "keep",
      seriesId: draft.id,
      reviewerRule: ["artifact_owner", "principal_manager"],
    });
    expect(await db().reviewItem.count({ where: { campaignId: draft.id } })).toBe(0);
    await refused("FORBIDDEN", () => launchCampaign({ principal: people.sam, campaignId: draft.id, now: T0 }));
  });

  it("snapshots exactly the grants in scope, and the snapshot never changes afterwards", async () => {
    const inScope = await factoryGrants(T0);
    const { campaign, launch } = await launchTestCampaign(people.casey, { recurrence: "none" });
    expect(launch.items).toBe(inScope.length);
    const items = await db().reviewItem.findMany({ where: { campaignId: campaign.id }, orderBy: { grantId: "asc" } });
    expect(items.map((item) => item.grantId).sort()).toEqual(inScope.map((grant) => grant.id).sort());
    const [launched] = (await ledgerEvents("access_review.campaign.launch")).filter((event) => event.details.campaignId === campaign.id);
    expect(launched?.details).toMatchObject({ items: inScope.length, snapshotDigest: launch.snapshotDigest });
    expect((launched?.details.grantIds as string[]).sort()).toEqual(inScope.map((grant) => grant.id).sort());

    // A grant created later is not silently added; a grant changed later does not change its item.
    const sample = items.find((item) => item.principalType === "user" && item.scopeType === "artifact")!;
    await db().grant.create({
      data: {
        orgId: "org_demo",
        principalType: "user",
        userId: "usr_jordan",
        artifactId: sample.scopeId,
        action: "read",
        origin: "request",
        justification: "Added after the launch.",
        validFrom: at(1),
      },
    });
    await db().grant.update({ where: { id: sample.grantId }, data: { validUntil: at(3), justification: "Changed after the launch." } });
    expect(await db().reviewItem.count({ where: { campaignId: campaign.id } })).toBe(items.length);
    expect(await db().reviewItem.findUniqueOrThrow({ where: { id: sample.id } })).toMatchObject({
      grantValidUntil: sample.grantValidUntil,
      grantJustification: sample.grantJustification,
    });

    // The database itself refuses to rewrite or delete the snapshot.
    await expect(db().reviewItem.update({ where: { id: sample.id }, data: { principalName: "Someone else" } })).rejects.toThrow(
      /cannot change after launch/,
    );
    await expect(db().reviewItem.update({ where: { id: sample.id }, data: { recommendation: "keep", uses90d: 99 } })).rejects.toThrow(
      /cannot change after launch/,
    );
    await expect(db().reviewItem.delete({ where: { id: sample.id } })).rejects.toThrow(/never deleted/);
    await refused("CONFLICT", () => launchCampaign({ principal: people.casey, campaignId: campaign.id, now: T0 }));
  });
});

describe("the reviewer rule", () => {
  it("asks the artifact owner, then the principal's manager, then the fallback; nobody reviews their own access", async () => {
    const { campaign } = await launchTestCampaign(people.casey, { name: "Owner first", recurrence: "none" });
    const items = await db().reviewItem.findMany({
      where: { campaignId: campaign.id },
      include: { grant: { include: { artifact: true, user: true, serviceAccount: true, group: { include: { members: true } } } } },
    });
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) {
      const { grant } = item;
      // No self-review, for people and for the members of a group.
      if (grant.userId) expect(item.reviewerId, item.id).not.toBe(grant.userId);
      if (grant.group) expect(grant.group.members.map((member) => member.userId)).not.toContain(item.reviewerId);
      if (grant.artifact && grant.artifact.ownerId !== grant.userId) {
        expect(item, item.id).toMatchObject({ reviewerStep: "artifact_owner", reviewerId: grant.artifact.ownerId });
      }
      if (grant.artifact && grant.userId && grant.artifact.ownerId === grant.userId) {
        expect(item, item.id).toMatchObject({ reviewerStep: "principal_manager", reviewerId: grant.user!.managerId });
        expect(item.reviewerNote).toMatch(/no one reviews their own access/);
      }
      // A service account's manager is its owner, when the owner may review; else the fallback.
      if (!grant.artifact && grant.serviceAccount) {
        const owner = await db().user.findUniqueOrThrow({ where: { id: grant.serviceAccount.ownerId } });
        const ownerReviews =
          !owner.disabledAt &&
          owner.roles.some((role) => ["admin", "compliance_officer", "incident_responder", "manager", "engineer"].includes(role));
        expect(item, item.id).toMatchObject(
          ownerReviews
            ? { reviewerStep: "principal_manager", reviewerId: owner.id }
            : { reviewerStep: "fallback", reviewerId: "usr_casey", reviewerNote: expect.stringMatching(/without a reviewer role/) },
        );
      }
      if (!grant.artifact && grant.group) expect(item).toMatchObject({ reviewerStep: "fallback", reviewerId: "usr_casey" });
    }
    // Sam's own project-wide grant goes past Sam to Sam's manager.
    const samsOwn = items.find((item) => item.principalId === "usr_sam" && item.scopeType === "project")!;
    const sam = await db().user.findUniqueOrThrow({ where: { id: "usr_sam" } });
    expect(samsOwn).toMatchObject({ reviewerStep: "principal_manager", reviewerId: sam.managerId });
    // Jordan owns artifacts and holds access on one of them: that item goes to Jordan's manager, Sam.
    const jordansOwn = items.find((item) => item.principalId === "usr_jordan" && item.grant.artifact?.ownerId === "usr_jordan");
    expect(jordansOwn).toMatchObject({ reviewerId: "usr_sam", reviewerStep: "principal_manager" });
  });

  it("can ask the manager first; reassignment and delegation need a reason and never go to the holder", async () => {
    const { campaign } = await launchTestCampaign(people.casey, {
      name: "Managers first",
      recurrence: "none",
      reviewerRule: ["principal_manager", "artifact_owner"],
    });
    const jordanItems = await db().reviewItem.findMany({ where: { campaignId: campaign.id, principalId: "usr_jordan" } });
    expect(jordanItems.length).toBeGreaterThan(0);
    expect(jordanItems.every((item) => item.reviewerId === "usr_sam" && item.reviewerStep === "principal_manager")).toBe(true);

    const item = jordanItems[0]!;
    const selfReview = await refused("INVALID_INPUT", () =>
      reassignReviewItems({
        principal: people.casey,
        campaignId: campaign.id,
        input: { itemIds: [item.id], toUserId: "usr_jordan", reason: "Jordan knows this model best." },
        now: T0,
      }),
    );
    expect(selfReview.message).toMatch(/no one reviews their own access/);
    await refused("INVALID_INPUT", () =>
      reassignReviewItems({
        principal: people.sam,
        campaignId: campaign.id,
        input: { itemIds: [item.id], toUserId: "usr_riley", reason: "short" },
        now: T0,
      }),
    );
    // Jordan may not hand away Sam's items.
    const jordan = people.jordan as TPrincipal;
    await refused("FORBIDDEN", () =>
      reassignReviewItems({
        principal: jordan,
        campaignId: campaign.id,
        input: { itemIds: [item.id], toUserId: "usr_riley", reason: "Not my review to give away." },
        now: T0,
      }),
    );

    await expect(
      reassignReviewItems({
        principal: people.sam,
        campaignId: campaign.id,
        input: { itemIds: [item.id], toUserId: "usr_riley", reason: "On leave until the due date; Riley covers." },
        now: T0,
      }),
    ).resolves.toEqual({ moved: 1, mode: "delegate" });
    expect(await db().reviewItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      reviewerId: "usr_riley",
      reviewerStep: "delegated",
      reviewerNote: expect.stringContaining("Riley covers"),
    });
    const [delegated] = (await ledgerEvents("access_review.item.delegate")).filter((event) => event.details.itemId === item.id);
    expect(delegated).toMatchObject({
      actor: { id: "usr_sam" },
      details: { from: "usr_sam", to: { id: "usr_riley" }, reason: "On leave until the due date; Riley covers." },
    });
    await expect(
      reassignReviewItems({
        principal: people.casey,
        campaignId: campaign.id,
        input: { itemIds: [item.id], toUserId: "usr_sam", reason: "Back from leave early." },
        now: T0,
      }),
    ).resolves.toEqual({ moved: 1, mode: "reassign" });
  });
});

describe("recurrence", () => {
  it("launches the next instance itself when its time comes, once, with a fresh snapshot", async () => {
    const { campaign } = await launchTestCampaign(people.casey, {
      name: "Quarterly factory review",
      recurrence: "quarterly",
      silence: "revoke",
    });
    const first = await db().reviewCampaign.findUniqueOrThrow({ where: { id: campaign.id } });
    expect(first.nextLaunchAt).toEqual(new Date("2027-02-02T09:00:00.000Z"));
    expect(await launchDueRecurrences({ now: at(60) })).toEqual([]);

    // Access granted between the two instances appears in the second only.
    const later = await db().grant.create({
      data: {
        orgId: "org_demo",
        principalType: "user",
        userId: "usr_taylor",
        projectId: "prj_factory-inspection",
        action: "read",
        origin: "request",
        justification: "Granted between two reviews.",
        validFrom: at(70),
      },
    });
    const launched = await launchDueRecurrences({ now: new Date("2027-02-02T10:00:00.000Z") });
    const mine = launched.filter((result) => result.campaignId !== campaign.id);
    const second = await db().reviewCampaign.findFirstOrThrow({ where: { previousId: campaign.id } });
    expect(mine.map((result) => result.campaignId)).toContain(second.id);
    expect(second).toMatchObject({
      status: "active",
      instance: 2,
      seriesId: campaign.id,
      name: campaign.name,
      silence: "revoke",
      recurrence: "quarterly",
      scope: first.scope,
      launchedAt: new Date("2027-02-02T10:00:00.000Z"),
      // As long to review as the first instance had, counted from the actual launch.
      dueAt: new Date("2027-02-23T10:00:00.000Z"),
      nextLaunchAt: new Date("2027-05-02T09:00:00.000Z"),
    });
    expect(await db().reviewItem.count({ where: { campaignId: second.id, grantId: later.id } })).toBe(1);
    expect(await db().reviewItem.count({ where: { campaignId: campaign.id, grantId: later.id } })).toBe(0);
    const [event] = (await ledgerEvents("access_review.campaign.launch")).filter((entry) => entry.details.campaignId === second.id);
    expect(event?.actor.id).toBe("custody-reviews");

    // Running again (another process, the next tick) launches nothing more.
    expect(
      (await launchDueRecurrences({ now: new Date("2027-02-02T11:00:00.000Z") })).filter(
        (result) => result.campaignId === second.id || result.campaignId === campaign.id,
      ),
    ).toEqual([]);
    expect(await db().reviewCampaign.count({ where: { seriesId: campaign.id } })).toBe(2);
  });
});
