import type { TReviewRecurrence } from "./review-vocabulary";

const months: Record<Exclude<TReviewRecurrence, "none">, number> = { monthly: 1, quarterly: 3, semiannual: 6, yearly: 12 };

/** When the next instance of a recurring campaign launched at `from` launches (UTC calendar months). */
export function nextReviewLaunch(from: Date, recurrence: TReviewRecurrence): Date | null {
  if (recurrence === "none") return null;
  const next = new Date(from);
  const day = next.getUTCDate();
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + months[recurrence]);
  // The 31st of a shorter month becomes its last day, not the 1st of the month after.
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(day, lastDay));
  return next;
}

/** "2027 Q1", "2027-01", "2027 H1", "2027": the period an instance launched in. */
export function reviewPeriodLabel(at: Date, recurrence: TReviewRecurrence): string {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  switch (recurrence) {
    case "monthly":
      return `${year}-${String(month + 1).padStart(2, "0")}`;
    case "quarterly":
      return `${year} Q${Math.floor(month / 3) + 1}`;
    case "semiannual":
      return `${year} H${month < 6 ? 1 : 2}`;
    case "yearly":
      return String(year);
    case "none":
      return at.toISOString().slice(0, 10);
  }
}
