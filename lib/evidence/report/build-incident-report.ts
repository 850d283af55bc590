import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { ZPathId } from "@/lib/input/route-params";
import { parseInput } from "@/lib/input/parse-input";
import { eventColumns } from "@/lib/investigations/investigation-event-sql";
import { toInvestigationEventRow, type TEventRowSource } from "@/lib/investigations/investigation-event-row";
import { investigationLabel, severityLabels, statusLabels } from "@/lib/investigations/investigation-vocabulary";
import type { TEvidenceReport } from "../evidence-report";
import { citeLedgerEntries } from "./cite-ledger-entries";
import { incidentTables } from "./incident-tables";
import { narrativeParagraphs } from "./narrative-text";
import { CitedEntries, checkpointOf, count, iso, type TReportRequest } from "./report-context";

export const ZIncidentScope = z.strictObject({ investigationId: ZPathId });
export type TIncidentScope = z.input<typeof ZIncidentScope>;

const notFound = () => new AppError("NOT_FOUND", "No such investigation, or it is not one you may report on.");

/** Admins and compliance officers report on any case of their organisation; a responder only on the cases assigned to them or opened by them. */
function investigationsWhere(principal: TPrincipal, investigationId: string): Prisma.InvestigationWhereInput {
  const oversight = principal.roles.includes("admin") || principal.roles.includes("compliance_officer");
  if (oversight) return { id: investigationId, orgId: principal.orgId };
  return { id: investigationId, orgId: principal.orgId, OR: [{ assigneeId: principal.userId }, { createdById: principal.userId }] };
}

/**
 * The incident report of one investigation as of the signed checkpoint: summary, severity, the
 * status history, the narrative with its event references in words, every event gathered into it
 * with its stars, tags and comments and their authors, and the alerts linked to it. Whatever was
 * recorded after the checkpoint (a later event, star, comment or narrative save) is left out.
 */
