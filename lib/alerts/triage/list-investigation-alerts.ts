import "server-only";
import type { TPrincipal } from "@/lib/auth/principal";
import { hasCapability } from "@/lib/authz/permissions";
import { db } from "@/lib/db";
import type { AlertSeverity, AlertStatus } from "@/lib/generated/prisma/enums";
import { alertLabel } from "./alert-vocabulary";

/** The alerts an investigation was opened from, for its "Alerts" panel; none for people who may not read alerts. */
export async function listInvestigationAlerts({
  principal,
  investigationId,
}: {
  principal: TPrincipal;
  investigationId: string;
}): Promise<{ id: string; number: number; label: string; title: string; severity: AlertSeverity; status: AlertStatus }[]> {
  if (!hasCapability(principal.roles, "alerts.view")) return [];
  const rows = await db().alert.findMany({
    where: { orgId: principal.orgId, investigationId },
    orderBy: { lastSeenAt: "desc" },
    take: 50,
    select: { id: true, number: true, title: true, severity: true, status: true },
  });
  return rows.map((row) => ({ ...row, label: alertLabel(row.number) }));
}
