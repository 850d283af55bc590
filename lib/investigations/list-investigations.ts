import "server-only";
import { z } from "zod";
import type { TPrincipal } from "@/lib/auth/principal";
import { assertCapability } from "@/lib/authz/assert-capability";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { InvestigationSeverity, InvestigationStatus } from "@/lib/generated/prisma/enums";
import { investigationLabel, investigationSeverities, statusFilters, type TPersonRef } from "./investigation-vocabulary";
import { blankToUndefined } from "@/lib/input/blank-to-undefined";

/** The list's filters as the URL holds them; a bad value falls back to its default. */
export const ZInvestigationListFilters = z.object({
  status: z.preprocess(blankToUndefined, z.enum(statusFilters).optional()).catch(undefined),
  severity: z.preprocess(blankToUndefined, z.enum(investigationSeverities).optional()).catch(undefined),
  /** "me", "none" (unassigned), or a user id. */
  assignee: z.preprocess(blankToUndefined, z.string().max(100).optional()).catch(undefined),
  /** Title, summary or INV-n. */
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()).catch(undefined),
  /** Investigations whose scope includes this artifact id. */
  artifact: z.preprocess(blankToUndefined, z.string().max(200).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type TInvestigationListFilters = z.output<typeof ZInvestigationListFilters>;

export type TInvestigationRow = {
  id: string;
  number: number;
  label: string;
  title: string;
  severity: InvestigationSeverity;
  status: InvestigationStatus;
  assignee: TPersonRef | null;
  createdBy: TPersonRef;
  createdAt: string;
  updatedAt: string;
  events: number;
  starredEvents: number;
};

export const investigationListPageSize = 25;

/** Investigations of the person's organisation, most recently active first, with their counts. */
export async function listInvestigations({
  principal,
  filters,
  pageSize = investigationListPageSize,
}: {
  principal: TPrincipal;
  filters: TInvestigationListFilters;
  pageSize?: number;
}) {
  assertCapability(principal, "investigations.view");
  const status = filters.status ?? "active";
  const and: Prisma.InvestigationWhereInput[] = [{ orgId: principal.orgId }];
  if (status === "active") and.push({ status: { in: ["open", "contained"] } });
  else if (status !== "all") and.push({ status });
  if (filters.severity) and.push({ severity: filters.severity });
  if (filters.assignee === "me") and.push({ assigneeId: principal.userId });
  else if (filters.assignee === "none") and.push({ assigneeId: null });
  else if (filters.assignee) and.push({ assigneeId: filters.assignee });
  if (filters.artifact) and.push({ scopeArtifactIds: { has: filters.artifact } });
  if (filters.q) {
    const number = /^(?:inv-?)?(\d{1,9})$/i.exec(filters.q);
    and.push({
      OR: [
        { title: { contains: filters.q, mode: "insensitive" } },
        { summary: { contains: filters.q, mode: "insensitive" } },
        ...(number ? [{ number: Number(number[1]) }] : []),
      ],
    });
  }
  const where: Prisma.InvestigationWhereInput = { AND: and };
  const person = { select: { id: true, name: true } } as const;
  const [total, rows] = await Promise.all([
    db().investigation.count({ where }),
    db().investigation.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { number: "desc" }],
      skip: (filters.page - 1) * pageSize,
      take: pageSize,
      include: { assignee: person, createdBy: person, _count: { select: { events: true } } },
    }),
  ]);
  const ids = rows.map((row) => row.id);
  const starred = ids.length
    ? await db().$queryRaw<{ investigationId: string; count: bigint }[]>`
        SELECT "investigationId", count(DISTINCT seq) AS count FROM "InvestigationStar" WHERE "investigationId" = ANY(${ids}::text[]) GROUP BY "investigationId"`
    : [];
  const starredBy = new Map(starred.map((row) => [row.investigationId, Number(row.count)]));
  const items: TInvestigationRow[] = rows.map((row) => ({
    id: row.id,
    number: row.number,
    label: investigationLabel(row.number),
    title: row.title,
    severity: row.severity,
    status: row.status,
    assignee: row.assignee,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    events: row._count.events,
    starredEvents: starredBy.get(row.id) ?? 0,
  }));
  return { items, total, page: filters.page, pageSize };
}
