import { beforeAll, describe, expect, it } from "vitest";
import { databaseForTestFile } from "@/test/fresh-database";
import { db } from "@/lib/db";
import type { ReviewItem } from "@/lib/generated/prisma/client";
import { decideReviewItem } from "./decide-review-item";
import { decideReviewItems } from "./decide-review-items";
import { at, launchTestCampaign, ledgerEvents, openReviewDatabase, ORG, personas, refused, T0 } from "../../test/kits/review-test-kit";

databaseForTestFile(openReviewDatabase);
let people: Awaited<ReturnType<typeof personas>>;
let campaignId: string;
let samsItems: ReviewItem[];
beforeAll(async () => {
  people = await personas();
  ({
    campaign: { id: campaignId },
  } = await launchTestCampaign(people.casey, {
    recurrence: "none",
    scope: { projectIds: ["prj_factory-inspection", "prj_warehouse-navigation"] },
  }));
  samsItems = await db().reviewItem.findMany({ where: { campaignId, reviewerId: "usr_sam" }, orderBy: { id: "asc" } });
});

const ledgerCount = () => db().ledgerEntry.count({ where: { orgId: ORG } });
const pick = (test: (item: ReviewItem) => boolean) => {
  const found = samsItems.find((item) => test(item) && !used.has(item.id));
  if (!found) throw new Error("no such item for Sam in the demo data");
  used.add(found.id);
  return found;
};
const used = new Set<string>();

