import "server-only";
import { fileSlug } from "@/lib/exports/export-file-name";
import { recordExport } from "@/lib/exports/record-export";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { exportByteLimit, byteSize } from "@/lib/exports/export-limits";
import { openExportSpool } from "@/lib/exports/open-export-spool";
import { writeJsonDocument } from "@/lib/exports/write-json-document";
import type { ReviewEvent, ReviewItem, ReviewSignOff } from "@/lib/generated/prisma/client";
import { parseStoredScope } from "./campaign-scope";
import { recordReviewEvent } from "./record-review-event";
import { actorOf, campaignNotFound } from "./review-access";
import type { TRecordedExport } from "@/lib/exports/download-response";

export type TExportFormat = "csv" | "json";

/** `count`: items in the campaign (each one row of the CSV). */
export type TCampaignExport = TRecordedExport;

const pageRows = 500;
const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

/**
 * A closed campaign's record for an auditor: every item with its snapshot, evidence,
 * recommendation, decision and justification, sign-off and outcome; the sign-offs with their
 * digests; the revocations and every ledger entry of the campaign (by seq). Written a page at a
 * time to a temporary file while hashed; the record is whole or not at all, so one that would
 * pass 256 MiB is refused (413, nothing recorded). RATE_LIMITED while the person has two exports
 * in flight. The download is itself recorded in the ledger, with the SHA-256 of what is handed out.
 */
export async function exportCampaign({
  principal,
  campaignId,
  format,
  now = new Date(),
  byteLimit = exportByteLimit,
}: {
  principal: TPrincipal;
  campaignId: string;
  format: TExportFormat;
  now?: Date;
  /** Tests only: a smaller byte limit than the one every export has. */
  byteLimit?: number;
}): Promise<TCampaignExport> {
  assertCapability(principal, "reviews.export");
  const campaign = await db().reviewCampaign.findFirst({
    where: { id: campaignId, orgId: principal.orgId },
    include: { owner: { select: { id: true, name: true } }, fallbackReviewer: { select: { id: true, name: true } } },
  });
  if (!campaign) throw campaignNotFound(campaignId);
  if (campaign.status !== "closed")
    throw new AppError("CONFLICT", `Campaign "${campaign.name}" is not closed yet; its record can be downloaded once it is.`);
  const spool = await openExportSpool({ personId: principal.userId, byteLimit });
  try {
    const [items, outcomes, decisions, closedBy] = await Promise.all([
      db().reviewItem.count({ where: { campaignId } }),
      db().reviewItem.groupBy({ by: ["outcome"], where: { campaignId }, _count: { _all: true }, orderBy: { outcome: "asc" } }),
      db().reviewItem.groupBy({ by: ["decision"], where: { campaignId }, _count: { _all: true }, orderBy: { decision: "asc" } }),
      namesOf([campaign.closedById]),
    ]);
    const counted = (groups: { key: string | null; count: number }[]) =>
      Object.fromEntries(groups.map((group) => [group.key ?? "none", group.count]));
    const complete =
      format === "csv"
        ? await writeCsv(spool.write, campaignId)
        : await writeJsonDocument(
            spool.write,
            {
              format: "custody.access-review.v1",
              exportedAt: now.toISOString(),
              exportedBy: { id: principal.userId, name: principal.name },
              campaign: {
                id: campaign.id,
                name: campaign.name,
                description: campaign.description,
                kind: campaign.kind,
                instance: campaign.instance,
                seriesId: campaign.seriesId,
                scope: parseStoredScope(campaign.scope),
                reviewerRule: campaign.reviewerRule,
                fallbackReviewer: campaign.fallbackReviewer,
                owner: campaign.owner,
                dueAt: iso(campaign.dueAt),
                recurrence: campaign.recurrence,
                silence: campaign.silence,
                launchedAt: iso(campaign.launchedAt),
                closedAt: iso(campaign.closedAt),
                closedBy: campaign.closedById ? (closedBy.get(campaign.closedById) ?? campaign.closedById) : null,
              },
              summary: {
                items,
                outcomes: counted(outcomes.map((group) => ({ key: group.outcome, count: group._count._all }))),
                decisions: counted(decisions.map((group) => ({ key: group.decision, count: group._count._all }))),
              },
            },
            [
              ["items", exportedItems(campaignId)],
              ["signOffs", signOffRecords(campaignId)],
              ["revocations", revocationRecords(campaignId)],
              ["ledgerEvents", ledgerEventRecords(campaignId)],
            ],
          );
    if (!complete) {
      throw new AppError(
        "PAYLOAD_TOO_LARGE",
        `This campaign's record would be larger than ${byteSize(byteLimit)}, the most one export may hold. Nothing was exported; ask an administrator for a database export of it.`,
        {
          extra: { byteLimit },
        },
      );
    }
    const file = await spool.finish();
    const ledgerSeq = await recordExport(file, () =>
      db().$transaction((tx) =>
        recordReviewEvent(tx, {
          orgId: campaign.orgId,
          campaignId,
          action: "access_review.campaign.export",
          actor: actorOf(principal),
          at: now,
          details: { format, items, sha256: file.sha256 },
        }),
      ),
    );
    const slug = fileSlug(campaign.name, 60) || "campaign";
    return {
      filename: `access-review-${slug}-${campaign.instance}.${format}`,
      contentType: format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
      body: file.body,
      sha256: file.sha256,
      bytes: file.bytes,
      ledgerSeq: ledgerSeq.toString(),
      count: items,
    };
  } catch (error) {
    await spool.discard();
    throw error;
  }
}

