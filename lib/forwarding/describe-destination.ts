import type { TEventFilter } from "./destination-input";

const severityWords = { low: "every severity", medium: "medium and above", high: "high and critical", critical: "critical only" } as const;

/** What a destination forwards, in words: "Alerts, high and critical, from mass_download · Events: artifact.deploy in production". */
export function describeFilters(destination: {
  forwardAlerts: boolean;
  minSeverity: keyof typeof severityWords;
  detectors: string[];
  eventFilter: unknown;
}): string[] {
  const parts: string[] = [];
  if (destination.forwardAlerts)
    parts.push(
      `Alerts: ${severityWords[destination.minSeverity]}, ${destination.detectors.length > 0 ? `from ${destination.detectors.join(", ")}` : "every detector"}`,
    );
  const filter = destination.eventFilter as TEventFilter | null;
  if (filter) {
    const actions = [...filter.actions, ...(filter.actionPrefix ? [`${filter.actionPrefix}*`] : [])];
    const where = [
      filter.environment ? `in ${filter.environment}` : null,
      filter.artifactId ? `on ${filter.artifactId}` : null,
      filter.outcome ? `with outcome ${filter.outcome}` : null,
    ].filter(Boolean);
    parts.push(
      `Ledger events: ${actions.length > 0 ? actions.join(", ") : "every action"}${where.length > 0 ? ` ${where.join(" ")}` : ""}`,
    );
  }
  return parts;
}
