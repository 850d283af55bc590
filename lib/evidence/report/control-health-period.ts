import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";

// The period a control-health report speaks for: whole UTC days, this quarter to date by default,
// within the daily history the dashboard keeps (two quarters, so "the last quarter" always fits).

const DAY_MS = 86_400_000;
/** As many days back as getControlHealth keeps rollups for. */
export const controlHistoryDays = 184;

/** A calendar day, YYYY-MM-DD, that exists (2026-02-30 does not). */
export const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD")
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00.000Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
  }, "a day that exists");

const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const addDays = (day: string, days: number) => dayOf(new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS));

/** The first day of the calendar quarter holding `day`. */
export function quarterStart(day: string): string {
  const month = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1;
  return `${day.slice(0, 4)}-${String(month).padStart(2, "0")}-01`;
}

export type TControlHealthPeriod = { fromDay: string; toDay: string; days: string[]; earliestDay: string; today: string };

/** The days from `from` (default: the start of `to`'s quarter) to `to` (default: today), checked against the history kept. */
export function controlHealthPeriod({ from, to }: { from?: string | null; to?: string | null }, now: Date): TControlHealthPeriod {
  const today = dayOf(now);
  const earliestDay = addDays(today, -(controlHistoryDays - 1));
  const toDay = to ?? today;
  const fromDay = from ?? quarterStart(toDay);
  const wrong = (field: string, message: string) => new AppError("INVALID_INPUT", message, { fieldErrors: [{ field, message }] });
  if (toDay > today) throw wrong("to", `The period ends in the future; it can end today (${today}) at the latest.`);
  if (fromDay > toDay) throw wrong("from", "The period starts after it ends.");
  if (fromDay < earliestDay)
    throw wrong("from", `Control health keeps ${controlHistoryDays} days of daily history: the period starts on ${earliestDay} or later.`);
  const days: string[] = [];
  for (let day = fromDay; day <= toDay; day = addDays(day, 1)) days.push(day);
  return { fromDay, toDay, days, earliestDay, today };
}
