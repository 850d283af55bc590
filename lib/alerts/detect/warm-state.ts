import type { TDetectEntry } from "./detector";

const everyState = new Set<{ clear(): void }>();

/** Registers memory a detector keeps in its own shape (checked the same way), so forgetWarmState forgets it too. */
export function keptAcrossBatches(state: { clear(): void }) {
  everyState.add(state);
}

/** Tests: forgets what every detector keeps, as a restart does (the next batch of each starts afresh). */
export function forgetWarmState() {
  for (const state of everyState) state.clear();
}

/** Which batch a detector is judging: enough to tell whether it follows the last one it saw. */
export type TBatchPlace = { orgId: string; entries: TDetectEntry[]; previousEventId: string | null };

/**
 * What a detector keeps in this process's memory between batches (counts, recent reads), so a
 * batch costs what is in it rather than what came before it. It is trusted only when the batch
 * begins exactly where the last kept one ended, in the same ledger (the event id before the
 * batch matches) and with the same settings: after a rolled-back batch, another process's pass,
 * a gap or a settings change the detector starts afresh from the ledger, so the verdicts never
 * depend on what this memory holds.
 */
export function warmState<T>() {
  const held = new Map<string, { nextSeq: bigint; lastEventId: string; value: T }>();
  everyState.add(held);
  const keyOf = (place: TBatchPlace, settingsKey: string) => `${place.orgId}\u0000${settingsKey}`;
  return {
    /** The state that continues into this batch, or a fresh one. Taken: a batch that fails leaves none. */
    take(place: TBatchPlace, settingsKey: string, fresh: () => T): T {
      const key = keyOf(place, settingsKey);
      const state = held.get(key);
      held.delete(key);
      const first = place.entries[0];
      if (state && first && state.nextSeq === first.seq && state.lastEventId === place.previousEventId) return state.value;
      return fresh();
    },
    /** Keeps the state as of the end of this batch. */
    keep(place: TBatchPlace, settingsKey: string, value: T) {
      const last = place.entries[place.entries.length - 1];
      if (last) held.set(keyOf(place, settingsKey), { nextSeq: last.seq + 1n, lastEventId: last.eventId, value });
    },
  };
}