export async function buildIncidentReport(db: Db, request: TReportRequest<TIncidentScope>): Promise<TEvidenceReport> {
  const { principal } = request;
  assertCapability(principal, "evidence.generate");
  assertCapability(principal, "investigations.view");
  const { investigationId } = parseInput(ZIncidentScope, request.scope, "The incident report was not generated");
  const { size, effective } = checkpointOf(request.asOf);
  const now = request.now ?? new Date();
  const investigation = await db.investigation.findFirst({
    where: investigationsWhere(principal, investigationId),
    include: { assignee: { select: { id: true, name: true } }, createdBy: { select: { id: true, name: true } } },
  });
  if (!investigation) throw notFound();
  const below = { lt: size };
  const [statusChanges, members, stars, tags, comments, revisions, alerts] = await Promise.all([
    db.investigationStatusChange.findMany({
      where: { investigationId, ledgerSeq: below },
      orderBy: [{ changedAt: "asc" }, { ledgerSeq: "asc" }],
      include: { changedBy: { select: { name: true } } },
    }),
    db.investigationEvent.findMany({
      where: { investigationId, seq: below, ledgerSeq: below },
      include: { addedBy: { select: { name: true } } },
    }),
    db.investigationStar.findMany({
      where: { investigationId, ledgerSeq: below },
      orderBy: { starredAt: "asc" },
      include: { user: { select: { name: true } } },
    }),
    db.investigationTag.findMany({
      where: { investigationId, ledgerSeq: below },
      orderBy: { addedAt: "asc" },
      include: { addedBy: { select: { name: true } } },
    }),
    db.investigationComment.findMany({
      where: { investigationId, ledgerSeq: below },
      orderBy: { createdAt: "asc" },
      include: { author: { select: { name: true } } },
    }),
    db.investigationNarrativeRevision.findMany({
      where: { investigationId, ledgerSeq: below },
      orderBy: { revision: "asc" },
      include: { author: { select: { name: true } } },
    }),
    db.alert.findMany({
      where: { orgId: investigation.orgId, investigationId, createdAt: { lte: effective.checkpointCreatedAt } },
      orderBy: { number: "asc" },
      include: {
        evidence: { where: { seq: below }, select: { seq: true } },
        history: { where: { ledgerSeq: below }, select: { ledgerSeq: true } },
      },
    }),
  ]);
  if (statusChanges.length === 0)
    throw new AppError(
      "CONFLICT",
      `${investigationLabel(investigation.number)} was opened after the checkpoint (size ${size}); try again once the next checkpoint is signed.`,
    );
  // Stars, tags and comments sit on events of the case; one on an event added after the checkpoint is left out with it.
  const memberSeqs = new Set(members.map((member) => member.seq));
  const onMember = <T extends { seq: bigint }>(rows: T[]) => rows.filter((row) => memberSeqs.has(row.seq));
  const [caseStars, caseTags, caseComments] = [onMember(stars), onMember(tags), onMember(comments)];

  const events = members.length
    ? (
        await db.$queryRaw<TEventRowSource[]>`
          SELECT ${eventColumns} FROM "LedgerEntry" e
          WHERE e."orgId" = ${investigation.orgId} AND e.seq IN (${Prisma.join([...memberSeqs])}) AND e.seq < ${size}
          ORDER BY e."occurredAt" ASC, e.seq ASC`
      ).map(toInvestigationEventRow)
    : [];

  const cited = new CitedEntries(size);
  await citeLedgerEntries(db, cited, investigation.orgId, size, [
    ...statusChanges.map((change) => change.ledgerSeq),
    ...members.flatMap((member) => [member.seq, member.ledgerSeq]),
    ...caseStars.map((star) => star.ledgerSeq),
    ...caseTags.map((tag) => tag.ledgerSeq),
    ...caseComments.map((comment) => comment.ledgerSeq),
    ...revisions.map((revision) => revision.ledgerSeq),
    ...alerts.flatMap((alert) => [
      ...alert.evidence.map((row) => row.seq),
      ...alert.history.flatMap((row) => (row.ledgerSeq === null ? [] : [row.ledgerSeq])),
    ]),
  ]);

  const eventBySeq = new Map(events.map((event) => [event.seq, event]));
  const describe = (seq: string) => {
    const event = eventBySeq.get(seq);
    if (!event) return null;
    return `entry ${seq}: ${event.action} by ${event.actorDisplay ?? event.actorId}, ${event.occurredAt.slice(0, 16).replace("T", " ")} UTC`;
  };
  const narrative = revisions.at(-1);
  const status = statusChanges.at(-1)!.toStatus;
  const caseActions = [...new Set(events.map((event) => event.action))].sort();
  const figures = [
    cited.figure("case_events", "Entries recording what happened (the actions of the case's events)", caseActions),
    cited.figure("events_added", "Additions of events to the case", ["investigation.events_add", "investigation.create"]),
    cited.figure("status_changes", "Status changes after the opening", ["investigation.status_change"]),
    cited.figure("stars", "Stars on events", ["investigation.event_star"]),
    cited.figure("tags", "Tags on events", ["investigation.event_tag"]),
    cited.figure("comments", "Comments on events", ["investigation.event_comment"]),
    cited.figure("narrative_saves", "Narrative revisions saved", ["investigation.narrative_save"]),
  ];
  const label = investigationLabel(investigation.number);
  const windowText = `${iso(investigation.windowFrom)?.slice(0, 10) ?? "open start"} to ${iso(investigation.windowTo)?.slice(0, 10) ?? "open end"}`;

  return {
    formatVersion: 1,
    kind: "incident_report",
    title: `Incident report ${label}: ${investigation.title}`,
    scope: {
      label: `${label} "${investigation.title}": ${investigation.scopeArtifactIds.length ? `artifacts ${investigation.scopeArtifactIds.join(", ")}` : "the whole organisation"}, ${windowText}`,
      ids: { investigationId: investigation.id, artifactIds: investigation.scopeArtifactIds },
    },
    period: { from: iso(investigation.windowFrom), to: iso(investigation.windowTo) },
    effective,
    generatedAt: now.toISOString(),
    generatedBy: { id: principal.userId, name: principal.name },
    summary: [
      `Severity ${severityLabels[investigation.severity].toLowerCase()}; status ${statusLabels[status].toLowerCase()} as of the checkpoint. Assigned to ${investigation.assignee?.name ?? "nobody"}; opened by ${investigation.createdBy.name} on ${investigation.createdAt.toISOString().slice(0, 10)}.`,
      ...(investigation.summary ? [investigation.summary] : []),
      `${count(events.length, "event")} in the case, ${count(caseStars.length, "star")}, ${count(caseTags.length, "tag")}, ${count(caseComments.length, "comment")}; ${count(alerts.length, "linked alert")}.`,
    ],
    sections: [
      {
        title: "Status history",
        paragraphs: ["Who opened, contained, closed or reopened the case, and when. Title, summary and severity are as they stand now."],
        tables: ["status_history"],
      },
      {
        title: "Narrative",
        paragraphs: narrative
          ? [
              `Revision ${narrative.revision}, saved by ${narrative.author.name} at ${narrative.createdAt.toISOString()} (SHA-256 ${narrative.bodySha256}). Event references are written out in brackets.`,
              ...narrativeParagraphs(narrative.body, (seq) => (cited.has(BigInt(seq)) ? describe(seq) : null)),
            ]
          : ["No narrative had been saved by the checkpoint."],
        tables: ["narrative_revisions"],
      },
      {
        title: "Events",
        paragraphs: [
          "Every ledger event gathered into the case, oldest first, with who starred and tagged it; the comments follow, each with its author.",
        ],
        tables: ["events", "comments"],
      },
      { title: "Linked alerts", paragraphs: ["Alerts escalated into this investigation."], tables: ["alerts"] },
    ],
    tables: incidentTables({
      statusChanges,
      events,
      members,
      stars: caseStars,
      tags: caseTags,
      comments: caseComments,
      revisions,
      alerts,
    }),
    figures,
    citedSeqs: cited.seqs(),
  };
}
