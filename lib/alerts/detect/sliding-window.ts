import type { TDetectEntry } from "./detector";

/**
 * For each entry to judge, the busiest window of length `windowMs` that contains it, among the
 * entries of `pool` (history and the batch) with seq <= its own: what a threshold rule counts.
 * Sources deliver out of time order, so the window may reach past the entry as well as before it;
 * seq <= its own keeps the verdict the same whether the entry is judged live or in a history run.
 * `keyOf` counts distinct keys (mass download); without it every entry counts.
 */
export function windowsOf(
  pool: TDetectEntry[],
  judged: TDetectEntry[],
  windowMs: number,
  keyOf?: (entry: TDetectEntry) => string,
): Map<bigint, TDetectEntry[]> {
  const byTime = [...pool].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.seq < b.seq ? -1 : 1));
  const times = byTime.map((entry) => entry.occurredAt.getTime());
  const windows = new Map<bigint, TDetectEntry[]>();
  for (const entry of judged) {
    const t = entry.occurredAt.getTime();
    const candidates: TDetectEntry[] = [];
    for (let i = lowerBound(times, t - windowMs); i < times.length && times[i]! <= t + windowMs; i++)
      if (byTime[i]!.seq <= entry.seq) candidates.push(byTime[i]!);
    windows.set(entry.seq, busiestContaining(candidates, entry, windowMs, keyOf));
  }
  return windows;
}

function lowerBound(times: number[], value: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (times[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Two pointers over time-sorted candidates: the window [l..r] (span <= windowMs) holding `entry` with the largest measure. */
function busiestContaining(candidates: TDetectEntry[], entry: TDetectEntry, windowMs: number, keyOf?: (entry: TDetectEntry) => string) {
  const at = candidates.indexOf(entry);
  if (at < 0) return [];
  const counts = new Map<string, number>();
  let distinct = 0;
  const add = (item: TDetectEntry) => {
    const key = keyOf ? keyOf(item) : String(item.seq);
    const count = counts.get(key) ?? 0;
    if (count === 0) distinct++;
    counts.set(key, count + 1);
  };
  const remove = (item: TDetectEntry) => {
    const key = keyOf ? keyOf(item) : String(item.seq);
    const count = counts.get(key)!;
    if (count === 1) distinct--;
    counts.set(key, count - 1);
  };
  let best: [number, number] = [at, at];
  let bestMeasure = 0;
  let left = 0;
  for (let right = 0; right < candidates.length; right++) {
    add(candidates[right]!);
    while (candidates[right]!.occurredAt.getTime() - candidates[left]!.occurredAt.getTime() > windowMs) remove(candidates[left++]!);
    if (left <= at && at <= right && distinct > bestMeasure) {
      bestMeasure = distinct;
      best = [left, right];
    }
  }
  return candidates.slice(best[0], best[1] + 1);
}
