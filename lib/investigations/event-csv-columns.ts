import type { TInvestigationEventRow } from "./investigation-event-row";

// The columns every CSV of ledger events starts with, in this order (the ledger search export and
// the investigation export); each export adds its own after them.

const columns = [
  ["seq", (event) => event.seq],
  ["occurredAt", (event) => event.occurredAt],
  ["recordedAt", (event) => event.recordedAt],
  ["action", (event) => event.action],
  ["actorId", (event) => event.actorId],
  ["actorType", (event) => event.actorType],
  ["actorDisplay", (event) => event.actorDisplay],
  ["onBehalfOf", (event) => event.onBehalfOf],
  ["artifactId", (event) => event.artifactId],
  ["version", (event) => event.version],
  ["digest", (event) => event.digest],
  ["environment", (event) => event.environment],
  ["uri", (event) => event.uri],
  ["outcome", (event) => event.outcome],
  ["outcomeCode", (event) => event.outcomeCode],
  ["sourceSystem", (event) => event.sourceSystem],
  ["interface", (event) => event.interface],
  ["sourceIp", (event) => event.sourceIp],
] as const satisfies readonly (readonly [string, (event: TInvestigationEventRow) => string | null | undefined])[];

export const eventCsvHeader: readonly string[] = columns.map(([name]) => name);

export function eventCsvValues(event: TInvestigationEventRow): (string | null | undefined)[] {
  return columns.map(([, value]) => value(event));
}
