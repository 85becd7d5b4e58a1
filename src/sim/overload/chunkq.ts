/**
 * A persistent double-ended queue for the server's waiting requests: a list of small immutable
 * chunks. Every operation copies only the chunk it touches and the list of chunk references, so a
 * state change costs O(C + n/C) instead of O(n). That matters because the lab seeks by stepping one
 * event at a time, and each step must leave the previous state untouched: with a plain array, a
 * queue of 3,000 requests under overload meant copying 3,000 entries per event. (The server's
 * working copy, `Sim` in server.ts, applies the same copy-once rule but then changes the chunks it
 * owns in place, so a batch of many events stays amortised O(1) per operation.)
 */

/** Items per chunk. */
export const CHUNK = 64;
const C = CHUNK;

/** The queue: chunks in order, oldest item first; no chunk is empty. */
export interface ChunkQueue<T> {
  readonly chunks: readonly (readonly T[])[];
  readonly length: number;
}

/** An empty queue. */
export function emptyQueue<T>(): ChunkQueue<T> {
  return { chunks: [], length: 0 };
}

/** Add at the tail (newest end). */
export function pushTail<T>(q: ChunkQueue<T>, x: T): ChunkQueue<T> {
  const n = q.chunks.length;
  const last = n ? q.chunks[n - 1]! : null;
  if (last && last.length < C) return { chunks: [...q.chunks.slice(0, -1), [...last, x]], length: q.length + 1 };
  return { chunks: [...q.chunks, [x]], length: q.length + 1 };
}

/** The oldest item, if any. */
export function peekHead<T>(q: ChunkQueue<T>): T | undefined {
  return q.chunks[0]?.[0];
}

/** Remove the oldest item. */
export function popHead<T>(q: ChunkQueue<T>): [T | undefined, ChunkQueue<T>] {
  const first = q.chunks[0];
  if (!first) return [undefined, q];
  const rest = first.length > 1 ? [first.slice(1), ...q.chunks.slice(1)] : q.chunks.slice(1);
  return [first[0], { chunks: rest, length: q.length - 1 }];
}

/** Remove the newest item. */
export function popTail<T>(q: ChunkQueue<T>): [T | undefined, ChunkQueue<T>] {
  const n = q.chunks.length;
  const last = n ? q.chunks[n - 1]! : null;
  if (!last) return [undefined, q];
  const rest = last.length > 1 ? [...q.chunks.slice(0, -1), last.slice(0, -1)] : q.chunks.slice(0, -1);
  return [last[last.length - 1], { chunks: rest, length: q.length - 1 }];
}

/** The first `limit` items, oldest first (for drawing). */
export function headItems<T>(q: ChunkQueue<T>, limit = Infinity): T[] {
  const out: T[] = [];
  for (const c of q.chunks) {
    for (const x of c) {
      if (out.length >= limit) return out;
      out.push(x);
    }
  }
  return out;
}
