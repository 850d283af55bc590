import "server-only";
import { db } from "@/lib/db";
import type { AlertSeverity, AlertStatus } from "@/lib/generated/prisma/enums";
import { encodeAlertCursor, type TAlertListFilters } from "./alert-filters";
import type { TAlertReader } from "./alert-actor";
import { alertLabel, detectorLabel } from "./alert-vocabulary";
import { alertWhere } from "./alert-where";

export type TAlertRow = {
  id: string;
  number: number;
  label: string;
  title: string;
  detector: string;
  detectorLabel: string;
  severity: AlertSeverity;
  status: AlertStatus;
  actorId: string | null;
  actorDisplay: string | null;
  artifactId: string | null;
  artifactName: string | null;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  assignee: { id: string; name: string } | null;
  investigationId: string | null;
};

export const alertPageSize = 50;

/**
 * Alerts of the reader's organisation, newest last-seen first, one keyset page at a time on
 * (lastSeenAt, id): the hundredth page costs what the first does, and a page is stable while
 * new alerts arrive above it.
 */
export async function listAlerts({ reader, filters }: { reader: TAlertReader; filters: TAlertListFilters }) {
  const limit = filters.limit ?? alertPageSize;
  const where = alertWhere(reader.orgId, filters);
  const cursor = filters.cursor;
  const rows = await db().alert.findMany({
    where: cursor
      ? { AND: [where, { OR: [{ lastSeenAt: { lt: cursor.lastSeenAt } }, { lastSeenAt: cursor.lastSeenAt, id: { lt: cursor.id } }] }] }
      : where,
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      number: true,
      title: true,
      detector: true,
      severity: true,
      status: true,
      actorId: true,
      actorDisplay: true,
      artifactId: true,
      count: true,
      firstSeenAt: true,
      lastSeenAt: true,
      assigneeId: true,
      investigationId: true,
    },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeAlertCursor({ lastSeenAt: last.lastSeenAt, id: last.id }) : null;
  const [people, artifacts] = await Promise.all([
    namesOfUsers(
      reader.orgId,
      page.map((row) => row.assigneeId),
    ),
    namesOfArtifacts(
      reader.orgId,
      page.map((row) => row.artifactId),
    ),
  ]);
  const items: TAlertRow[] = page.map((row) => ({
    id: row.id,
    number: row.number,
    label: alertLabel(row.number),
    title: row.title,
    detector: row.detector,
    detectorLabel: detectorLabel(row.detector),
    severity: row.severity,
    status: row.status,
    actorId: row.actorId,
    actorDisplay: row.actorDisplay,
    artifactId: row.artifactId,
    artifactName: row.artifactId ? (artifacts.get(row.artifactId) ?? null) : null,
    count: row.count,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    assignee: row.assigneeId ? { id: row.assigneeId, name: people.get(row.assigneeId) ?? row.assigneeId } : null,
    investigationId: row.investigationId,
  }));
  return { items, nextCursor };
}

export async function namesOfUsers(orgId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!wanted.length) return new Map();
  const users = await db().user.findMany({ where: { orgId, id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((user) => [user.id, user.name]));
}

export async function namesOfArtifacts(orgId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!wanted.length) return new Map();
  const artifacts = await db().artifact.findMany({ where: { orgId, id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(artifacts.map((artifact) => [artifact.id, artifact.name]));
}
