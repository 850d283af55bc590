import type { DbTransaction } from "@/lib/db";
import type { TCatalogue } from "./catalogue";
import type { TDetectorKey, TDetectorSettings } from "@/lib/alerts/rules/detector-settings";

/** The derived columns of a ledger entry the detectors judge (the hashed bytes only when needed). */
export type TDetectEntry = {
  seq: bigint;
  eventId: string;
  occurredAt: Date;
  sourceSystem: string;
  action: string;
  actorId: string;
  actorType: string;
  actorDisplay: string | null;
  actorOnBehalfOf: string | null;
  artifactId: string | null;
  digest: string | null;
  environment: string | null;
  outcome: string;
  tokenId: string | null;
  /** `service_account:<id>` (ingest), `user:<id>` or `system:<id>` (Custody itself). */
  submittedBy: string;
  /** The record's network.sourceIp and network.userAgent (derived columns). */
  sourceIp: string | null;
  userAgent: string | null;
};

export const detectEntrySelect = {
  seq: true,
  eventId: true,
  occurredAt: true,
  sourceSystem: true,
  action: true,
  actorId: true,
  actorType: true,
  actorDisplay: true,
  actorOnBehalfOf: true,
  artifactId: true,
  digest: true,
  environment: true,
  outcome: true,
  tokenId: true,
  submittedBy: true,
  sourceIp: true,
  userAgent: true,
} as const;

/** What a detector found: one alert, or one more sighting of an open one with the same key. */
export type TFinding = {
  dedupKey: string;
  title: string;
  /** Why, in words: what was observed against what was expected. */
  summary: string;
  observed: Record<string, unknown>;
  expected: Record<string, unknown>;
  actorId: string | null;
  actorDisplay: string | null;
  artifactId: string | null;
  /** Ledger seqs the finding stands on; the first is the entry that raised it. */
  evidence: bigint[];
  occurredAt: Date;
};

export type TJudgeInput<K extends TDetectorKey> = {
  client: DbTransaction;
  orgId: string;
  /** The catalogue's rows, remembered while it does not change (catalogue.ts). */
  catalogue: TCatalogue;
  /** Entries to judge, in seq order; every entry before the first is history (already in the ledger). */
  entries: TDetectEntry[];
  /** The event id of the entry just before the first (null at the ledger's start): see warm-state.ts. */
  previousEventId: string | null;
  settings: TDetectorSettings<K>;
};

export type TDetector<K extends TDetectorKey> = {
  key: K;
  judge: (input: TJudgeInput<K>) => Promise<TFinding[]>;
};

/** Custody's own bookkeeping (alerts, ledger reads, sign-ins…) is not model access: most detectors skip it. */
export function isCustodyInternal(entry: TDetectEntry): boolean {
  return entry.sourceSystem === "custody";
}

export function actorLabel(entry: Pick<TDetectEntry, "actorId" | "actorDisplay">): string {
  return entry.actorDisplay && entry.actorDisplay !== entry.actorId ? `${entry.actorDisplay} (${entry.actorId})` : entry.actorId;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function isoMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
