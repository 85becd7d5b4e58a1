/**
 * The breaker's sliding windows, as resilience4j measures them (`FixedSizeSlidingWindowMetrics`
 * and `SlidingTimeWindowMetrics` in resilience4j-core):
 *
 * - COUNT_BASED: the outcomes of the last N calls.
 * - TIME_BASED: the outcomes of calls recorded in the last N whole seconds, kept as one bucket per
 *   epoch second; a bucket leaves the window once its second is N or more seconds old. A call counts
 *   in the second it *completed*, as resilience4j records it on completion.
 *
 * Both are plain data updated by pure functions, and the counters are integers, so the rates are
 * exact: failureRate = 100·failed/total, slowCallRate = 100·slow/total, as in resilience4j's
 * `SnapshotImpl`.
 */

/** A recorded outcome: bit 1 = failed, bit 2 = slow. */
export type Outcome = 0 | 1 | 2 | 3;

/** One second of a time-based window. */
export interface Bucket {
  readonly sec: number;
  readonly total: number;
  readonly failed: number;
  readonly slow: number;
}

/** A sliding window of outcomes (count- or time-based) with its running totals. */
export interface Window {
  readonly kind: 'COUNT_BASED' | 'TIME_BASED';
  /** Calls (count-based) or seconds (time-based). */
  readonly size: number;
  /** Count-based: the last ≤ size outcomes, oldest first. */
  readonly calls: readonly Outcome[];
  /** Time-based: buckets in increasing second, all within the window. */
  readonly buckets: readonly Bucket[];
  readonly total: number;
  readonly failed: number;
  readonly slow: number;
}

/** An empty window. */
export function emptyWindow(kind: Window['kind'], size: number): Window {
  return { kind, size, calls: [], buckets: [], total: 0, failed: 0, slow: 0 };
}

const isFailed = (o: Outcome): number => o & 1;
const isSlow = (o: Outcome): number => (o >> 1) & 1;

/** Drop time-based buckets that have left the window at time `now` (ms). */
export function moveWindow(w: Window, now: number): Window {
  if (w.kind !== 'TIME_BASED' || w.buckets.length === 0) return w;
  const sec = Math.floor(now / 1000);
  const first = w.buckets.findIndex((b) => b.sec > sec - w.size);
  if (first === 0) return w;
  const keep = first < 0 ? [] : w.buckets.slice(first);
  let total = 0, failed = 0, slow = 0;
  for (const b of keep) { total += b.total; failed += b.failed; slow += b.slow; }
  return { ...w, buckets: keep, total, failed, slow };
}

/** Record one outcome completed at time `now` and return the new window. */
export function record(w: Window, o: Outcome, now: number): Window {
  const f = isFailed(o), s = isSlow(o);
  if (w.kind === 'COUNT_BASED') {
    if (w.calls.length < w.size) {
      return { ...w, calls: [...w.calls, o], total: w.total + 1, failed: w.failed + f, slow: w.slow + s };
    }
    const out = w.calls[0]!;
    return { ...w, calls: [...w.calls.slice(1), o], failed: w.failed - isFailed(out) + f, slow: w.slow - isSlow(out) + s };
  }
  const moved = moveWindow(w, now);
  const sec = Math.floor(now / 1000);
  const last = moved.buckets[moved.buckets.length - 1];
  const buckets = last && last.sec === sec
    ? [...moved.buckets.slice(0, -1), { sec, total: last.total + 1, failed: last.failed + f, slow: last.slow + s }]
    : [...moved.buckets, { sec, total: 1, failed: f, slow: s }];
  return { ...moved, buckets, total: moved.total + 1, failed: moved.failed + f, slow: moved.slow + s };
}

/** Failure rate in percent, or -1 below `minCalls` (resilience4j's convention). */
export function failureRate(w: Window, minCalls: number): number {
  return w.total === 0 || w.total < minCalls ? -1 : (w.failed * 100) / w.total;
}

/** Slow-call rate in percent, or -1 below `minCalls`. */
export function slowCallRate(w: Window, minCalls: number): number {
  return w.total === 0 || w.total < minCalls ? -1 : (w.slow * 100) / w.total;
}
