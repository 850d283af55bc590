import type { Db } from "@/lib/db";
import { ZEvent, type TEvent } from "@/lib/ingest/event-schema";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import type { TLedgerKey } from "@/lib/ledger/ledger-key";
import type { TSubmitter } from "@/lib/ledger/ledger-record";
import { signCheckpoint, type TSignedCheckpoint } from "@/lib/ledger/sign-checkpoint";
import { DEMO_ORG_ID, type DemoOrganization } from "./demo-organization";
import { generateDemoEvents } from "./generate-demo-events";

export const demoEventsSubmitter: TSubmitter = { type: "system", id: "custody-demo-seed" };
export const demoEventsBatchSize = 5000;

export type TSeedDemoEventsResult = {
  events: number;
  appended: number;
  duplicates: number;
  seconds: number;
  eventsPerSecond: number;
  checkpoint: TSignedCheckpoint | null;
};

/**
 * Appends the demo organisation's events to its ledger through the real ingest path (each event
 * validated with ZEvent first, batches of at most 5,000, each batch one transaction; the next batch is generated meanwhile), then signs
 * one checkpoint. Events are generated lazily, so memory stays flat at any scale. Re-running is
 * harmless: event ids are deterministic, and the ledger skips ids it already holds.
 */
export async function seedDemoEvents({
  db,
  organization,
  now,
  days = 180,
  seed = 42,
  key,
  onProgress,
  batchSize = demoEventsBatchSize,
}: {
  db: Db;
  organization: DemoOrganization;
  now: Date;
  days?: number;
  seed?: number;
  key: TLedgerKey;
  onProgress?: (progress: { events: number; seconds: number; eventsPerSecond: number }) => void;
  batchSize?: number;
}): Promise<TSeedDemoEventsResult> {
  if (!(batchSize > 0 && batchSize <= demoEventsBatchSize)) throw new Error(`batchSize must be 1-${demoEventsBatchSize}, got ${batchSize}`);
  const started = performance.now();
  const generated = generateDemoEvents({ organization, now, days, seed })[Symbol.iterator]();
  // The next batch is generated and validated while the database writes the current one: in
  // small slices, so the append's own work is never kept waiting for long.
  const nextBatch = async (): Promise<TEvent[]> => {
    const batch: TEvent[] = [];
    while (batch.length < batchSize) {
      for (let slice = 0; slice < 250 && batch.length < batchSize; slice++) {
        const step = generated.next();
        if (step.done) return batch;
        batch.push(ZEvent.parse(step.value));
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    return batch;
  };
  let events = 0;
  let appended = 0;
  let duplicates = 0;
  let batch = await nextBatch();
  while (batch.length > 0) {
    const [result, next] = await Promise.all([
      ingestEvents({ client: db, orgId: DEMO_ORG_ID, submitter: demoEventsSubmitter, events: batch }),
      nextBatch(),
    ]);
    appended += result.appended;
    duplicates += result.duplicates;
    events += batch.length;
    const seconds = (performance.now() - started) / 1000;
    onProgress?.({ events, seconds, eventsPerSecond: events / Math.max(seconds, 1e-6) });
    batch = next;
  }
  const checkpoint = await signCheckpoint({ client: db, orgId: DEMO_ORG_ID, key });
  const seconds = (performance.now() - started) / 1000;
  return { events, appended, duplicates, seconds, eventsPerSecond: events / Math.max(seconds, 1e-6), checkpoint };
}
