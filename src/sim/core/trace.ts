/**
 * The run's trace, kept as an append-only shared array plus a per-state length.
 *
 * Why: copying a growing array on every step would make each step O(trace
 * length). Instead many states share one array, each seeing its first `len`
 * entries. Appending from the newest state just pushes. Appending from an older
 * state (after stepping back, or from a seek snapshot) first checks whether the
 * entry is the one already recorded at that position, which is always the case
 * when replaying the same run (determinism), and if so shares it; only a
 * genuinely different continuation (the reader changed the log) copies the
 * prefix, once, and continues on its own array. A frozen array (tests freeze
 * their inputs) is never pushed to.
 */
import type { TraceEntry } from './types';

/** A trace as stored in a simulation state: the first `len` entries of `buf`. */
export interface TraceBuf {
  readonly buf: readonly TraceEntry[];
  readonly len: number;
}

/** An empty trace. */
export function emptyTrace(): TraceBuf {
  return { buf: [], len: 0 };
}

/** Structural equality for plain data (trace entries and their payloads). */
export function plainEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!plainEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

function sameEntry(a: TraceEntry, b: TraceEntry): boolean {
  return (
    a.seq === b.seq &&
    a.t === b.t &&
    a.kind === b.kind &&
    a.node === b.node &&
    a.from === b.from &&
    a.to === b.to &&
    a.msgId === b.msgId &&
    a.label === b.label &&
    plainEqual(a.data, b.data)
  );
}

/** Append `e` (whose seq must equal `t.len`) and return the new trace; never changes what `t` shows. */
export function appendTrace(t: TraceBuf, e: TraceEntry): TraceBuf {
  const buf = t.buf as TraceEntry[];
  if (buf.length === t.len && !Object.isFrozen(buf)) {
    buf.push(e);
    return { buf, len: t.len + 1 };
  }
  if (t.len < buf.length && sameEntry(buf[t.len], e)) return { buf, len: t.len + 1 };
  const copy = buf.slice(0, t.len);
  copy.push(e);
  return { buf: copy, len: t.len + 1 };
}

/**
 * A mutable appender used inside one batch of work on a fresh state copy:
 * avoids allocating a TraceBuf per entry.
 */
export class TraceWriter {
  private buf: TraceEntry[];
  private n: number;
  constructor(t: TraceBuf) {
    this.buf = t.buf as TraceEntry[];
    this.n = t.len;
  }
  /** Number of entries so far (also the next entry's seq). */
  get length(): number {
    return this.n;
  }
  /** Append one entry (its seq must equal `length`). */
  push(e: TraceEntry): void {
    const buf = this.buf;
    if (buf.length === this.n && !Object.isFrozen(buf)) {
      buf.push(e);
    } else if (!(this.n < buf.length && sameEntry(buf[this.n], e))) {
      const copy = buf.slice(0, this.n);
      copy.push(e);
      this.buf = copy;
    }
    this.n++;
  }
  /** The resulting trace. */
  done(): TraceBuf {
    return { buf: this.buf, len: this.n };
  }
}

/** The entries visible in `t` (no copy when `t` is the newest state on its array). */
export function traceView(t: TraceBuf): readonly TraceEntry[] {
  return t.buf.length === t.len ? t.buf : t.buf.slice(0, t.len);
}

/** Entries with seq ≥ `from` (for incremental views and live announcements). */
export function traceSince(t: TraceBuf, from: number): readonly TraceEntry[] {
  return t.buf.slice(Math.max(0, from), t.len);
}
