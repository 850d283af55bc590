import "server-only";
import { hasCapability } from "@/lib/authz/permissions";
import { db } from "@/lib/db";
import type { InvestigationSeverity, InvestigationStatus } from "@/lib/generated/prisma/enums";
import { ZEventFilters, type TEventFilters } from "./event-filters";
import { findInvestigation, type TInvestigationRequest } from "./find-investigation";
import { investigationLabel, type TPersonRef } from "./investigation-vocabulary";

export type TInvestigationDetail = {
  id: string;
  number: number;
  label: string;
  title: string;
  summary: string | null;
  severity: InvestigationSeverity;
  status: InvestigationStatus;
  scope: { artifacts: { id: string; name: string }[]; windowFrom: Date | null; windowTo: Date | null };
  assignee: TPersonRef | null;
  createdBy: TPersonRef;
  createdAt: Date;
  updatedAt: Date;
  counts: { events: number; starredEvents: number; comments: number };
  statusHistory: {
    from: InvestigationStatus | null;
    to: InvestigationStatus;
    note: string | null;
    by: TPersonRef;
    at: Date;
    ledgerSeq: string;
  }[];
  savedViews: { id: string; name: string; filters: TEventFilters; by: TPersonRef; at: Date }[];
  narrativeRevision: number;
  /** Whether this person may change it now (may edit investigations, and it is not closed). */
  canEdit: boolean;
  /** Whether this person may move its status (closed cases can be reopened). */
  canChangeStatus: boolean;
};

const person = { select: { id: true, name: true } } as const;

/** An investigation's header, status history and saved views (no ledger events: those are read apart and recorded). */
export async function getInvestigation({ principal, investigationId }: TInvestigationRequest): Promise<TInvestigationDetail> {
  const key = await findInvestigation({ principal, investigationId });
  const [investigation, starred, comments] = await Promise.all([
    db().investigation.findUniqueOrThrow({
      where: { id: key.id },
      include: {
        assignee: person,
        createdBy: person,
        statusChanges: { orderBy: { changedAt: "asc" }, include: { changedBy: person } },
        savedViews: { orderBy: { createdAt: "asc" }, include: { createdBy: person } },
        _count: { select: { events: true } },
      },
    }),
    db().$queryRaw<{ count: bigint }[]>`SELECT count(DISTINCT seq) AS count FROM "InvestigationStar" WHERE "investigationId" = ${key.id}`,
    db().investigationComment.count({ where: { investigationId: key.id } }),
  ]);
  const artifacts = investigation.scopeArtifactIds.length
    ? await db().artifact.findMany({
        where: { orgId: key.orgId, id: { in: investigation.scopeArtifactIds } },
        select: { id: true, name: true },
      })
    : [];
  const canEditCases = hasCapability(principal.roles, "investigations.edit");
  return {
    id: investigation.id,
    number: investigation.number,
    label: investigationLabel(investigation.number),
    title: investigation.title,
    summary: investigation.summary,
    severity: investigation.severity,
    status: investigation.status,
    scope: {
      artifacts: investigation.scopeArtifactIds.map((id) => artifacts.find((artifact) => artifact.id === id) ?? { id, name: id }),
      windowFrom: investigation.windowFrom,
      windowTo: investigation.windowTo,
    },
    assignee: investigation.assignee,
    createdBy: investigation.createdBy,
    createdAt: investigation.createdAt,
    updatedAt: investigation.updatedAt,
    counts: { events: investigation._count.events, starredEvents: Number(starred[0]?.count ?? 0), comments },
    statusHistory: investigation.statusChanges.map((change) => ({
      from: change.fromStatus,
      to: change.toStatus,
      note: change.note,
      by: change.changedBy,
      at: change.changedAt,
      ledgerSeq: change.ledgerSeq.toString(),
    })),
    savedViews: investigation.savedViews.map((view) => ({
      id: view.id,
      name: view.name,
      filters: ZEventFilters.catch({}).parse(view.filters),
      by: view.createdBy,
      at: view.createdAt,
    })),
    narrativeRevision: investigation.narrativeRevision,
    canEdit: canEditCases && investigation.status !== "closed",
    canChangeStatus: canEditCases,
  };
}
