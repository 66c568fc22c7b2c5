/**
 * The training history as the file keeps it: every epoch of a short run, and for long runs the recent epochs in
 * full with the older ones thinned, so that 20,000 epochs do not make a 2 MB file (`training.historyLimit`,
 * docs/nnjson.md). Records keep their epoch numbers, so charts and counts read them as they are. Browser-safe.
 */
import type { EpochRecord } from '../shared/nnjson';

/** How many epochs the model has been trained for: the last record's number (a thinned history has gaps). */
export function epochsTrained(history: readonly EpochRecord[] | undefined): number {
  return history && history.length > 0 ? history[history.length - 1].epoch : 0;
}

/**
 * At most `limit` records (0: no limit): the newest half of the limit as they are, and the rest of the limit
 * spread evenly over the older epochs, always keeping the first. Thinning an already thinned history again
 * keeps the spread even, so repeated runs do not pile records up at one end.
 */
export function compactHistory(history: readonly EpochRecord[], limit: number): EpochRecord[] {
  if (limit <= 0 || history.length <= limit) return [...history];
  const recentCount = Math.ceil(limit / 2);
  const older = history.slice(0, history.length - recentCount);
  const olderCount = limit - recentCount;
  const kept: EpochRecord[] = [];
  if (olderCount > 0) {
    const first = older[0].epoch;
    const last = older[older.length - 1].epoch;
    let next = 0;
    for (let k = 0; k < olderCount; k++) {
      // the record closest to the k-th of olderCount evenly spaced epochs, never one already taken
      const target = olderCount === 1 ? first : first + ((last - first) * k) / (olderCount - 1);
      while (next + 1 < older.length && Math.abs(older[next + 1].epoch - target) <= Math.abs(older[next].epoch - target)) next++;
      if (kept.length === 0 || kept[kept.length - 1] !== older[next]) kept.push(older[next]);
      else if (next + 1 < older.length) kept.push(older[++next]);
    }
  }
  return [...kept, ...history.slice(history.length - recentCount)];
}
