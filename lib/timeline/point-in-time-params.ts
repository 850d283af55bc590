import { z } from "zod";

// "At a point in time" forms post their time as a datetime-local value ("2026-11-25T03:12",
// no zone): Custody shows every time in UTC, so that is how it is read. Full RFC 3339 times
// (from links: an event's occurredAt) are accepted as they are. Pure.

const localMinute = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

export const ZInstant = z
  .string()
  .trim()
  .refine(
    (value) => localMinute.test(value) || (!Number.isNaN(Date.parse(value)) && /[zZ]|[+-]\d{2}:?\d{2}$/.test(value)),
    "a time such as 2026-11-25T03:12 (UTC)",
  )
  .transform((value) => new Date(localMinute.test(value) ? `${value}${value.length === 16 ? ":00" : ""}Z` : value))
  .refine(
    (date) => !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= 2000 && date.getUTCFullYear() <= 2100,
    "a time between the years 2000 and 2100",
  );

export const accessWindows = { "1": "± 1 hour", "6": "± 6 hours", "24": "± 24 hours", "168": "± 7 days" } as const;

export const ZAccessAtParams = z.object({
  at: ZInstant.optional().catch(undefined),
  window: z
    .enum(Object.keys(accessWindows) as [keyof typeof accessWindows, ...(keyof typeof accessWindows)[]])
    .catch("24")
    .default("24"),
});

/** The value a datetime-local input shows for a time, in UTC ("2026-11-25T03:12"). */
export function toUtcInputValue(date: Date): string {
  return date.toISOString().slice(0, 16);
}
