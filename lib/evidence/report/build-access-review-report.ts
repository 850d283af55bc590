import "server-only";
import { z } from "zod";
import { assertCapability } from "@/lib/authz/assert-capability";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { ZInstant } from "@/lib/input/instant";
import { parseInput } from "@/lib/input/parse-input";
import { ZPathId } from "@/lib/input/route-params";
import { reviewSilenceLabels } from "@/lib/reviews/review-vocabulary";
import type { TEvidenceReport } from "../evidence-report";
import { accessReviewTables, type TCampaignRecord } from "./access-review-tables";
import { citeLedgerEntries } from "./cite-ledger-entries";
import { CitedEntries, checkpointOf, count, day, type TReportRequest } from "./report-context";

/** One campaign, or every campaign closed in a period. */
export const ZAccessReviewScope = z.union([
  z.strictObject({ campaignId: ZPathId }),
  z.strictObject({ from: ZInstant, to: ZInstant }).refine((period) => period.from < period.to, "The period must end after it starts."),
]);
export type TAccessReviewScope = z.input<typeof ZAccessReviewScope>;

const maxCampaigns = 50;

/**
 * Access review evidence: the campaign (or every campaign closed in the period) as of the signed
 * checkpoint: its scope and snapshot, reviewers, every decision with its justification, the
 * sign-offs with their second factor, the grant changes and when they took effect, the risk
 * acceptances with their expiry, what silence meant, and how complete the review was. Only
 * closed campaigns whose close is below the checkpoint are evidence: an open one can still change.
 * Compliance officers, admins (evidence.generate with reviews.view); a stranger's campaign is "not found".
 */
