import { beforeAll, describe, expect, it } from "vitest";
import { databaseForTestFile } from "@/test/fresh-database";
import { confirmTotpEnrollment } from "@/lib/auth/totp/confirm-totp-enrollment";
import { startTotpEnrollment } from "@/lib/auth/totp/start-totp-enrollment";
import { verifyStepUp } from "@/lib/auth/totp/verify-step-up";
import { db } from "@/lib/db";
import { closeCampaign } from "./close-campaign";
import { decideReviewItem } from "./decide-review-item";
import { decideReviewItems } from "./decide-review-items";
import { exportCampaign } from "./export-campaign";
import { getCampaignProgress } from "./get-campaign-progress";
import { openExpiredRiskAcceptances } from "./open-expired-risk-acceptances";
import { at, codeAt, launchTestCampaign, ledgerEvents, openReviewDatabase, personas, refused, T0 } from "../../test/kits/review-test-kit";
import { signOffReviewItems } from "./sign-off-review-items";

let people: Awaited<ReturnType<typeof personas>>;
let secret: string;
const MINUTE = 60_000;
const later = (minutes: number, from = T0) => new Date(from.getTime() + minutes * MINUTE);

databaseForTestFile(openReviewDatabase);
beforeAll(async () => {
  people = await personas();
});

describe("TOTP enrolment and step-up", () => {
  it("enrols with a code from the app, and verifies each code once, on the server", async () => {
    const { secret: fresh, otpauthUri, qrDataUrl } = await startTotpEnrollment({ principal: people.sam, now: T0 });
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Custody:sam\.patel%40acme-robotics\.example\?secret=[A-Z2-7]+&issuer=Custody$/);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const stored = await db().totpCredential.findUniqueOrThrow({ where: { userId: "usr_sam" } });
    expect(stored.secretCiphertext).not.toContain(fresh);
    await refused("INVALID_INPUT", () => confirmTotpEnrollment({ principal: people.sam, code: "000000", now: T0 }));
    await confirmTotpEnrollment({ principal: people.sam, code: await codeAt(fresh, T0), now: T0 });
    secret = fresh;
    // The enrolment's code cannot be replayed for a step-up.
    const enrolmentCode = await codeAt(fresh, T0);
    await refused("INVALID_INPUT", () => verifyStepUp({ principal: people.sam, code: enrolmentCode, purpose: "test", now: T0 }));
    await refused("INVALID_INPUT", () => startTotpEnrollment({ principal: people.sam, now: T0 }));
    // Every code check is recorded, the refused one too (lib/auth/totp/check-code-with-lockout).
    expect((await ledgerEvents("auth.totp.enroll")).map((event) => `${event.actor.id} ${event.outcome.status}`)).toEqual([
      "usr_sam failure",
      "usr_sam success",
    ]);
  });
});