describe("deciding an item", () => {
  it("certifies without a justification; every other decision needs one", async () => {
    expect(samsItems.length).toBeGreaterThan(5);
    const certify = pick(() => true);
    const before = await ledgerCount();
    await expect(
      decideReviewItem({ principal: people.sam, itemId: certify.id, input: { decision: "certify" }, now: T0 }),
    ).resolves.toMatchObject({ decision: "certify", justification: null, decidedById: "usr_sam", decidedAt: T0 });
    expect(await ledgerCount()).toBe(before + 1);
    const [event] = (await ledgerEvents("access_review.item.decide")).filter((entry) => entry.details.itemId === certify.id);
    expect(event).toMatchObject({ actor: { id: "usr_sam" }, details: { campaignId, grantId: certify.grantId, decision: "certify" } });

    const revoke = pick(() => true);
    for (const justification of [undefined, "", "too short"]) {
      const error = await refused("INVALID_INPUT", () =>
        decideReviewItem({ principal: people.sam, itemId: revoke.id, input: { decision: "revoke", justification }, now: T0 }),
      );
      expect(error.fieldErrors.map((fieldError) => fieldError.field)).toEqual(["justification"]);
    }
    expect(await ledgerCount()).toBe(before + 1);
    await expect(
      decideReviewItem({
        principal: people.sam,
        itemId: revoke.id,
        input: { decision: "revoke", justification: "Left the line 3 project in September." },
        now: T0,
      }),
    ).resolves.toMatchObject({ decision: "revoke", justification: "Left the line 3 project in September." });
    // Until sign-off the decision can change, and the change is recorded too.
    await decideReviewItem({ principal: people.sam, itemId: revoke.id, input: { decision: "certify" }, now: T0 });
    const changes = (await ledgerEvents("access_review.item.decide")).filter((entry) => entry.details.itemId === revoke.id);
    expect(changes.map((entry) => [entry.details.decision, entry.details.previousDecision ?? null])).toEqual([
      ["revoke", null],
      ["certify", "revoke"],
    ]);
  });

  it("modifies only by narrowing: a lower action, one artifact of a project, an earlier end", async () => {
    const deploy = pick(
      (item) => item.action === "deploy" || item.action === "retire" || item.action === "register" || item.action === "write",
    );
    const justification = "Needs to read the model, not change it.";
    const none = await refused("INVALID_INPUT", () =>
      decideReviewItem({ principal: people.sam, itemId: deploy.id, input: { decision: "modify", justification }, now: T0 }),
    );
    expect(none.fieldErrors[0]?.field).toBe("modifiedAction");
    await refused("INVALID_INPUT", () =>
      decideReviewItem({
        principal: people.sam,
        itemId: deploy.id,
        input: { decision: "modify", justification, modifiedAction: "retire" },
        now: T0,
      }),
    );
    await refused("INVALID_INPUT", () =>
      decideReviewItem({
        principal: people.sam,
        itemId: deploy.id,
        input: { decision: "modify", justification, modifiedValidUntil: at(-1).toISOString() },
        now: T0,
      }),
    );
    await expect(
      decideReviewItem({
        principal: people.sam,
        itemId: deploy.id,
        input: { decision: "modify", justification, modifiedAction: "read", modifiedValidUntil: at(30).toISOString() },
        now: T0,
      }),
    ).resolves.toMatchObject({ decision: "modify", modifiedAction: "read", modifiedValidUntil: at(30) });

    const project = await db().reviewItem.findFirst({
      where: { campaignId, scopeType: "project", reviewerId: { not: null }, principalType: { not: "user" } },
    });
    if (project?.reviewerId) {
      const reviewer = project.reviewerId === "usr_casey" ? people.casey : null;
      if (reviewer) {
        await refused("INVALID_INPUT", () =>
          decideReviewItem({
            principal: reviewer,
            itemId: project.id,
            input: { decision: "modify", justification, modifiedArtifactId: "art_support-intent-classifier" },
            now: T0,
          }),
        );
        const artifact = await db().artifact.findFirstOrThrow({ where: { projectId: project.projectId, retiredAt: null } });
        await expect(
          decideReviewItem({
            principal: reviewer,
            itemId: project.id,
            input: { decision: "modify", justification, modifiedArtifactId: artifact.id },
            now: T0,
          }),
        ).resolves.toMatchObject({ modifiedArtifactId: artifact.id });
      }
    }
  });

  it("accepts a risk only with a compensating control, an owner and an expiry within a year", async () => {
    const item = pick(() => true);
    const justification = "Needed for the line 3 rollout until the new pipeline takes over.";
    // A full risk acceptance but for its owner and expiry, which each case below varies.
    const acceptRisk = ({ riskOwnerId, riskExpiresAt }: { riskOwnerId: string; riskExpiresAt: string }) =>
      decideReviewItem({
        principal: people.sam,
        itemId: item.id,
        now: T0,
        input: {
          decision: "accept_risk",
          justification,
          compensatingControl: "Weekly review of the deploy log by the team lead.",
          riskOwnerId,
          riskExpiresAt,
        },
      });
    const missing = await refused("INVALID_INPUT", () =>
      decideReviewItem({ principal: people.sam, itemId: item.id, input: { decision: "accept_risk", justification }, now: T0 }),
    );
    expect(missing.fieldErrors.map((fieldError) => fieldError.field).sort()).toEqual([
      "compensatingControl",
      "riskExpiresAt",
      "riskOwnerId",
    ]);
    const tooLong = await refused("INVALID_INPUT", () => acceptRisk({ riskOwnerId: "usr_sam", riskExpiresAt: at(400).toISOString() }));
    expect(tooLong.fieldErrors).toEqual([{ field: "riskExpiresAt", message: "A risk acceptance expires within one year." }]);
    if (item.principalType === "user") {
      const own = await refused("INVALID_INPUT", () => acceptRisk({ riskOwnerId: item.principalId, riskExpiresAt: at(90).toISOString() }));
      expect(own.fieldErrors[0]?.field).toBe("riskOwnerId");
    }
    await expect(acceptRisk({ riskOwnerId: "usr_sam", riskExpiresAt: at(90).toISOString() })).resolves.toMatchObject({
      decision: "accept_risk",
      riskOwnerId: "usr_sam",
      riskExpiresAt: at(90),
      compensatingControl: "Weekly review of the deploy log by the team lead.",
    });
  });

  it("is for the item's reviewer only: others get not found or forbidden, and their own access is never theirs to decide", async () => {
    const item = pick(() => true);
    await refused("NOT_FOUND", () =>
      decideReviewItem({ principal: people.riley, itemId: item.id, input: { decision: "certify" }, now: T0 }),
    );
    await refused("FORBIDDEN", () =>
      decideReviewItem({ principal: people.casey, itemId: item.id, input: { decision: "certify" }, now: T0 }),
    );
    await refused("FORBIDDEN", () =>
      decideReviewItem({ principal: people.avery, itemId: item.id, input: { decision: "certify" }, now: T0 }),
    );
    const samsOwn = await db().reviewItem.findFirstOrThrow({ where: { campaignId, principalId: "usr_sam" } });
    expect(samsOwn.reviewerId).not.toBe("usr_sam");
    // Not assigned to Sam, and Sam sees only his own items: to him it does not exist.
    await refused("NOT_FOUND", () =>
      decideReviewItem({ principal: people.sam, itemId: samsOwn.id, input: { decision: "certify" }, now: T0 }),
    );
  });
});

