import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AlertStatus } from "@/lib/generated/prisma/enums";
import type { TAlertListFilters } from "./alert-filters";
import type { TAlertReader } from "./alert-actor";
import { alertStatuses } from "./alert-vocabulary";
import { alertSqlConditions } from "./alert-where";

const DAY = 86_400_000;
/** The chart spans the filtered window, or the last 30 days; never more than a year of bars. */
const defaultChartDays = 30;
const maxChartDays = 366;

export type TAlertSummary = {
  /** Alerts per status under the other filters (the status filter itself is left out, so each tab shows its count). */
  byStatus: Record<AlertStatus, number>;
  /** Alerts per day (of lastSeenAt, UTC) and detector. */
  days: { day: string; counts: Record<string, number> }[];
  detectors: string[];
  window: { from: string; to: string };
};

export async function summarizeAlerts({
  reader,
  filters,
  now = new Date(),
}: {
  reader: TAlertReader;
  filters: TAlertListFilters;
  now?: Date;
}): Promise<TAlertSummary> {
  const to = filters.to ? new Date(filters.to) : now;
  const earliest = new Date(Math.floor(to.getTime() / DAY) * DAY - (maxChartDays - 1) * DAY);
  const from = filters.from
    ? new Date(Math.max(Date.parse(filters.from), earliest.getTime()))
    : new Date(to.getTime() - defaultChartDays * DAY);
  const chartFilters = { ...filters, from: from.toISOString(), to: to.toISOString() };
  const [statusRows, dayRows] = await Promise.all([
    db().$queryRaw<{ status: AlertStatus; count: bigint }[]>`
      SELECT status, count(*) AS count FROM "Alert" WHERE ${alertSqlConditions(reader.orgId, { ...filters, status: undefined })} GROUP BY status`,
    db().$queryRaw<{ day: string; detector: string; count: bigint }[]>(Prisma.sql`
      SELECT to_char(date_trunc('day', "lastSeenAt"), 'YYYY-MM-DD') AS day, detector, count(*) AS count
      FROM "Alert" WHERE ${alertSqlConditions(reader.orgId, chartFilters)}
      GROUP BY 1, 2 ORDER BY 1`),
  ]);
  const byStatus = Object.fromEntries(alertStatuses.map((status) => [status, 0])) as Record<AlertStatus, number>;
  for (const row of statusRows) byStatus[row.status] = Number(row.count);
  const detectors = [...new Set(dayRows.map((row) => row.detector))].sort();
  const days: TAlertSummary["days"] = [];
  const byDay = new Map<string, Record<string, number>>();
  for (const row of dayRows) {
    // Timestamps are stored as UTC without a zone, so the day is the UTC day.
    const counts = byDay.get(row.day) ?? {};
    counts[row.detector] = Number(row.count);
    byDay.set(row.day, counts);
  }
  for (let day = Math.floor(from.getTime() / DAY) * DAY; day <= to.getTime(); day += DAY) {
    const key = new Date(day).toISOString().slice(0, 10);
    days.push({ day: key, counts: byDay.get(key) ?? {} });
  }
  return { byStatus, days, detectors, window: { from: from.toISOString(), to: to.toISOString() } };
}
