/**
 * The discrete-event queue: a binary min-heap ordered by (time, seq).
 *
 * Ordering by an insertion sequence number as the tie-breaker makes the order
 * of simultaneous events total and reproducible, which is what lets a run be
 * replayed exactly (the classic event-list of discrete-event simulation).
 *
 * The heap is a plain array of plain objects. Functions here mutate the array
 * they are given; the kernel only calls them on an array it has just copied.
 */
import type { Time } from './types';

/** Anything that can sit in the queue. */
export interface Queued {
  readonly t: Time;
  readonly seq: number;
}

function less(a: Queued, b: Queued): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}

/** Insert `e` into heap `h` (mutates `h`). */
export function heapPush<E extends Queued>(h: E[], e: E): void {
  let i = h.length;
  h.push(e);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!less(e, h[p])) break;
    h[i] = h[p];
    i = p;
  }
  h[i] = e;
}

/** Remove and return the least element of heap `h` (mutates `h`), or undefined if empty. */
export function heapPop<E extends Queued>(h: E[]): E | undefined {
  const n = h.length;
  if (n === 0) return undefined;
  const top = h[0];
  const last = h.pop() as E;
  if (n > 1) siftDown(h, 0, last);
  return top;
}

function siftDown<E extends Queued>(h: E[], start: number, e: E): void {
  const n = h.length;
  let i = start;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && less(h[c + 1], h[c])) c++;
    if (!less(h[c], e)) break;
    h[i] = h[c];
    i = c;
  }
  h[i] = e;
}

/** Restore the heap property over an arbitrary array (mutates `h`); O(n). */
export function heapify<E extends Queued>(h: E[]): void {
  for (let i = (h.length >> 1) - 1; i >= 0; i--) siftDown(h, i, h[i]);
}

/** The queue's contents in processing order (copy; O(n log n)), for views and tests. */
export function heapSorted<E extends Queued>(h: readonly E[]): E[] {
  return [...h].sort((a, b) => (a.t - b.t) || (a.seq - b.seq));
}
