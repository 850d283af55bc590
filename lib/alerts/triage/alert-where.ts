import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TAlertListFilters } from "./alert-filters";

/** The list's filters as a Prisma where, within the organisation (the cursor is the caller's business). */
export function alertWhere(orgId: string, filters: TAlertListFilters): Prisma.AlertWhereInput {
  return {
    orgId,
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.severity ? { severity: filters.severity } : {}),
    ...(filters.detector ? { detector: filters.detector } : {}),
    ...(filters.artifact ? { artifactId: filters.artifact } : {}),
    ...(filters.actor ? { actorId: filters.actor } : {}),
    ...(filters.from || filters.to
      ? { lastSeenAt: { ...(filters.from ? { gte: new Date(filters.from) } : {}), ...(filters.to ? { lt: new Date(filters.to) } : {}) } }
      : {}),
  };
}

/** The same filters as SQL conditions on "Alert" (for the chart's GROUP BY). */
export function alertSqlConditions(orgId: string, filters: TAlertListFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`"orgId" = ${orgId}`];
  if (filters.status) parts.push(Prisma.sql`status = ${filters.status}::"AlertStatus"`);
  if (filters.severity) parts.push(Prisma.sql`severity = ${filters.severity}::"AlertSeverity"`);
  if (filters.detector) parts.push(Prisma.sql`detector = ${filters.detector}`);
  if (filters.artifact) parts.push(Prisma.sql`"artifactId" = ${filters.artifact}`);
  if (filters.actor) parts.push(Prisma.sql`"actorId" = ${filters.actor}`);
  if (filters.from) parts.push(Prisma.sql`"lastSeenAt" >= ${new Date(filters.from)}`);
  if (filters.to) parts.push(Prisma.sql`"lastSeenAt" < ${new Date(filters.to)}`);
  return Prisma.join(parts, " AND ");
}
