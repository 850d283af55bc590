import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { hasCapability } from "@/lib/authz/permissions";
import { db } from "@/lib/db";
import type { InvestigationStatus } from "@/lib/generated/prisma/enums";
import { investigationLabel } from "@/lib/investigations/investigation-vocabulary";

export type TReasonInvestigation = { id: string; label: string; title: string; status: InvestigationStatus };

/**
 * The person's own open (or contained) investigations, assigned to them or opened by them, most
 * recently active first: the cases they may name as the reason for a ledger search.
 */
export async function listReasonInvestigations({
  principal,
  limit = 20,
}: {
  principal: TPrincipal;
  limit?: number;
}): Promise<TReasonInvestigation[]> {
  if (!hasCapability(principal.roles, "investigations.view")) return [];
  const rows = await db().investigation.findMany({
    where: {
      orgId: principal.orgId,
      status: { in: ["open", "contained"] },
      OR: [{ assigneeId: principal.userId }, { createdById: principal.userId }],
    },
    orderBy: [{ updatedAt: "desc" }, { number: "desc" }],
    take: limit,
    select: { id: true, number: true, title: true, status: true },
  });
  return rows.map((row) => ({ id: row.id, label: investigationLabel(row.number), title: row.title, status: row.status }));
}
