/**
 * A server's log (Ongaro & Ousterhout 2014, Figure 2: `log[]`) as a persistent value: the first
 * `length` entries of a backing array that states of one run share.
 *
 * Why: Raft logs only ever change by truncating a suffix and appending (node.ts), and a follower
 * appends on almost every AppendEntries. With a plain immutable array each append copied the whole
 * log, O(log) per entry: the top item of the experiment-mode profile (27% of CPU time once logs
 * held thousands of entries). Here an append from the newest state pushes onto the backing array
 * in place, O(1); older states still see only their own prefix, because they keep their length.
 * Appending from an older state (a seek snapshot, a step back, a truncated log) reuses the entries
 * already in the array while they are the same entries (replaying a run appends the same ones:
 * determinism) and copies the prefix once, onto an array of its own, at the first that differs.
 * The same scheme as the kernel's trace (src/sim/core/trace.ts).
 *
 * The backing array is a true private field, so no one (tests that deep-freeze states included)
 * can reach or freeze it. Indices here are 0-based like an array's (`at(i)` holds the paper's entry i + 1). It reads like a
 * readonly array where the views need it (`length`, `map`, iteration); JSON gives the array.
 */
import type { Entry } from './types';

/** What log checks need: arrays and `RaftLog` both provide it. */
export interface LogView {
  readonly length: number;
  at(i: number): Entry | undefined;
}

const same = (a: Entry, b: Entry): boolean => a === b || (a.id === b.id && a.term === b.term && a.cmd === b.cmd);

/** A persistent Raft log: immutable to its holders, O(1) to extend from the newest state. */
export class RaftLog implements LogView, Iterable<Entry> {
  // A true private field: not an own enumerable property, so deep equality (tests) and JSON see
  // only `length` and the entries, never the shared array's other states' entries.
  readonly #buf: Entry[];
  /** Number of entries (the index of the last entry, in the paper's 1-based terms). */
  readonly length: number;

  private constructor(buf: Entry[], length: number) {
    this.#buf = buf;
    this.length = length;
  }

  /** The empty log. */
  static readonly empty: RaftLog = new RaftLog([], 0);

  /** A log holding a copy of `entries`. */
  static of(entries: Iterable<Entry>): RaftLog {
    const buf = [...entries];
    return new RaftLog(buf, buf.length);
  }

  /** Entry at 0-based position `i` (the paper's index i + 1), undefined outside the log. */
  at(i: number): Entry | undefined {
    return i >= 0 && i < this.length ? this.#buf[i] : undefined;
  }

  /** Term of the entry at 1-based `index` (0 for index 0, the empty prefix; -1 past the end). */
  termAt(index: number): number {
    if (index === 0) return 0;
    return index > 0 && index <= this.length ? this.#buf[index - 1].term : -1;
  }

  /** The last entry's term (0 for an empty log). */
  get lastTerm(): number {
    return this.length === 0 ? 0 : this.#buf[this.length - 1].term;
  }

  /** Entries [from, to) as a fresh array (like Array.prototype.slice, non-negative bounds). */
  slice(from = 0, to = this.length): Entry[] {
    return this.#buf.slice(Math.max(0, from), Math.min(this.length, to));
  }

  /** The entries as a fresh array. */
  toArray(): Entry[] {
    return this.#buf.slice(0, this.length);
  }

  /** Map over the entries (what the views use). */
  map<U>(f: (e: Entry, i: number) => U): U[] {
    const out: U[] = new Array<U>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = f(this.#buf[i], i);
    return out;
  }

  *[Symbol.iterator](): Iterator<Entry> {
    for (let i = 0; i < this.length; i++) yield this.#buf[i];
  }

  /** JSON (and anything that serialises states) sees a plain array of entries. */
  toJSON(): Entry[] {
    return this.toArray();
  }

  /** The first `n` entries (shares the backing array: truncation copies nothing). */
  truncate(n: number): RaftLog {
    const k = Math.max(0, Math.min(this.length, n));
    return k === this.length ? this : new RaftLog(this.#buf, k);
  }

  /** This log followed by `entries[from..]`. Never changes what this log (or any other) holds. */
  append(entries: readonly Entry[], from = 0): RaftLog {
    if (from >= entries.length) return this;
    // An empty log starts an array of its own (the shared empty log's array must never grow).
    let buf = this.length === 0 ? [] : this.#buf;
    let n = this.length;
    for (let i = from; i < entries.length; i++) {
      const e = entries[i];
      if (n < buf.length) {
        // Another state already extended this array: share while it holds the same entries.
        if (same(buf[n], e)) {
          n++;
          continue;
        }
        buf = buf.slice(0, n);
      }
      buf.push(e);
      n++;
    }
    return new RaftLog(buf, n);
  }
}
