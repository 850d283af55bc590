/**
 * A ledger entry's indexed columns as the timeline, the ledger search and investigations read them
 * with raw SQL: what lists show and filter on, plus the stored bytes and leaf hash to check.
 */
export type TLedgerEventRow = {
  seq: bigint;
  eventId: string;
  occurredAt: Date;
  recordedAt: Date;
  action: string;
  actorId: string;
  actorType: string;
  artifactId: string | null;
  digest: string | null;
  environment: string | null;
  outcome: string;
  sourceSystem: string;
  interface: string;
  submittedBy: string;
  /** base64 of the stored bytes: exact even if they are not valid UTF-8. */
  canonical: string;
  /** Hex of the stored RFC 6962 leaf hash. */
  leafHash: string;
};
