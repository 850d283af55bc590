const DAY_MS = 86_400_000;

/** `days` may be negative or fractional; demo timestamps are all written relative to `now`. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + Math.round(days * DAY_MS));
}
