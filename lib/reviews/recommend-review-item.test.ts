import { describe, expect, it } from "vitest";
import { chooseReviewer } from "./choose-reviewer";
import { grantActionOfLedgerAction } from "./ledger-usage-action";
import { emptyUsage, recommendReviewItem, type TRecommendationInput } from "./recommend-review-item";
import { nextReviewLaunch, reviewPeriodLabel } from "./review-period";

const now = new Date("2026-11-02T09:00:00.000Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const base = (change: Partial<TRecommendationInput> = {}): TRecommendationInput => ({
  action: "read",
  validFrom: daysAgo(200),
  validUntil: null,
  principalKind: "employee",
  principalDisabled: false,
  engagementEndsAt: null,
  usage: emptyUsage(),
  now,
  ...change,
});

describe("recommendReviewItem", () => {
  it("keeps access used in the last 90 days, saying how often and when", () => {
    const usage = emptyUsage();
    usage.deploy = { lastAt: daysAgo(3).toISOString(), uses90d: 4, uses: 9 };
    expect(recommendReviewItem(base({ action: "deploy", usage }))).toMatchObject({
      recommendation: "keep",
      reason: "Used 4 times in the last 90 days (last on 2026-10-30).",
    });
  });

  it("revokes what was never used, or not in 90 days", () => {
    expect(recommendReviewItem(base())).toMatchObject({
      recommendation: "revoke",
      reason: "Never used since it was granted on 2026-04-16.",
    });
    const usage = emptyUsage();
    usage.read = { lastAt: daysAgo(120).toISOString(), uses90d: 0, uses: 2 };
    expect(recommendReviewItem(base({ usage }))).toMatchObject({
      recommendation: "revoke",
      reason: "Not used in the last 90 days (last on 2026-07-05).",
    });
  });

  it("downgrades a deploy that was never deployed but only read", () => {
    const usage = emptyUsage();
    usage.read = { lastAt: daysAgo(2).toISOString(), uses90d: 12, uses: 40 };
    expect(recommendReviewItem(base({ action: "deploy", usage }))).toMatchObject({
      recommendation: "downgrade",
      recommendedAction: "read",
      reason: "Holds deploy, never used; only read was used (12 times in 90 days) → read.",
    });
  });

  it("shortens a contractor's grant to the end of the engagement, and revokes once it has ended", () => {
    const usage = emptyUsage();
    usage.read = { lastAt: daysAgo(1).toISOString(), uses90d: 3, uses: 3 };
    const ends = new Date(now.getTime() + 20 * 86_400_000);
    expect(recommendReviewItem(base({ principalKind: "contractor", engagementEndsAt: ends, usage }))).toMatchObject({
      recommendation: "shorten_expiry",
      recommendedValidUntil: ends,
      reason: expect.stringMatching(/engagement ends on 2026-11-22, but the grant has no end date/),
    });
    expect(
      recommendReviewItem(base({ principalKind: "contractor", engagementEndsAt: ends, validUntil: daysAgo(-10), usage })).recommendation,
    ).toBe("keep");
    expect(recommendReviewItem(base({ principalKind: "partner", engagementEndsAt: daysAgo(5), usage }))).toMatchObject({
      recommendation: "revoke",
      reason: "The partner's engagement ended on 2026-10-28.",
    });
    expect(recommendReviewItem(base({ principalDisabled: true, usage })).recommendation).toBe("revoke");
  });

  it("does not judge a grant younger than 30 days by its usage", () => {
    expect(recommendReviewItem(base({ validFrom: daysAgo(5) }))).toMatchObject({
      recommendation: "keep",
      reason: "Granted 5 days ago: too recent to judge from usage.",
    });
  });
});

describe("grantActionOfLedgerAction", () => {
  it("maps the sources' actions to the grant they use", () => {
    const cases: Record<string, string | null> = {
      "model_version.download": "read",
      "object.get": "read",
      "model.load": "read",
      "artifact.download": "read",
      "model_version.deploy": "deploy",
      "model_version.create": "register",
      "registered_model.create": "register",
      "model_artifact.upload": "write",
      "object.put": "write",
      "repo.update": "write",
      "model_version.archive": "retire",
      "registered_model.retire": "retire",
      "model_version.stage_transition": null,
      "model_version.scan": null,
      "training_run.complete": null,
      "grant.revoke": null,
      "access_review.sign_off": null,
    };
    for (const [action, expected] of Object.entries(cases)) expect(grantActionOfLedgerAction(action), action).toBe(expected);
  });
});

describe("chooseReviewer", () => {
  const names: Record<string, string> = { owner: "Olive Owner", manager: "Max Manager", fallback: "Fay Fallback", officer: "Casey" };
  const base = {
    rule: ["artifact_owner", "principal_manager"] as const,
    artifactOwnerId: "owner",
    principalManagerId: "manager",
    fallbackId: "fallback",
    campaignOwnerId: "officer",
    selves: new Set<string>(),
    canReview: () => true,
    nameOf: (id: string) => names[id] ?? id,
  };

  it("takes the first step that may review, and says whom it passed over and why", () => {
    expect(chooseReviewer(base)).toEqual({ reviewerId: "owner", step: "artifact_owner", note: null });
    expect(chooseReviewer({ ...base, selves: new Set(["owner"]) })).toEqual({
      reviewerId: "manager",
      step: "principal_manager",
      note: "Passed over Olive Owner (artifact owner): no one reviews their own access.",
    });
    expect(chooseReviewer({ ...base, artifactOwnerId: null, canReview: (id) => id !== "manager" })).toMatchObject({
      reviewerId: "fallback",
      step: "fallback",
    });
    expect(chooseReviewer({ ...base, rule: ["principal_manager", "artifact_owner"] })).toMatchObject({ reviewerId: "manager" });
    expect(chooseReviewer({ ...base, canReview: (id) => id === "officer" })).toMatchObject({
      reviewerId: "officer",
      step: "campaign_owner",
    });
    expect(chooseReviewer({ ...base, canReview: () => false })).toMatchObject({ reviewerId: null, step: "unassigned" });
  });
});

describe("review periods", () => {
  it("steps by calendar months and clamps to the month's end", () => {
    expect(nextReviewLaunch(new Date("2027-01-31T08:00:00Z"), "monthly")).toEqual(new Date("2027-02-28T08:00:00Z"));
    expect(nextReviewLaunch(new Date("2026-11-30T08:00:00Z"), "quarterly")).toEqual(new Date("2027-02-28T08:00:00Z"));
    expect(nextReviewLaunch(new Date("2026-11-02T08:00:00Z"), "yearly")).toEqual(new Date("2027-11-02T08:00:00Z"));
    expect(nextReviewLaunch(new Date("2026-11-02T08:00:00Z"), "none")).toBeNull();
    expect(reviewPeriodLabel(new Date("2027-02-02T08:00:00Z"), "quarterly")).toBe("2027 Q1");
    expect(reviewPeriodLabel(new Date("2027-08-02T08:00:00Z"), "semiannual")).toBe("2027 H2");
  });
});