async function namesOf(ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const people = await db().user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(people.map((person) => [person.id, person.name]));
}

/** The campaign's items, a page at a time, in the order auditors read them (principal, then scope). */
async function* itemPages(campaignId: string): AsyncGenerator<(ReviewItem & { signOff: ReviewSignOff | null })[]> {
  let after: string | null = null;
  for (;;) {
    const page: (ReviewItem & { signOff: ReviewSignOff | null })[] = await db().reviewItem.findMany({
      where: { campaignId },
      include: { signOff: true },
      orderBy: [{ principalName: "asc" }, { scopeName: "asc" }, { id: "asc" }],
      take: pageRows,
      ...(after ? { cursor: { id: after }, skip: 1 } : {}),
    });
    if (page.length) yield page;
    if (page.length < pageRows) return;
    after = page.at(-1)!.id;
  }
}

/** The campaign's history rows, a page at a time, oldest first. */
async function* eventPages(campaignId: string, action?: string): AsyncGenerator<ReviewEvent[]> {
  let after: bigint | null = null;
  for (;;) {
    const page: ReviewEvent[] = await db().reviewEvent.findMany({
      where: { campaignId, ...(action ? { action } : {}), ...(after !== null ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: pageRows,
    });
    if (page.length) yield page;
    if (page.length < pageRows) return;
    after = page.at(-1)!.id;
  }
}

async function* exportedItems(campaignId: string): AsyncGenerator<TExportedItem> {
  for await (const page of itemPages(campaignId)) {
    const [names, events] = await Promise.all([
      namesOf(page.flatMap((item) => [item.reviewerId, item.decidedById, item.riskOwnerId])),
      db().reviewEvent.findMany({
        where: {
          campaignId,
          itemId: { in: page.map((item) => item.id) },
          action: { in: ["access_review.item.decide", "grant.revoke", "grant.create"] },
        },
        orderBy: { id: "asc" },
        select: { itemId: true, action: true, ledgerSeq: true },
      }),
    ]);
    const nameOf = (id: string | null) => (id ? (names.get(id) ?? id) : null);
    const seqsOf = (itemId: string, action: string) =>
      events.filter((event) => event.itemId === itemId && event.action === action).map((event) => event.ledgerSeq.toString());
    for (const item of page) yield exportedItem(item, nameOf, seqsOf);
  }
}

type TExportedItem = ReturnType<typeof exportedItem>;

function exportedItem(
  item: ReviewItem & { signOff: ReviewSignOff | null },
  nameOf: (id: string | null) => string | null,
  seqsOf: (itemId: string, action: string) => string[],
) {
  return {
    itemId: item.id,
    grantId: item.grantId,
    openedBy: item.openedBy,
    principal: {
      type: item.principalType,
      id: item.principalId,
      name: item.principalName,
      kind: item.principalKind,
      external: item.principalExternal,
      email: item.principalEmail,
    },
    scope: { type: item.scopeType, id: item.scopeId, name: item.scopeName, projectId: item.projectId, projectName: item.projectName },
    environment: item.environmentName,
    action: item.action,
    origin: item.origin,
    grant: {
      validFrom: iso(item.grantValidFrom),
      validUntil: iso(item.grantValidUntil),
      createdAt: iso(item.grantCreatedAt),
      justification: item.grantJustification,
      grantedBy: item.grantedByName,
    },
    usage: { asOf: iso(item.snapshotAt), lastUsedAt: iso(item.lastUsedAt), uses90d: item.uses90d, byAction: item.usage },
    recommendation: {
      kind: item.recommendation,
      reason: item.recommendationReason,
      action: item.recommendedAction,
      validUntil: iso(item.recommendedValidUntil),
    },
    reviewer: { id: item.reviewerId, name: nameOf(item.reviewerId), step: item.reviewerStep, note: item.reviewerNote },
    decision: item.decision
      ? {
          kind: item.decision,
          justification: item.justification,
          decidedBy: nameOf(item.decidedById),
          decidedAt: iso(item.decidedAt),
          modification:
            item.decision === "modify"
              ? { action: item.modifiedAction, artifactId: item.modifiedArtifactId, validUntil: iso(item.modifiedValidUntil) }
              : null,
          riskAcceptance:
            item.decision === "accept_risk"
              ? { compensatingControl: item.compensatingControl, owner: nameOf(item.riskOwnerId), expiresAt: iso(item.riskExpiresAt) }
              : null,
          ledgerSeqs: seqsOf(item.id, "access_review.item.decide"),
        }
      : null,
    signOff: item.signOff
      ? {
          id: item.signOff.id,
          signedAt: iso(item.signOff.signedAt),
          reviewer: item.signOff.reviewerName,
          digest: item.signOff.digest,
          ledgerSeq: item.signOff.ledgerSeq.toString(),
        }
      : null,
    outcome: {
      kind: item.outcome,
      at: iso(item.outcomeAt),
      note: item.outcomeNote,
      resultingGrantId: item.resultingGrantId,
      grantLedgerSeqs: [...seqsOf(item.id, "grant.revoke"), ...seqsOf(item.id, "grant.create")],
    },
  };
}

async function* signOffRecords(campaignId: string) {
  let after: string | null = null;
  for (;;) {
    const page: ReviewSignOff[] = await db().reviewSignOff.findMany({
      where: { campaignId },
      orderBy: [{ signedAt: "asc" }, { id: "asc" }],
      take: pageRows,
      ...(after ? { cursor: { id: after }, skip: 1 } : {}),
    });
    for (const signOff of page)
      yield { ...signOff, signedAt: iso(signOff.signedAt), stepUpAt: iso(signOff.stepUpAt), ledgerSeq: signOff.ledgerSeq.toString() };
    if (page.length < pageRows) return;
    after = page.at(-1)!.id;
  }
}

async function* revocationRecords(campaignId: string) {
  for await (const page of eventPages(campaignId, "grant.revoke")) {
    for (const event of page) {
      yield {
        itemId: event.itemId,
        grantId: (event.details as { grantId?: string }).grantId ?? null,
        revokedAt: iso(event.at),
        revokedBy: event.actorName,
        reason: (event.details as { reason?: string }).reason ?? null,
        ledgerSeq: event.ledgerSeq.toString(),
      };
    }
  }
}

async function* ledgerEventRecords(campaignId: string) {
  for await (const page of eventPages(campaignId)) {
    for (const event of page)
      yield {
        ledgerSeq: event.ledgerSeq.toString(),
        at: iso(event.at),
        action: event.action,
        actor: { id: event.actorId, name: event.actorName },
        itemId: event.itemId,
        details: event.details,
      };
  }
}

type TRow = Record<string, unknown>;

/** RFC 4180 CSV, one row per item; a cell that a spreadsheet would run as a formula is prefixed with an apostrophe. */
const csvColumns: [string, (item: TRow) => unknown][] = [
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

const csvCell = (value: unknown) => {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The header, then a line per item; false as soon as a write is refused (the byte limit). */
async function writeCsv(write: (text: string) => Promise<boolean>, campaignId: string): Promise<boolean> {
  if (!(await write(`${csvColumns.map(([name]) => name).join(",")}\r\n`))) return false;
  for await (const item of exportedItems(campaignId)) {
    if (!(await write(`${csvColumns.map(([, get]) => csvCell(get(item as unknown as TRow))).join(",")}\r\n`))) return false;
  }
  return true;
}