export async function buildAccessReviewReport(db: Db, request: TReportRequest<TAccessReviewScope>): Promise<TEvidenceReport> {
  const { principal } = request;
  assertCapability(principal, "evidence.generate");
  assertCapability(principal, "reviews.view");
  const scope = parseInput(ZAccessReviewScope, request.scope, "The access review evidence was not generated");
  const { size, effective } = checkpointOf(request.asOf);
  const now = request.now ?? new Date();

  const campaigns = await db.reviewCampaign.findMany({
    where:
      "campaignId" in scope
        ? { orgId: principal.orgId, id: scope.campaignId }
        : { orgId: principal.orgId, status: "closed", closedAt: { gte: new Date(scope.from), lte: new Date(scope.to) } },
    include: { owner: { select: { id: true, name: true } }, fallbackReviewer: { select: { id: true, name: true } } },
    orderBy: [{ closedAt: "asc" }, { id: "asc" }],
    take: maxCampaigns + 1,
  });
  if ("campaignId" in scope && campaigns.length === 0)
    throw new AppError("NOT_FOUND", `There is no review campaign ${scope.campaignId} in your organisation.`);
  if (campaigns.length > maxCampaigns)
    throw new AppError("INVALID_INPUT", `More than ${maxCampaigns} campaigns closed in this period: choose a shorter period.`);
  if (campaigns.length === 0)
    throw new AppError("NOT_FOUND", "No access review campaign was closed in this period; there is nothing to report.");
  for (const campaign of campaigns) {
    if (campaign.status !== "closed")
      throw new AppError(
        "CONFLICT",
        `Campaign "${campaign.name}" is not closed yet: its evidence can be generated once it is (decisions can still change).`,
      );
  }

  const campaignIds = campaigns.map((campaign) => campaign.id);
  const [items, signOffs, events] = await Promise.all([
    db.reviewItem.findMany({
      where: { campaignId: { in: campaignIds } },
      orderBy: [{ campaignId: "asc" }, { principalName: "asc" }, { scopeName: "asc" }, { id: "asc" }],
    }),
    db.reviewSignOff.findMany({ where: { campaignId: { in: campaignIds } }, orderBy: [{ signedAt: "asc" }, { id: "asc" }] }),
    db.reviewEvent.findMany({ where: { campaignId: { in: campaignIds } }, orderBy: { ledgerSeq: "asc" } }),
  ]);
  const closes = events.filter((event) => event.action === "access_review.campaign.close");
  for (const campaign of campaigns) {
    const close = closes.find((event) => event.campaignId === campaign.id);
    if (!close || close.ledgerSeq >= size)
      throw new AppError(
        "CONFLICT",
        `The close of campaign "${campaign.name}" is not yet under a signed checkpoint (size ${size}); try again once the next checkpoint is signed (a few seconds).`,
      );
  }

  const cited = new CitedEntries(size);
  // Exports of the record are reads that came later; every other event of the campaign is its evidence.
  const evidenceEvents = events.filter((event) => event.ledgerSeq < size && event.action !== "access_review.campaign.export");
  await citeLedgerEntries(
    db,
    cited,
    principal.orgId,
    size,
    evidenceEvents.map((event) => event.ledgerSeq),
  );
  const citedEvents = evidenceEvents.filter((event) => cited.has(event.ledgerSeq));
  const people = await db.user.findMany({
    where: {
      orgId: principal.orgId,
      id: { in: [...new Set(items.flatMap((item) => [item.reviewerId, item.decidedById, item.riskOwnerId]).filter((id) => id !== null))] },
    },
    select: { id: true, name: true },
  });
  const nameOf = new Map(people.map((person) => [person.id, person.name]));
  const records: TCampaignRecord[] = campaigns.map((campaign) => ({
    campaign,
    items: items.filter((item) => item.campaignId === campaign.id),
    signOffs: signOffs.filter((signOff) => signOff.campaignId === campaign.id),
    events: citedEvents.filter((event) => event.campaignId === campaign.id),
  }));
  const tables = accessReviewTables(records, (id) => (id ? (nameOf.get(id) ?? id) : null));

  const figures = [
    cited.figure("campaigns_launched", "Campaign launches recorded", ["access_review.campaign.launch"]),
    cited.figure("items_reopened", "Items reopened by an expired risk acceptance", ["access_review.item.open"]),
    cited.figure("decisions_recorded", "Decisions recorded (a changed decision counts again)", ["access_review.item.decide"]),
    cited.figure("sign_offs", "Sign-offs with a verified second factor", ["access_review.sign_off"]),
    cited.figure("grants_ended", "Grants ended (revocations, and grants replaced by a modification or an exception)", ["grant.revoke"]),
    cited.figure("grants_created", "Replacement grants created (modifications and exceptions)", ["grant.create"]),
    cited.figure("campaigns_closed", "Campaign closes recorded", ["access_review.campaign.close"]),
  ];
  const figure = (key: string) => figures.find((entry) => entry.key === key)!.value;
  const answered = items.filter((item) => item.signOffId !== null).length;
  const silent = items.filter((item) => item.outcome === "silence_kept" || item.outcome === "silence_revoked").length;
  const accepted = items.filter((item) => item.outcome === "exception_granted").length;
  const reviewers = new Set(items.map((item) => item.reviewerId).filter(Boolean)).size;
  const single = "campaignId" in scope ? campaigns[0]! : null;
  const from = single ? single.launchedAt : new Date((scope as { from: string }).from);
  const to = single ? single.closedAt : new Date((scope as { to: string }).to);

  return {
    formatVersion: 1,
    kind: "access_review",
    title: single
      ? `Access review evidence: ${single.name} (instance ${single.instance})`
      : `Access review evidence, ${day(from)} to ${day(to)}`,
    scope: {
      label: single
        ? `Campaign "${single.name}", instance ${single.instance}, closed ${day(single.closedAt)}`
        : `${count(campaigns.length, "campaign")} closed between ${day(from)} and ${day(to)}`,
      ids: { campaignIds: campaignIds },
    },
    period: { from: from?.toISOString() ?? null, to: to?.toISOString() ?? null },
    effective,
    generatedAt: now.toISOString(),
    generatedBy: { id: principal.userId, name: principal.name },
    summary: [
      `${count(items.length, "grant")} reviewed by ${count(reviewers, "reviewer")}; ${count(answered, "item")} answered and signed off, ${count(silent, "item")} settled by the silence rule at close.`,
      `${count(figure("sign_offs"), "sign-off")}, each after a verified second factor; ${count(figure("grants_ended"), "grant")} ended and ${count(figure("grants_created"), "replacement grant")} created.`,
      `${count(accepted, "risk acceptance")} with an expiry, after which review reopens.`,
      ...campaigns.map((campaign) => `"${campaign.name}": silence meant "${reviewSilenceLabels[campaign.silence].toLowerCase()}".`),
    ],
    sections: [
      {
        title: "Scope and snapshot",
        paragraphs: [
          "Each campaign snapshotted the grants in its scope at launch into review items; the snapshot cannot change afterwards (the database refuses it). Usage is from the ledger as of the snapshot.",
        ],
        tables: ["campaigns", "snapshot"],
      },
      {
        title: "Reviewers",
        paragraphs: ["Who reviewed what, chosen by the campaign's reviewer rule, and how far each got."],
        tables: ["reviewers"],
      },
      {
        title: "Decisions",
        paragraphs: ["Every item with its recommendation, the decision, its justification, who decided and when, and the outcome."],
        tables: ["decisions"],
      },
      {
        title: "Sign-offs",
        paragraphs: [
          "A reviewer signs the decisions they made after verifying a second factor on the server (within 5 minutes before signing). The digest is the SHA-256 of the canonical JSON of the decisions signed, recorded in the sign-off's ledger entry.",
        ],
        tables: ["sign_offs"],
      },
      {
        title: "Revocations and modifications",
        paragraphs: ["Every grant change the review made, with the moment it took effect (the ledger entry recording it)."],
        tables: ["grant_changes"],
      },
      {
        title: "Risk acceptances",
        paragraphs: ["Access kept as a time-limited exception, with its compensating control, its owner and its expiry."],
        tables: ["risk_acceptances"],
      },
      {
        title: "Silence and completeness",
        paragraphs: campaigns.map(
          (campaign) =>
            `"${campaign.name}": an item nobody signed off by the close was settled as "${reviewSilenceLabels[campaign.silence].toLowerCase()}" (the campaign's silence rule, fixed at creation).`,
        ),
        tables: ["completeness", "silence"],
      },
      {
        title: "Ledger entries",
        paragraphs: ["Every entry of the review cited by this report, in ledger order."],
        tables: ["ledger_events"],
      },
    ],
    tables,
    figures,
    citedSeqs: cited.seqs(),
  };
}
