import type { GrantAction } from "@/lib/generated/prisma/enums";

// The words of the access-review pages, shared by the domain and the browser (no server-only):
// forms and filters offer exactly what the domain accepts.

export const reviewDecisions = ["certify", "revoke", "modify", "accept_risk"] as const;
export type TReviewDecision = (typeof reviewDecisions)[number];
/** Decisions a reviewer may apply to many items at once; modify and accept_risk need per-item details. */
export const bulkReviewDecisions = ["certify", "revoke"] as const;

export const reviewRecurrences = ["none", "monthly", "quarterly", "semiannual", "yearly"] as const;
export type TReviewRecurrence = (typeof reviewRecurrences)[number];

export const reviewSilences = ["keep", "revoke"] as const;
export type TReviewSilence = (typeof reviewSilences)[number];

export const reviewRecommendations = ["keep", "revoke", "downgrade", "shorten_expiry"] as const;
export type TReviewRecommendation = (typeof reviewRecommendations)[number];

export const reviewerSteps = ["artifact_owner", "principal_manager"] as const;
export type TReviewerStep = (typeof reviewerSteps)[number];

/** Principal kinds a campaign can be scoped to. */
export const reviewPrincipalKinds = ["employee", "contractor", "partner", "service_account", "group"] as const;
export type TReviewPrincipalKind = (typeof reviewPrincipalKinds)[number];

export const reviewItemStates = ["pending", "decided", "signed", "closed", "all"] as const;
export type TReviewItemState = (typeof reviewItemStates)[number];

/** Usage of the granted action: never, not in the last 90 days, or in them. */
export const reviewUsageFilters = ["never", "stale", "recent"] as const;
export type TReviewUsageFilter = (typeof reviewUsageFilters)[number];

/** The order of privilege used by "downgrade": a modification may only move left. */
export const actionPrivilegeOrder: readonly GrantAction[] = ["read", "write", "register", "deploy", "retire"];

/** Longest a risk acceptance may run. */
export const RISK_ACCEPTANCE_MAX_DAYS = 365;
/** How long a verified second factor allows signing off. */
export const STEP_UP_WINDOW_MINUTES = 5;
/** The usage window of the evidence. */
export const USAGE_WINDOW_DAYS = 90;
/** Grants younger than this are too new to call unused. */
export const NEW_GRANT_DAYS = 30;

export const reviewDecisionLabels: Record<TReviewDecision, string> = {
  certify: "Certify",
  revoke: "Revoke",
  modify: "Modify",
  accept_risk: "Accept risk",
};

export const reviewRecurrenceLabels: Record<TReviewRecurrence, string> = {
  none: "Once (no recurrence)",
  monthly: "Monthly",
  quarterly: "Quarterly",
  semiannual: "Every six months",
  yearly: "Yearly",
};

export const reviewSilenceLabels: Record<TReviewSilence, string> = {
  keep: "Keep the access",
  revoke: "Revoke the access",
};

export const reviewRecommendationLabels: Record<TReviewRecommendation, string> = {
  keep: "Keep",
  revoke: "Revoke",
  downgrade: "Downgrade",
  shorten_expiry: "Shorten expiry",
};

export const reviewerStepLabels: Record<string, string> = {
  artifact_owner: "Artifact owner",
  principal_manager: "Principal's manager",
  fallback: "Fallback reviewer",
  campaign_owner: "Campaign owner",
  reassigned: "Reassigned",
  delegated: "Delegated",
  unassigned: "Unassigned",
};

export const reviewPrincipalKindLabels: Record<TReviewPrincipalKind, string> = {
  employee: "Employees",
  contractor: "Contractors",
  partner: "Partners",
  service_account: "Service accounts",
  group: "Groups",
};

export const reviewItemStateLabels: Record<TReviewItemState, string> = {
  pending: "Not decided",
  decided: "Decided, not signed",
  signed: "Signed off",
  closed: "Settled at close",
  all: "All",
};

export const reviewUsageFilterLabels: Record<TReviewUsageFilter, string> = {
  never: "Never used",
  stale: `Not used in ${USAGE_WINDOW_DAYS} days`,
  recent: `Used in the last ${USAGE_WINDOW_DAYS} days`,
};

export const reviewOutcomeLabels: Record<string, string> = {
  kept: "Kept",
  revoked: "Revoked",
  modified: "Modified",
  exception_granted: "Exception granted",
  lapsed: "Let lapse",
  grant_unavailable: "Grant already gone",
  silence_kept: "Kept (no answer)",
  silence_revoked: "Revoked (no answer)",
};

export function isLowerPrivilege(candidate: GrantAction, than: GrantAction): boolean {
  return actionPrivilegeOrder.indexOf(candidate) < actionPrivilegeOrder.indexOf(than);
}
