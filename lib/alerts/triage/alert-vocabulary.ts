import { detectorDefaults } from "@/lib/alerts/rules/detector-settings";
import type { AlertCloseReason, AlertSeverity, AlertStatus } from "@/lib/generated/prisma/enums";

// The words of triage, shared by the domain, the pages and the browser (no server-only here).

export const alertStatuses = ["open", "acknowledged", "closed"] as const satisfies readonly AlertStatus[];
export const alertSeverities = ["low", "medium", "high", "critical"] as const satisfies readonly AlertSeverity[];
export const alertCloseReasons = [
  "true_positive",
  "benign_positive",
  "false_positive",
  "duplicate",
  "other",
] as const satisfies readonly AlertCloseReason[];

export const alertStatusLabels: Record<AlertStatus, string> = { open: "Open", acknowledged: "Acknowledged", closed: "Closed" };
export const alertSeverityLabels: Record<AlertSeverity, string> = { low: "Low", medium: "Medium", high: "High", critical: "Critical" };
export const closeReasonLabels: Record<AlertCloseReason, string> = {
  true_positive: "True positive",
  benign_positive: "Benign positive",
  false_positive: "False positive",
  duplicate: "Duplicate",
  other: "Other",
};
export const closeReasonDescriptions: Record<AlertCloseReason, string> = {
  true_positive: "It happened and it was wrong.",
  benign_positive: "It happened, and it was allowed or expected.",
  false_positive: "The detector was wrong.",
  duplicate: "Another alert covers it.",
  other: "Explain in the note.",
};

/** The lifecycle: what each step may start from. */
export const alertSteps = ["acknowledge", "assign", "close", "reopen"] as const;
export type TAlertStep = (typeof alertSteps)[number];
export const stepAllowedFrom: Record<TAlertStep, readonly AlertStatus[]> = {
  acknowledge: ["open"],
  assign: ["open", "acknowledged"],
  close: ["open", "acknowledged"],
  reopen: ["closed"],
};

/** The detectors' keys and names, as the detection engine writes them into Alert.detector. */
/** The detectors' names, as the rules declare them (lib/alerts/rules/detector-settings.ts). */
export const detectorLabels: Record<string, string> = Object.fromEntries(
  Object.entries(detectorDefaults).map(([key, { title }]) => [key, title]),
);

export function detectorLabel(detector: string): string {
  return detectorLabels[detector] ?? detector.replaceAll("_", " ");
}

export function alertLabel(number: number): string {
  return `ALR-${number}`;
}

/** Suppressions last at most a year: a silence nobody renews should end. */
export const SUPPRESSION_MAX_DAYS = 366;
export const suppressionLimits = { reasonMin: 3, reasonMax: 1000, noteMax: 2000 } as const;