describe("signing off", () => {
  it("needs a TOTP code verified within the last 5 minutes, then applies every decision to the grants at once", async () => {
    const { campaign } = await launchTestCampaign(people.casey, { name: "Sign-off", recurrence: "none" });
    const items = await db().reviewItem.findMany({
      where: { campaignId: campaign.id, reviewerId: "usr_sam" },
      include: { grant: true },
      orderBy: { id: "asc" },
    });
    const active = items.filter((item) => !item.grant.revokedAt && item.grant.validFrom <= T0);
    expect(active.length).toBeGreaterThanOrEqual(5);
    const [toRevoke, toModify, toAccept, toCertify, ...rest] = active as [
      (typeof items)[0],
      (typeof items)[0],
      (typeof items)[0],
      (typeof items)[0],
      ...typeof items,
    ];
    const now = later(10);
    await refused("CONFLICT", () => signOffReviewItems({ principal: people.sam, campaignId: campaign.id, now }));
    await decideReviewItem({
      principal: people.sam,
      itemId: toRevoke.id,
      input: { decision: "revoke", justification: "Not on the vision team any more." },
      now,
    });
    const lower = toModify.action === "read" ? undefined : "read";
    await decideReviewItem({
      principal: people.sam,
      itemId: toModify.id,
      now,
      input: {
        decision: "modify",
        justification: "Keeps the access for one more month only.",
        modifiedAction: lower,
        modifiedValidUntil: at(30).toISOString(),
      },
    });
    await decideReviewItem({
      principal: people.sam,
      itemId: toAccept.id,
      now,
      input: {
        decision: "accept_risk",
        justification: "Critical for the Q1 launch; no replacement yet.",
        compensatingControl: "Deploy log reviewed weekly by the team lead.",
        riskOwnerId: "usr_sam",
        riskExpiresAt: at(60).toISOString(),
      },
    });
    await decideReviewItem({ principal: people.sam, itemId: toCertify.id, input: { decision: "certify" }, now });

    // No second factor yet; a wrong code; a code verified more than 5 minutes ago: all refused, nothing applied.
    await refused("FORBIDDEN", () => signOffReviewItems({ principal: people.sam, campaignId: campaign.id, now }));
    await refused("INVALID_INPUT", () => signOffReviewItems({ principal: people.sam, campaignId: campaign.id, code: "123456", now }));
    await verifyStepUp({ principal: people.sam, code: await codeAt(secret, now), purpose: "test", now });
    await refused("FORBIDDEN", () => signOffReviewItems({ principal: people.sam, campaignId: campaign.id, now: later(6, now) }));
    // Another session of the same person does not inherit the verification.
    await refused("FORBIDDEN", () =>
      signOffReviewItems({ principal: { ...people.sam, sessionId: "another-session" }, campaignId: campaign.id, now: later(1, now) }),
    );
    expect(await db().reviewItem.count({ where: { campaignId: campaign.id, signOffId: { not: null } } })).toBe(0);
    expect(await db().grant.findUniqueOrThrow({ where: { id: toRevoke.grantId } })).toMatchObject({ revokedAt: null });
    // A used code is not accepted twice.
    const usedCode = await codeAt(secret, now);
    await refused("INVALID_INPUT", () =>
      signOffReviewItems({ principal: people.sam, campaignId: campaign.id, code: usedCode, now: later(1, now) }),
    );

    const signAt = later(2, now);
    const result = await signOffReviewItems({
      principal: people.sam,
      campaignId: campaign.id,
      code: await codeAt(secret, signAt),
      now: signAt,
    });
    expect(result).toMatchObject({ items: 4, outcomes: { revoked: 1, modified: 1, exception_granted: 1, kept: 1 } });
    expect(result.digest).toMatch(/^[0-9a-f]{64}$/);

    const revoked = await db().grant.findUniqueOrThrow({ where: { id: toRevoke.grantId } });
    expect(revoked).toMatchObject({
      revokedAt: signAt,
      revokedById: "usr_sam",
      revokeReason: expect.stringMatching(/^Access review "Sign-off" \(item .+\): revoked\. Not on the vision team/),
    });
    const modified = await db().reviewItem.findUniqueOrThrow({ where: { id: toModify.id } });
    expect(modified).toMatchObject({ outcome: "modified", signOffId: result.signOffId });
    const replacement = await db().grant.findUniqueOrThrow({ where: { id: modified.resultingGrantId! } });
    expect(replacement).toMatchObject({
      action: lower ?? toModify.action,
      origin: toModify.origin,
      validFrom: signAt,
      validUntil: at(30),
      grantedById: "usr_sam",
      justification: expect.stringMatching(/^Access review "Sign-off"/),
    });
    expect(await db().grant.findUniqueOrThrow({ where: { id: toModify.grantId } })).toMatchObject({ revokedAt: signAt });
    const accepted = await db().reviewItem.findUniqueOrThrow({ where: { id: toAccept.id } });
    const exception = await db().grant.findUniqueOrThrow({ where: { id: accepted.resultingGrantId! } });
    expect(exception).toMatchObject({
      origin: "review_exception",
      validFrom: signAt,
      justification: expect.stringMatching(/Compensating control: Deploy log reviewed weekly/),
    });
    expect(exception.validUntil!.getTime()).toBeLessThanOrEqual(at(60).getTime());
    expect(await db().grant.findUniqueOrThrow({ where: { id: toCertify.grantId } })).toEqual(toCertify.grant);

    // Every effect is in the ledger with the review as its origin, beside the sign-off itself.
    const signOff = (await ledgerEvents("access_review.sign_off")).find((event) => event.details.campaignId === campaign.id);
    expect(signOff?.details).toMatchObject({ digest: result.digest, items: 4, stepUp: { method: "totp" } });
    const grantEvents = [...(await ledgerEvents("grant.revoke")), ...(await ledgerEvents("grant.create"))].filter(
      (event) => (event.details.origin as { campaignId?: string } | undefined)?.campaignId === campaign.id,
    );
    expect(grantEvents.map((event) => [event.action, event.details.grantId]).sort()).toEqual(
      [
        ["grant.create", exception.id],
        ["grant.create", replacement.id],
        ["grant.revoke", toAccept.grantId],
        ["grant.revoke", toModify.grantId],
        ["grant.revoke", toRevoke.grantId],
      ].sort(),
    );
    expect(grantEvents.every((event) => (event.details.origin as { signOffId?: string }).signOffId === result.signOffId)).toBe(true);

    // Signed items are final.
    await refused("CONFLICT", () =>
      decideReviewItem({ principal: people.sam, itemId: toRevoke.id, input: { decision: "certify" }, now: signAt }),
    );
    await expect(db().reviewItem.update({ where: { id: toRevoke.id }, data: { decision: "certify" } })).rejects.toThrow(
      /settled and read-only/,
    );
    expect(rest.length).toBeGreaterThan(0);
  });
});

