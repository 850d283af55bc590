import "server-only";
import { createHash } from "node:crypto";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { parseStoredScope } from "./campaign-scope";
import { recordReviewEvent } from "./record-review-event";
import { actorOf, campaignNotFound } from "./review-access";

export type TExportFormat = "csv" | "json";

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

/**
 * A closed campaign's record for an auditor: every item with its snapshot, evidence,
 * recommendation, decision and justification, sign-off and outcome; the sign-offs with their
 * digests; the revocations and every ledger entry of the campaign (by seq). The download is
 * itself recorded in the ledger, with the SHA-256 of what was handed out.
 */
export async function exportCampaign({ principal, campaignId, format, now = new Date() }: { principal: TPrincipal; campaignId: string; format: TExportFormat; now?: Date }): Promise<{ filename: string; contentType: string; body: string }> {
  assertCapability(principal, "reviews.export");
  const campaign = await db().reviewCampaign.findFirst({
    where: { id: campaignId, orgId: principal.orgId },
    include: { owner: { select: { id: true, name: true } }, fallbackReviewer: { select: { id: true, name: true } } },
  });
  if (!campaign) throw campaignNotFound(campaignId);
  if (campaign.status !== "closed") throw new AppError("CONFLICT", `Campaign "${campaign.name}" is not closed yet; its record can be downloaded once it is.`);
  const [items, signOffs, events, people] = await Promise.all([
    db().reviewItem.findMany({ where: { campaignId }, include: { signOff: true }, orderBy: [{ principalName: "asc" }, { scopeName: "asc" }, { id: "asc" }] }),
    db().reviewSignOff.findMany({ where: { campaignId }, orderBy: { signedAt: "asc" } }),
    db().reviewEvent.findMany({ where: { campaignId }, orderBy: { id: "asc" } }),
    db().user.findMany({ where: { orgId: principal.orgId }, select: { id: true, name: true } }),
  ]);
  const nameOf = (id: string | null) => (id ? (people.find((person) => person.id === id)?.name ?? id) : null);
  const seqsOf = (itemId: string, action: string) => events.filter((event) => event.itemId === itemId && event.action === action).map((event) => event.ledgerSeq.toString());

  const exportedItems = items.map((item) => ({
    itemId: item.id,
    grantId: item.grantId,
    openedBy: item.openedBy,
    principal: { type: item.principalType, id: item.principalId, name: item.principalName, kind: item.principalKind, external: item.principalExternal, email: item.principalEmail },
    scope: { type: item.scopeType, id: item.scopeId, name: item.scopeName, projectId: item.projectId, projectName: item.projectName },
    environment: item.environmentName,
    action: item.action,
    origin: item.origin,
    grant: { validFrom: iso(item.grantValidFrom), validUntil: iso(item.grantValidUntil), createdAt: iso(item.grantCreatedAt), justification: item.grantJustification, grantedBy: item.grantedByName },
    usage: { asOf: iso(item.snapshotAt), lastUsedAt: iso(item.lastUsedAt), uses90d: item.uses90d, byAction: item.usage },
    recommendation: { kind: item.recommendation, reason: item.recommendationReason, action: item.recommendedAction, validUntil: iso(item.recommendedValidUntil) },
    reviewer: { id: item.reviewerId, name: nameOf(item.reviewerId), step: item.reviewerStep, note: item.reviewerNote },
    decision: item.decision
      ? {
          kind: item.decision, justification: item.justification, decidedBy: nameOf(item.decidedById), decidedAt: iso(item.decidedAt),
          modification: item.decision === "modify" ? { action: item.modifiedAction, artifactId: item.modifiedArtifactId, validUntil: iso(item.modifiedValidUntil) } : null,
          riskAcceptance: item.decision === "accept_risk" ? { compensatingControl: item.compensatingControl, owner: nameOf(item.riskOwnerId), expiresAt: iso(item.riskExpiresAt) } : null,
          ledgerSeqs: seqsOf(item.id, "access_review.item.decide"),
        }
      : null,
    signOff: item.signOff ? { id: item.signOff.id, signedAt: iso(item.signOff.signedAt), reviewer: item.signOff.reviewerName, digest: item.signOff.digest, ledgerSeq: item.signOff.ledgerSeq.toString() } : null,
    outcome: { kind: item.outcome, at: iso(item.outcomeAt), note: item.outcomeNote, resultingGrantId: item.resultingGrantId, grantLedgerSeqs: [...seqsOf(item.id, "grant.revoke"), ...seqsOf(item.id, "grant.create")] },
  }));
  const revocations = events.filter((event) => event.action === "grant.revoke").map((event) => ({
    itemId: event.itemId, grantId: (event.details as { grantId?: string }).grantId ?? null, revokedAt: iso(event.at), revokedBy: event.actorName,
    reason: (event.details as { reason?: string }).reason ?? null, ledgerSeq: event.ledgerSeq.toString(),
  }));
  const scope = parseStoredScope(campaign.scope);
  const document = {
    format: "custody.access-review.v1",
    exportedAt: now.toISOString(),
    exportedBy: { id: principal.userId, name: principal.name },
    campaign: {
      id: campaign.id, name: campaign.name, description: campaign.description, kind: campaign.kind, instance: campaign.instance, seriesId: campaign.seriesId,
      scope, reviewerRule: campaign.reviewerRule, fallbackReviewer: campaign.fallbackReviewer, owner: campaign.owner, dueAt: iso(campaign.dueAt),
      recurrence: campaign.recurrence, silence: campaign.silence, launchedAt: iso(campaign.launchedAt), closedAt: iso(campaign.closedAt), closedBy: nameOf(campaign.closedById),
    },
    summary: { items: items.length, outcomes: countBy(items.map((item) => item.outcome ?? "none")), decisions: countBy(items.map((item) => item.decision ?? "none")) },
    items: exportedItems,
    signOffs: signOffs.map((signOff) => ({ ...signOff, signedAt: iso(signOff.signedAt), stepUpAt: iso(signOff.stepUpAt), ledgerSeq: signOff.ledgerSeq.toString() })),
    revocations,
    ledgerEvents: events.map((event) => ({ ledgerSeq: event.ledgerSeq.toString(), at: iso(event.at), action: event.action, actor: { id: event.actorId, name: event.actorName }, itemId: event.itemId, details: event.details })),
  };
  const body = format === "json" ? `${JSON.stringify(document, null, 2)}\n` : toCsv(exportedItems);
  const sha256 = createHash("sha256").update(body).digest("hex");
  await db().$transaction((tx) => recordReviewEvent(tx, {
    orgId: campaign.orgId, campaignId, action: "access_review.campaign.export", actor: actorOf(principal), at: now,
    details: { format, items: items.length, sha256 },
  }));
  const slug = campaign.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "campaign";
  return {
    filename: `access-review-${slug}-${campaign.instance}.${format}`,
    contentType: format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
    body,
  };
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** RFC 4180 CSV; a cell that a spreadsheet would run as a formula is prefixed with an apostrophe. */
function toCsv(items: object[]): string {
  type TRow = Record<string, unknown>;
  const columns: [string, (item: TRow) => unknown][] = [
    ["item_id", (item) => item.itemId],
    ["grant_id", (item) => item.grantId],
    ["opened_by", (item) => item.openedBy],
    ["principal_type", (item) => (item.principal as TRow).type],
    ["principal", (item) => (item.principal as TRow).name],
    ["principal_kind", (item) => (item.principal as TRow).kind],
    ["external", (item) => (item.principal as TRow).external],
    ["scope_type", (item) => (item.scope as TRow).type],
    ["scope", (item) => (item.scope as TRow).name],
    ["project", (item) => (item.scope as TRow).projectName],
    ["environment", (item) => item.environment],
    ["action", (item) => item.action],
    ["origin", (item) => item.origin],
    ["grant_valid_from", (item) => (item.grant as TRow).validFrom],
    ["grant_valid_until", (item) => (item.grant as TRow).validUntil],
    ["last_used_at", (item) => (item.usage as TRow).lastUsedAt],
    ["uses_90d", (item) => (item.usage as TRow).uses90d],
    ["recommendation", (item) => (item.recommendation as TRow).kind],
    ["recommendation_reason", (item) => (item.recommendation as TRow).reason],
    ["reviewer", (item) => (item.reviewer as TRow).name],
    ["reviewer_step", (item) => (item.reviewer as TRow).step],
    ["decision", (item) => (item.decision as TRow | null)?.kind],
    ["justification", (item) => (item.decision as TRow | null)?.justification],
    ["modified_action", (item) => ((item.decision as TRow | null)?.modification as TRow | null)?.action],
    ["modified_artifact_id", (item) => ((item.decision as TRow | null)?.modification as TRow | null)?.artifactId],
    ["modified_valid_until", (item) => ((item.decision as TRow | null)?.modification as TRow | null)?.validUntil],
    ["compensating_control", (item) => ((item.decision as TRow | null)?.riskAcceptance as TRow | null)?.compensatingControl],
    ["risk_owner", (item) => ((item.decision as TRow | null)?.riskAcceptance as TRow | null)?.owner],
    ["risk_expires_at", (item) => ((item.decision as TRow | null)?.riskAcceptance as TRow | null)?.expiresAt],
    ["decided_by", (item) => (item.decision as TRow | null)?.decidedBy],
    ["decided_at", (item) => (item.decision as TRow | null)?.decidedAt],
    ["decision_ledger_seqs", (item) => ((item.decision as TRow | null)?.ledgerSeqs as string[] | undefined)?.join(" ")],
    ["signed_off_at", (item) => (item.signOff as TRow | null)?.signedAt],
    ["signed_off_by", (item) => (item.signOff as TRow | null)?.reviewer],
    ["sign_off_digest", (item) => (item.signOff as TRow | null)?.digest],
    ["sign_off_ledger_seq", (item) => (item.signOff as TRow | null)?.ledgerSeq],
    ["outcome", (item) => (item.outcome as TRow).kind],
    ["outcome_at", (item) => (item.outcome as TRow).at],
    ["outcome_note", (item) => (item.outcome as TRow).note],
    ["resulting_grant_id", (item) => (item.outcome as TRow).resultingGrantId],
    ["grant_change_ledger_seqs", (item) => ((item.outcome as TRow).grantLedgerSeqs as string[]).join(" ")],
  ];
  const cell = (value: unknown) => {
    if (value === null || value === undefined) return "";
    let text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.map(([name]) => name).join(","), ...(items as TRow[]).map((item) => columns.map(([, get]) => cell(get(item))).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
