// One ledger event as an investigation shows it: the indexed columns, the few facts read from
// the hashed bytes that the table shows, and those bytes themselves (for the detail and exports).
// Seqs travel as strings: they outgrow JavaScript numbers. Pure: the browser imports the type.
import type { TLedgerEventRow } from "@/lib/ledger/ledger-event-row";

export type TInvestigationEventRow = {
  seq: string;
  eventId: string;
  occurredAt: string;
  recordedAt: string;
  action: string;
  actorId: string;
  actorType: string;
  actorDisplay: string | null;
  onBehalfOf: string | null;
  artifactId: string | null;
  version: string | null;
  digest: string | null;
  uri: string | null;
  environment: string | null;
  outcome: string;
  outcomeCode: string | null;
  outcomeMessage: string | null;
  sourceSystem: string;
  interface: string;
  sourceIp: string | null;
  submittedBy: string;
  /** RFC 6962 leaf hash (hex). */
  leafHash: string;
  /** The RFC 8785 canonical JSON as stored and hashed. */
  canonical: string;
};

export type TEventRowSource = TLedgerEventRow;

type TRecord = {
  actor?: { display?: unknown; onBehalfOf?: unknown };
  target?: { version?: unknown; uri?: unknown };
  outcome?: { code?: unknown; message?: unknown };
  network?: { sourceIp?: unknown };
};

const text = (value: unknown) => (typeof value === "string" ? value : null);

export function toInvestigationEventRow(source: TEventRowSource): TInvestigationEventRow {
  const canonical = Buffer.from(source.canonical, "base64").toString("utf8");
  let record: TRecord = {};
  try {
    const parsed: unknown = JSON.parse(canonical);
    if (parsed && typeof parsed === "object") record = parsed as TRecord;
  } catch {
    // Bytes that are not JSON (an altered entry) are shown as they are; verification says why.
  }
  return {
    seq: source.seq.toString(),
    eventId: source.eventId,
    occurredAt: source.occurredAt.toISOString(),
    recordedAt: source.recordedAt.toISOString(),
    action: source.action,
    actorId: source.actorId,
    actorType: source.actorType,
    actorDisplay: text(record.actor?.display),
    onBehalfOf: text(record.actor?.onBehalfOf),
    artifactId: source.artifactId,
    version: text(record.target?.version),
    digest: source.digest,
    uri: text(record.target?.uri),
    environment: source.environment,
    outcome: source.outcome,
    outcomeCode: text(record.outcome?.code),
    outcomeMessage: text(record.outcome?.message),
    sourceSystem: source.sourceSystem,
    interface: source.interface,
    sourceIp: text(record.network?.sourceIp),
    submittedBy: source.submittedBy,
    leafHash: source.leafHash,
    canonical,
  };
}
