import "server-only";
import { db, pgPoolFor, type Db } from "@/lib/db";
import { appendPreparedRecords, prepareRecords } from "@/lib/ledger/append-records";
import type { TLedgerRecord, TSubmitter } from "@/lib/ledger/ledger-record";
import type { TEvent } from "./event-schema";

export type TIngestResult = {
  appended: number;
  duplicates: number;
  events: { eventId: string; seq: string; status: "appended" | "duplicate" }[];
};

/**
 * Appends a validated batch atomically: every event or none. Returns only after the commit, so
 * an acknowledged event is durable. The submitter and the server's time are part of each record.
 */
export async function ingestEvents({
  orgId,
  submitter,
  events,
  client,
}: {
  orgId: string;
  submitter: TSubmitter;
  events: TEvent[];
  client?: Db;
}): Promise<TIngestResult> {
  const recordedAt = new Date().toISOString();
  // ZEvent lower-cases eventIds; callers that build events themselves get the same, so the hashed
  // id and the uuid column can never differ.
  const records: TLedgerRecord[] = events.map(
    (event) => ({ ...event, eventId: event.eventId.toLowerCase(), recordedAt, submittedBy: submitter }) as TLedgerRecord,
  );
  // Canonical bytes and leaf hashes first, outside the transaction and its lock.
  const prepared = prepareRecords(records);
  const results = await appendPreparedRecords(pgPoolFor(client ?? db()), orgId, prepared);
  const duplicates = results.filter((result) => result.duplicate).length;
  return {
    appended: results.length - duplicates,
    duplicates,
    events: results.map((result) => ({
      eventId: result.eventId,
      seq: result.seq.toString(),
      status: result.duplicate ? "duplicate" : "appended",
    })),
  };
}
