import type { GrantAction, GrantOrigin, PrincipalType } from "@/lib/generated/prisma/enums";

// The words of the Access pages, shared by the domain and the browser (no server-only here):
// the filter bar, the grant form and the tables all offer exactly what the domain accepts.

export const principalTypes = ["user", "group", "service_account"] as const satisfies readonly PrincipalType[];
export const grantActions = ["read", "write", "register", "deploy", "retire"] as const satisfies readonly GrantAction[];
export const grantOrigins = ["policy", "request", "break_glass", "review_exception"] as const satisfies readonly GrantOrigin[];
/** Review exceptions come only from an access review's decision, never from the grant form. */
export const manualGrantOrigins = ["policy", "request", "break_glass"] as const satisfies readonly GrantOrigin[];
export const grantStatusFilters = ["active", "upcoming", "expired", "revoked", "all"] as const;

export type TGrantStatusFilter = (typeof grantStatusFilters)[number];
/** A grant's state at a moment: `upcoming` has not reached its validFrom yet. */
export type TGrantStatus = "active" | "upcoming" | "expired" | "revoked";
export type TPrincipalKind = "employee" | "contractor" | "partner" | "service_account" | "group";

/** Break-glass access is an emergency measure: it must end within this many hours. */
export const BREAK_GLASS_MAX_HOURS = 72;

export const principalTypeLabels: Record<PrincipalType, string> = { user: "User", group: "Group", service_account: "Service account" };
export const principalKindLabels: Record<TPrincipalKind, string> = {
  employee: "Employee",
  contractor: "Contractor",
  partner: "Partner",
  service_account: "Service account",
  group: "Group",
};
export const grantActionLabels: Record<GrantAction, string> = {
  read: "Read",
  write: "Write",
  register: "Register",
  deploy: "Deploy",
  retire: "Retire",
};
export const grantOriginLabels: Record<GrantOrigin, string> = {
  policy: "Policy",
  request: "Request",
  break_glass: "Break-glass",
  review_exception: "Review exception",
};
export const grantStatusLabels: Record<TGrantStatusFilter, string> = {
  active: "Active",
  upcoming: "Not yet valid",
  expired: "Expired",
  revoked: "Revoked",
  all: "All",
};

export function isPrincipalType(value: string): value is PrincipalType {
  return (principalTypes as readonly string[]).includes(value);
}
