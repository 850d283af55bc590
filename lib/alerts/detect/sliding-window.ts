import type { TDetectEntry } from "./detector";

/**
 * For each entry to judge, the entries of `pool` (history and the batch) with seq <= its own and
 * occurredAt within [occurredAt - windowMs, occurredAt]: what a stateful rule counts. The pool is
 * sorted by time once; each look is a binary search plus the window's own entries.
 */
export function windowsOf(pool: TDetectEntry[], judged: TDetectEntry[], windowMs: number): Map<bigint, TDetectEntry[]> {
  const byTime = [...pool].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.seq < b.seq ? -1 : 1));
  const times = byTime.map((entry) => entry.occurredAt.getTime());
  const windows = new Map<bigint, TDetectEntry[]>();
  for (const entry of judged) {
    const end = entry.occurredAt.getTime();
    let low = 0;
    let high = times.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (times[middle]! < end - windowMs) low = middle + 1;
      else high = middle;
    }
    const window: TDetectEntry[] = [];
    for (let i = low; i < times.length && times[i]! <= end; i++) if (byTime[i]!.seq <= entry.seq) window.push(byTime[i]!);
    windows.set(entry.seq, window);
  }
  return windows;
}
