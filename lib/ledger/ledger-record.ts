// What one ledger entry hashes: the submitted event plus what the server adds (when it was
// recorded and who submitted it). Every field goes into the canonical bytes (DESIGN.md §4).
export type TSubmitter =
  { type: "service_account"; id: string; tokenId: string } | { type: "user"; id: string } | { type: "system"; id: string };

export type TLedgerEvent = {
  schemaVersion: 1;
  eventId: string;
  occurredAt: string;
  source: { system: string; component?: string; version?: string };
  interface: string;
  action: string;
  actor: { id: string; type: "user" | "service" | "token"; display?: string; onBehalfOf?: string };
  target?: { artifactId?: string; version?: string; digest?: string; uri?: string; environment?: string };
  outcome: { status: "success" | "failure" | "denied"; code?: string; message?: string };
  network?: { sourceIp?: string; userAgent?: string };
  requestId?: string;
  provenance?: { attestationDigest?: string; builder?: string; signer?: string; verified?: boolean };
  details?: Record<string, unknown>;
};

export type TLedgerRecord = TLedgerEvent & { recordedAt: string; submittedBy: TSubmitter };

export function submitterLabel(submitter: TSubmitter): string {
  return `${submitter.type}:${submitter.id}`;
}
