import { z } from "zod";

// RFC 3339 instants from outside (`2026-11-28T09:30:00Z`, `2026-11-28T10:30:00.250+01:00`),
// checked field by field: JavaScript's Date rolls 2026-02-30 over to March and accepts year 0000,
// which PostgreSQL then refuses with a 500. Pure.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|([+-])(\d{2}):(\d{2}))$/;

export const instantFormatMessage = "an RFC 3339 time such as 2026-11-28T09:30:00Z";

/** Milliseconds since the epoch of an RFC 3339 date-time, or null when it is not one (or names no real day). */
export function parseRfc3339(text: string): number | null {
  const match = RFC3339.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  if (match[9] && (Number(match[10]) > 23 || Number(match[11]) > 59)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export type TInstantBounds = { notBefore: string; notAfter: string };

/** What every query accepts: from the epoch (keyset cursors start there) to the end of year 9999. */
export const queryInstantBounds: TInstantBounds = { notBefore: "1970-01-01T00:00:00Z", notAfter: "9999-12-31T23:59:59.999Z" };

/** An RFC 3339 instant within `bounds`, kept as the text sent. */
export function instantSchema(bounds: TInstantBounds = queryInstantBounds) {
  const notBefore = Date.parse(bounds.notBefore);
  const notAfter = Date.parse(bounds.notAfter);
  return z.string({ error: instantFormatMessage }).superRefine((text, context) => {
    const ms = parseRfc3339(text);
    if (ms === null) context.addIssue({ code: "custom", message: instantFormatMessage });
    else if (ms < notBefore) context.addIssue({ code: "custom", message: `not before ${bounds.notBefore}` });
    else if (ms > notAfter) context.addIssue({ code: "custom", message: `not after ${bounds.notAfter.replace(/\.999Z$/, "Z")}` });
  });
}

/** An RFC 3339 instant a query can use (1970 to 9999). */
export const ZInstant = instantSchema();
