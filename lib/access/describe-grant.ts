import type { TGrantRow } from "./grant-row";
import { principalTypeLabels } from "./grant-vocabulary";

// Sentences for messages and confirmations. Times are UTC, as auditors compare them with logs.

export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "deploy on artifact defect-detector-resnet50 in prod, held by user Jordan Kim" */
export function describeGrant(row: Pick<TGrantRow, "action" | "scope" | "environment" | "principal">): string {
  const environment = row.environment ? ` in ${row.environment.name}` : "";
  return `${row.action} on ${row.scope.type} ${row.scope.name}${environment}, held by ${principalTypeLabels[row.principal.type].toLowerCase()} ${row.principal.name}`;
}
