/**
 * A persistent sparse vector for the safety monitor's per-index records (the entry first applied at
 * index i, the first commit recorded at index i): the first `length` slots of a backing array that
 * the monitors of one run share, as the trace and the servers' logs do (core/trace.ts, log.ts).
 *
 * Why: the monitor records one slot per newly committed index, and copying a dense array for each
 * (an O(log) copy per commit, two arrays) made lab-mode runs with long logs spend most of their time
 * in the garbage collector. Setting the slot just past the end from the newest monitor pushes in
 * place; an older monitor (a seek snapshot) shares slots while they hold equal values and copies its
 * prefix once where they differ; filling a hole below the end copies (rare: only after a leader
 * change leaves an index without a record).
 */
export class SharedVec<T> implements Iterable<T | undefined> {
  readonly #buf: (T | undefined)[];
  /** Number of slots (the highest index set, 1-based, or 0). */
  readonly length: number;
  readonly #eq: (a: T, b: T) => boolean;

  private constructor(buf: (T | undefined)[], length: number, eq: (a: T, b: T) => boolean) {
    this.#buf = buf;
    this.length = length;
    this.#eq = eq;
  }

  /** An empty vector whose values compare with `eq` (used when a shared slot may be reused). */
  static empty<T>(eq: (a: T, b: T) => boolean): SharedVec<T> {
    return new SharedVec<T>([], 0, eq);
  }

  /** Slot `i` (0-based), undefined if unset or past the end. */
  at(i: number): T | undefined {
    return i >= 0 && i < this.length ? this.#buf[i] : undefined;
  }

  /** This vector with slot `i` set to `v`; never changes what this vector (or any other) holds. */
  set(i: number, v: T): SharedVec<T> {
    const n = this.length;
    if (i < n) {
      const copy = this.#buf.slice(0, n);
      copy[i] = v;
      return new SharedVec(copy, n, this.#eq);
    }
    let buf = n === 0 ? [] : this.#buf;
    for (let k = n; k <= i; k++) {
      const want = k === i ? v : undefined;
      if (k < buf.length) {
        const have = buf[k];
        if (have === want || (have !== undefined && want !== undefined && this.#eq(have, want))) continue;
        buf = buf.slice(0, k);
      }
      buf.push(want);
    }
    return new SharedVec(buf, i + 1, this.#eq);
  }

  *[Symbol.iterator](): Iterator<T | undefined> {
    for (let i = 0; i < this.length; i++) yield this.#buf[i];
  }

  /** JSON sees a plain array. */
  toJSON(): (T | undefined)[] {
    return this.#buf.slice(0, this.length);
  }
}