describe("bulk decisions", () => {
  it("revoke every item of a filtered selection (never-used deploy grants), each in the ledger, and nothing else", async () => {
    const filters = { action: "deploy", usage: "never" };
    const selection = samsItems.filter((item) => item.action === "deploy" && item.lastUsedAt === null && !used.has(item.id));
    expect(selection.length).toBeGreaterThan(0);
    const others = await db().reviewItem.findMany({
      where: {
        campaignId,
        reviewerId: "usr_sam",
        id: { notIn: selection.map((item) => item.id) },
        NOT: { action: "deploy", lastUsedAt: null },
      },
      orderBy: { id: "asc" },
    });
    await refused("INVALID_INPUT", () =>
      decideReviewItems({ principal: people.sam, campaignId, input: { decision: "revoke", filters }, now: T0 }),
    );
    await refused("INVALID_INPUT", () =>
      decideReviewItems({
        principal: people.sam,
        campaignId,
        input: { decision: "modify", justification: "Bulk modify is not a thing.", filters },
        now: T0,
      }),
    );

    const before = await ledgerCount();
    const result = await decideReviewItems({
      principal: people.sam,
      campaignId,
      input: { decision: "revoke", justification: "Deploy grants never used: deployment goes through the pipeline.", filters },
      now: T0,
    });
    // Items Sam already decided are part of the selection too, unless signed.
    const alreadyDecided = samsItems.filter((item) => item.action === "deploy" && item.lastUsedAt === null && used.has(item.id)).length;
    expect(result).toEqual({ decided: selection.length + alreadyDecided, skipped: 0 });
    expect(await ledgerCount()).toBe(before + result.decided);
    const after = await db().reviewItem.findMany({ where: { id: { in: selection.map((item) => item.id) } } });
    expect(after.every((item) => item.decision === "revoke" && item.justification?.startsWith("Deploy grants never used"))).toBe(true);
    const untouched = await db().reviewItem.findMany({ where: { id: { in: others.map((item) => item.id) } }, orderBy: { id: "asc" } });
    expect(untouched.map((item) => item.decision)).toEqual(others.map((item) => item.decision));
    const events = (await ledgerEvents("access_review.item.decide")).filter(
      (entry) => (entry.details.bulk as object | undefined) !== undefined,
    );
    expect(events).toHaveLength(result.decided);
    expect(events[0]?.details).toMatchObject({ decision: "revoke", bulk: { filters: { action: "deploy", usage: "never" } } });
  });

  it("touch only the caller's items: another reviewer's bulk leaves Sam's alone", async () => {
    const before = await db().reviewItem.findMany({ where: { campaignId, reviewerId: "usr_sam" }, orderBy: { id: "asc" } });
    await decideReviewItems({ principal: people.casey, campaignId, input: { decision: "certify", filters: {} }, now: T0 });
    expect(await db().reviewItem.findMany({ where: { campaignId, reviewerId: "usr_sam" }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await db().reviewItem.count({ where: { campaignId, reviewerId: "usr_casey", decision: null } })).toBe(0);
  });
});
