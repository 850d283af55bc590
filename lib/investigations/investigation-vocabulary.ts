import type { InvestigationSeverity, InvestigationStatus } from "@/lib/generated/prisma/enums";

// The words of investigations, shared by the domain and the browser (no server-only here): the
// forms, filters and badges offer exactly what the domain accepts.

export const investigationSeverities = ["low", "medium", "high", "critical"] as const satisfies readonly InvestigationSeverity[];
export const investigationStatuses = ["open", "contained", "closed"] as const satisfies readonly InvestigationStatus[];

export const severityLabels: Record<InvestigationSeverity, string> = { low: "Low", medium: "Medium", high: "High", critical: "Critical" };
export const statusLabels: Record<InvestigationStatus, string> = { open: "Open", contained: "Contained", closed: "Closed" };
export const severityTones = { low: "neutral", medium: "info", high: "warning", critical: "danger" } as const satisfies Record<
  InvestigationSeverity,
  string
>;
export const statusTones = { open: "accent", contained: "warning", closed: "neutral" } as const satisfies Record<
  InvestigationStatus,
  string
>;

/** open → contained → closed; a closed case can be reopened, a contained one can go back to open. */
export const statusTransitions: Record<InvestigationStatus, readonly InvestigationStatus[]> = {
  open: ["contained", "closed"],
  contained: ["closed", "open"],
  closed: ["open"],
};

/** What the button that moves a case to a status says. */
export const statusActionLabels: Record<InvestigationStatus, string> = { open: "Reopen", contained: "Mark contained", closed: "Close" };

/** The list's status filter: `active` (the default) is open and contained. */
export const statusFilters = ["active", "open", "contained", "closed", "all"] as const;
export type TStatusFilter = (typeof statusFilters)[number];
export const statusFilterLabels: Record<TStatusFilter, string> = {
  active: "Open or contained",
  open: "Open",
  contained: "Contained",
  closed: "Closed",
  all: "All",
};

/** Roles whose holders may be assigned an investigation. */
export const assignableRoles = ["incident_responder", "admin"] as const;

/** Short lower-case words; the migration's check constraint holds the same rule. */
export const tagPattern = /^[a-z0-9][a-z0-9:._-]{0,39}$/;
export const suggestedTags = [
  "key-event",
  "suspicious",
  "malicious",
  "benign",
  "false-positive",
  "initial-access",
  "exfiltration",
  "unauthorized-deploy",
  "needs-follow-up",
] as const;

export const investigationLimits = {
  /** Events one investigation may hold: enough for any case a person can read. */
  events: 5000,
  /** Seqs one request may add. */
  seqsPerRequest: 500,
  commentLength: 4000,
  narrativeLength: 100_000,
  titleLength: 200,
  summaryLength: 2000,
  scopeArtifacts: 50,
  viewName: 80,
  savedViews: 50,
} as const;

export function investigationLabel(number: number): string {
  return `INV-${number}`;
}

/** A person's or a system's name as the ledger recorded it, for the tables. */
export type TPersonRef = { id: string; name: string };