describe("closing a campaign", () => {
  it("keeps unanswered access when silence means keep, and the campaign becomes read-only", async () => {
    const { campaign } = await launchTestCampaign(people.casey, {
      name: "Silence keeps",
      recurrence: "none",
      silence: "keep",
      scope: { projectIds: ["prj_warehouse-navigation"] },
    });
    const items = await db().reviewItem.findMany({ where: { campaignId: campaign.id } });
    await refused("FORBIDDEN", () => closeCampaign({ principal: people.sam, campaignId: campaign.id, now: at(22) }));
    const result = await closeCampaign({ principal: people.casey, campaignId: campaign.id, now: at(22) });
    expect(result).toEqual({ unanswered: items.length, outcomes: { silence_kept: items.length } });
    const grants = await db().grant.findMany({ where: { id: { in: items.map((item) => item.grantId) } } });
    expect(grants.filter((grant) => grant.revokedAt && grant.revokedAt >= T0)).toEqual([]);
    expect(await db().reviewCampaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({
      status: "closed",
      closedById: "usr_casey",
      closedAt: at(22),
    });
    await refused("CONFLICT", () => closeCampaign({ principal: people.casey, campaignId: campaign.id, now: at(23) }));
    await refused("CONFLICT", () =>
      decideReviewItems({ principal: people.sam, campaignId: campaign.id, input: { decision: "certify" }, now: at(23) }),
    );
    await expect(db().reviewCampaign.update({ where: { id: campaign.id }, data: { name: "Renamed" } })).rejects.toThrow(
      /closed and read-only/,
    );
  });

  it("revokes unanswered access at once when silence means revoke; a decision never signed counts as no answer", async () => {
    const { campaign } = await launchTestCampaign(people.casey, {
      name: "Silence revokes",
      recurrence: "none",
      silence: "revoke",
      scope: { projectIds: ["prj_warehouse-navigation"] },
    });
    const items = await db().reviewItem.findMany({ where: { campaignId: campaign.id }, include: { grant: true } });
    const samsItem = items.find((item) => item.reviewerId === "usr_sam")!;
    await decideReviewItem({ principal: people.sam, itemId: samsItem.id, input: { decision: "certify" }, now: at(1) });
    const closeAt = at(22);
    const live = items.filter((item) => !item.grant.revokedAt && (!item.grant.validUntil || item.grant.validUntil > closeAt));
    const result = await closeCampaign({ principal: people.casey, campaignId: campaign.id, now: closeAt });
    expect(result.unanswered).toBe(items.length);
    expect(result.outcomes.silence_revoked).toBe(live.length);
    const after = await db().grant.findMany({ where: { id: { in: live.map((item) => item.grantId) } } });
    expect(
      after.every((grant) => grant.revokedAt?.getTime() === closeAt.getTime() && grant.revokeReason?.includes("silence means revoke")),
    ).toBe(true);
    expect(await db().reviewItem.findUniqueOrThrow({ where: { id: samsItem.id } })).toMatchObject({
      outcome: "silence_revoked",
      outcomeNote: expect.stringMatching(/decided \(certify\) but never signed off/),
    });
    const close = (await ledgerEvents("access_review.campaign.close")).find((event) => event.details.campaignId === campaign.id);
    expect((close?.details.revokedGrantIds as string[]).sort()).toEqual(live.map((item) => item.grantId).sort());
    const revocations = (await ledgerEvents("grant.revoke")).filter(
      (event) => (event.details.origin as { campaignId?: string } | undefined)?.campaignId === campaign.id,
    );
    expect(revocations).toHaveLength(live.length);
    // The progress page counts Sam's unsigned certification as no answer, as the close did.
    const progress = await getCampaignProgress({ principal: people.casey, campaignId: campaign.id, now: closeAt });
    const count = (kind: string) => progress.decisions.find((row) => row.kind === kind)?.count ?? 0;
    expect([count("certify"), count("undecided"), count("silence_revoked"), count("grant_unavailable")]).toEqual([
      0,
      0,
      live.length,
      items.length - live.length,
    ]);
    expect(progress.reviewers.find((reviewer) => reviewer.id === "usr_sam")).toMatchObject({
      decided: 1,
      signed: 0,
      left: 0,
      unanswered: items.filter((item) => item.reviewerId === "usr_sam").length,
    });
  });
});

describe("risk acceptances", () => {
  it("become exceptions that reopen review when they expire (controllable clock)", async () => {
    const { campaign } = await launchTestCampaign(people.casey, {
      name: "Risk expiry",
      recurrence: "none",
      scope: { projectIds: ["prj_factory-inspection"] },
    });
    const item = await db().reviewItem.findFirstOrThrow({
      where: {
        campaignId: campaign.id,
        reviewerId: "usr_sam",
        grant: { revokedAt: null, validFrom: { lte: T0 }, OR: [{ validUntil: null }, { validUntil: { gt: at(60) } }] },
      },
    });
    const decideAt = at(1);
    await decideReviewItem({
      principal: people.sam,
      itemId: item.id,
      now: decideAt,
      input: {
        decision: "accept_risk",
        justification: "Needed until the migration completes.",
        compensatingControl: "Access logged and reviewed weekly.",
        riskOwnerId: "usr_sam",
        riskExpiresAt: at(31).toISOString(),
      },
    });
    await signOffReviewItems({ principal: people.sam, campaignId: campaign.id, code: await codeAt(secret, decideAt), now: decideAt });
    const accepted = await db().reviewItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(accepted).toMatchObject({ outcome: "exception_granted", followUpOpenedAt: null });
    await closeCampaign({ principal: people.casey, campaignId: campaign.id, now: at(22) });

    expect(await openExpiredRiskAcceptances({ now: at(30) })).toEqual({ opened: 0, campaigns: [] });
    const opened = await openExpiredRiskAcceptances({ now: at(32) });
    expect(opened.opened).toBe(1);
    const followUp = await db().reviewCampaign.findUniqueOrThrow({ where: { id: opened.campaigns[0]! } });
    expect(followUp).toMatchObject({
      kind: "exception_followup",
      status: "active",
      sourceCampaignId: campaign.id,
      name: `Expired risk acceptances · ${campaign.name}`,
      dueAt: at(46),
    });
    const reopened = await db().reviewItem.findFirstOrThrow({ where: { campaignId: followUp.id } });
    expect(reopened).toMatchObject({
      grantId: accepted.resultingGrantId,
      openedBy: "exception_expired",
      sourceItemId: item.id,
      origin: "review_exception",
      reviewerId: item.reviewerId,
      recommendationReason: expect.stringMatching(/^Risk acceptance expired on/),
    });
    // The closed campaign's item records that review reopened, and nothing else about it changed.
    expect(await db().reviewItem.findUniqueOrThrow({ where: { id: item.id } })).toEqual({ ...accepted, followUpOpenedAt: at(32) });
    expect(await openExpiredRiskAcceptances({ now: at(33) })).toEqual({ opened: 0, campaigns: [] });
    const [openEvent] = (await ledgerEvents("access_review.item.open")).filter((event) => event.details.itemId === reopened.id);
    expect(openEvent).toMatchObject({
      actor: { id: "custody-reviews" },
      details: { reason: "risk_acceptance_expired", sourceItemId: item.id },
    });

    // An expired acceptance can be renewed (or let go), not simply certified.
    const now = at(33);
    await refused("INVALID_INPUT", () =>
      decideReviewItem({ principal: people.sam, itemId: reopened.id, input: { decision: "certify" }, now }),
    );
    await decideReviewItem({
      principal: people.sam,
      itemId: reopened.id,
      now,
      input: {
        decision: "accept_risk",
        justification: "Migration slipped to March; renewing.",
        compensatingControl: "Access logged and reviewed weekly.",
        riskOwnerId: "usr_sam",
        riskExpiresAt: at(120).toISOString(),
      },
    });
    await signOffReviewItems({ principal: people.sam, campaignId: followUp.id, code: await codeAt(secret, now), now });
    const renewed = await db().reviewItem.findUniqueOrThrow({ where: { id: reopened.id } });
    expect(renewed.outcome).toBe("exception_granted");
    expect(await db().grant.findUniqueOrThrow({ where: { id: renewed.resultingGrantId! } })).toMatchObject({
      origin: "review_exception",
      validFrom: now,
      validUntil: at(120),
      revokedAt: null,
    });
  });
});

describe("the evidence download", () => {
  it("is for oversight roles, once the campaign is closed, and is itself recorded", async () => {
    // Later than every other test here: TOTP codes are accepted once, in time order.
    const base = at(40);
    const { campaign } = await launchTestCampaign(
      people.casey,
      { name: "Export", recurrence: "none", scope: { projectIds: ["prj_factory-inspection"] } },
      base,
    );
    await refused("CONFLICT", () => exportCampaign({ principal: people.casey, campaignId: campaign.id, format: "json", now: at(1, base) }));
    await decideReviewItems({
      principal: people.sam,
      campaignId: campaign.id,
      input: { decision: "revoke", justification: "Cleaning up warehouse access.", filters: { action: "deploy" } },
      now: at(2, base),
    });
    const signAt = later(3, at(2, base));
    const signed = await signOffReviewItems({
      principal: people.sam,
      campaignId: campaign.id,
      code: await codeAt(secret, signAt),
      now: signAt,
    });
    await closeCampaign({ principal: people.casey, campaignId: campaign.id, now: at(22, base) });
    await refused("FORBIDDEN", () => exportCampaign({ principal: people.sam, campaignId: campaign.id, format: "csv" }));

    const json = await exportCampaign({ principal: people.avery, campaignId: campaign.id, format: "json", now: at(23, base) });
    expect(json).toMatchObject({ contentType: "application/json; charset=utf-8", filename: "access-review-export-1.json" });
    const document = JSON.parse(await new Response(json.body).text());
    const items = await db().reviewItem.count({ where: { campaignId: campaign.id } });
    expect(document).toMatchObject({
      format: "custody.access-review.v1",
      campaign: { id: campaign.id, silence: "keep", closedBy: "Casey Nguyen" },
      summary: { items },
    });
    expect(document.signOffs).toEqual([
      expect.objectContaining({ id: signed.signOffId, digest: signed.digest, ledgerSeq: signed.ledgerSeq, reviewerName: "Sam Patel" }),
    ]);
    const revokedItems = document.items.filter((entry: { outcome: { kind: string } }) => entry.outcome.kind === "revoked");
    expect(revokedItems.length).toBe(signed.outcomes.revoked);
    expect(revokedItems[0]).toMatchObject({
      decision: { kind: "revoke", justification: "Cleaning up warehouse access.", decidedBy: "Sam Patel" },
      signOff: { id: signed.signOffId },
    });
    expect(revokedItems[0].decision.ledgerSeqs.length).toBe(1);
    expect(document.revocations.length).toBe(signed.outcomes.revoked);

    const csv = await exportCampaign({ principal: people.casey, campaignId: campaign.id, format: "csv", now: at(23, base) });
    const csvText = await new Response(csv.body).text();
    const lines = csvText.trim().split("\r\n");
    expect(lines[0]).toMatch(/^item_id,grant_id,opened_by,principal_type,principal,/);
    expect(lines).toHaveLength(items + 1);
    expect(csvText).toContain("Cleaning up warehouse access.");
    const exports = (await ledgerEvents("access_review.campaign.export")).filter((event) => event.details.campaignId === campaign.id);
    expect(exports.map((event) => [event.actor.id, event.details.format])).toEqual([
      ["usr_avery", "json"],
      ["usr_casey", "csv"],
    ]);
  });
});
