import type { GrantAction } from "@/lib/generated/prisma/enums";
import { actionPrivilegeOrder, NEW_GRANT_DAYS, USAGE_WINDOW_DAYS, type TReviewRecommendation } from "./review-vocabulary";

// What the evidence suggests for one grant, and why, in words a reviewer can check against the
// usage shown beside it. Pure: the launch computes it once and the snapshot keeps it.

const DAY_MS = 86_400_000;

export type TActionUsage = { lastAt: string | null; uses90d: number; uses: number };
export type TUsageByAction = Record<GrantAction, TActionUsage>;

export type TRecommendationInput = {
  action: GrantAction;
  validFrom: Date;
  validUntil: Date | null;
  principalKind: string;
  principalDisabled: boolean;
  engagementEndsAt: Date | null;
  usage: TUsageByAction;
  now: Date;
};

export type TRecommendation = {
  recommendation: TReviewRecommendation;
  reason: string;
  recommendedAction: GrantAction | null;
  recommendedValidUntil: Date | null;
};

export function emptyUsage(): TUsageByAction {
  const none = (): TActionUsage => ({ lastAt: null, uses90d: 0, uses: 0 });
  return { read: none(), write: none(), register: none(), deploy: none(), retire: none() };
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const times = (count: number) => `${count} ${count === 1 ? "time" : "times"}`;

export function recommendReviewItem(input: TRecommendationInput): TRecommendation {
  const { action, usage, now } = input;
  const result = (recommendation: TReviewRecommendation, reason: string, extra: Partial<TRecommendation> = {}): TRecommendation => ({
    recommendation,
    reason,
    recommendedAction: null,
    recommendedValidUntil: null,
    ...extra,
  });

  if (input.principalDisabled) return result("revoke", "The account is disabled: nobody should hold its access.");
  const external = input.principalKind === "contractor" || input.principalKind === "partner";
  const ends = input.engagementEndsAt;
  if (external && ends && ends <= now) return result("revoke", `The ${input.principalKind}'s engagement ended on ${day(ends)}.`);

  const own = usage[action];
  const usedRecently = own.uses90d > 0;
  if (usedRecently) {
    const shorten = shortenToEngagement(input);
    if (shorten) return shorten;
    return result(
      "keep",
      `Used ${times(own.uses90d)} in the last ${USAGE_WINDOW_DAYS} days (last on ${day(new Date(own.lastAt as string))}).`,
    );
  }

  const ageDays = Math.floor((now.getTime() - input.validFrom.getTime()) / DAY_MS);
  if (ageDays < NEW_GRANT_DAYS) {
    return shortenToEngagement(input) ?? result("keep", `Granted ${Math.max(ageDays, 0)} days ago: too recent to judge from usage.`);
  }

  // Holds more than it uses: the most powerful action it did use recently is enough.
  const lower = actionPrivilegeOrder.slice(0, actionPrivilegeOrder.indexOf(action)).filter((candidate) => candidate !== "deploy");
  const usedLower = [...lower].reverse().find((candidate) => usage[candidate].uses90d > 0);
  const never = own.uses === 0;
  const idle = never ? "never used" : `last used on ${day(new Date(own.lastAt as string))}, not in the last ${USAGE_WINDOW_DAYS} days`;
  if (usedLower) {
    return result(
      "downgrade",
      `Holds ${action}, ${idle}; only ${usedLower} was used (${times(usage[usedLower].uses90d)} in ${USAGE_WINDOW_DAYS} days) → ${usedLower}.`,
      { recommendedAction: usedLower },
    );
  }
  return result(
    "revoke",
    never
      ? `Never used since it was granted on ${day(input.validFrom)}.`
      : `Not used in the last ${USAGE_WINDOW_DAYS} days (last on ${day(new Date(own.lastAt as string))}).`,
  );
}

/** Contractors' and partners' access should end with their engagement. */
function shortenToEngagement(input: TRecommendationInput): TRecommendation | null {
  const ends = input.engagementEndsAt;
  if (!ends || (input.principalKind !== "contractor" && input.principalKind !== "partner")) return null;
  if (input.validUntil && input.validUntil <= ends) return null;
  const now = input.validUntil ? `runs until ${day(input.validUntil)}` : "has no end date";
  return {
    recommendation: "shorten_expiry",
    reason: `The ${input.principalKind}'s engagement ends on ${day(ends)}, but the grant ${now} → end it with the engagement.`,
    recommendedAction: null,
    recommendedValidUntil: ends,
  };
}
