/**
 * The replay engine: one run, seekable by time or by step, forwards and backwards. Every lab's
 * store moves through a `SeekableRun`, and `npm run bench -- kernel` measures this same class.
 *
 * The run is defined by its RunSpec; this class only caches states. It keeps a snapshot every
 * `snapshotEvery` steps and finds the nearest one by binary search, so reaching step k replays at
 * most `snapshotEvery` steps: the cost of a short seek or a step back is bounded and does not grow
 * with the length of the run. (States share their trace array, see trace.ts, so a snapshot is cheap.)
 *
 * Changing the log (the reader acted) keeps every snapshot taken before the first changed entry
 * could have had any effect. Changing the seed or params needs a new SeekableRun.
 */
import type { LogEntry, Mechanism, RunSpec, Tagged, Time } from './types';
import { plainEqual } from './trace';
import { nextStepTime, sortLog, startCursor, stepCursor, type Cursor } from './replay';

/** Options for a seekable run. */
export interface SeekableRunOptions {
  /** Steps between snapshots (default 128: a seek or step back replays at most that many steps). */
  readonly snapshotEvery?: number;
  /** Most steps one call may take before it gives up with an error: a guard against runs that never settle (default 5,000,000). */
  readonly maxSteps?: number;
}

/** A seekable view of one run. Mutable cache; the cursors it returns are immutable. */
export class SeekableRun<P, S, A extends Tagged> {
  readonly snapshotEvery: number;
  readonly maxSteps: number;
  private spec: RunSpec<P, A>;
  private sorted: readonly LogEntry<A>[];
  /** Snapshots in increasing step (and time) order; snaps[0] is step 0. */
  private snaps: Cursor<S>[];

  constructor(
    readonly mech: Mechanism<P, S, A>,
    spec: RunSpec<P, A>,
    opts: SeekableRunOptions = {},
  ) {
    this.snapshotEvery = Math.max(1, Math.floor(opts.snapshotEvery ?? 128));
    this.maxSteps = opts.maxSteps ?? 5_000_000;
    this.spec = spec;
    this.sorted = sortLog(spec.log);
    this.snaps = [startCursor(mech, spec)];
  }

  /** The run this replays. */
  get runSpec(): RunSpec<P, A> {
    return this.spec;
  }

  /** The log in the order it applies (sorted by time, stable). */
  get log(): readonly LogEntry<A>[] {
    return this.sorted;
  }

  /** Number of snapshots held (for tests and the benchmark). */
  get snapshotCount(): number {
    return this.snaps.length;
  }

  /** The cursor at step 0. */
  get start(): Cursor<S> {
    return this.snaps[0];
  }

  /** Replace the log. Snapshots that the change cannot affect are kept. */
  setLog(log: readonly LogEntry<A>[]): void {
    const next = sortLog(log);
    let i = 0;
    while (i < next.length && i < this.sorted.length && plainEqual(next[i], this.sorted[i])) i++;
    // The first entry that differs, in either log, bounds what is still valid.
    const tOld = i < this.sorted.length ? this.sorted[i].at : Infinity;
    const tNew = i < next.length ? next[i].at : Infinity;
    const limit = Math.min(tOld, tNew);
    this.snaps = this.snaps.filter((c) => c.steps === 0 || (c.logIdx <= i && this.mech.now(c.state) < limit));
    this.sorted = next;
    this.spec = { ...this.spec, log };
  }

  /**
   * The cursor after exactly `k` steps (or the last step, if the run ends before k). With `t`, the clock
   * then moves on to `t` as long as no further step is due before it (a shared moment paused between events).
   */
  cursorAtStep(k: number, t?: Time): Cursor<S> {
    const target = Math.max(0, Math.floor(k));
    let lo = 0;
    let hi = this.snaps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.snaps[mid].steps <= target) lo = mid;
      else hi = mid - 1;
    }
    const c = this.walkTo(this.snaps[lo], Infinity, target);
    if (t !== undefined && t > this.mech.now(c.state) && t <= this.nextTime(c)) return { ...c, state: this.mech.advanceTo(c.state, t) };
    return c;
  }

  /** The cursor after every step due at or before time `t`, with the clock at `t`. */
  cursorAtTime(t: Time): Cursor<S> {
    let lo = 0;
    let hi = this.snaps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.mech.now(this.snaps[mid].state) <= t) lo = mid;
      else hi = mid - 1;
    }
    return this.advance(this.snaps[lo], t);
  }

  /**
   * From `from` (a cursor of this run), take every step due at or before `t`, then set the clock to `t`.
   * What playback does every frame: it costs only the steps between `from` and `t`.
   */
  advance(from: Cursor<S>, t: Time): Cursor<S> {
    const c = this.walkTo(from, t, Infinity);
    // Nothing else is due by t, so only the clock moves.
    return Number.isFinite(t) && t > this.mech.now(c.state) ? { ...c, state: this.mech.advanceTo(c.state, t) } : c;
  }

  /** State at time `t`. */
  stateAt(t: Time): S {
    return this.cursorAtTime(t).state;
  }

  /** One step after `c` (or `c` itself, the same reference, at the end of the run). */
  stepForward(c: Cursor<S>): Cursor<S> {
    const next = stepCursor(this.mech, this.sorted, c);
    if (!next) return c;
    this.remember(next);
    return next;
  }

  /** One step before `c` (or step 0). */
  stepBack(c: Cursor<S>): Cursor<S> {
    return this.cursorAtStep(Math.max(0, c.steps - 1));
  }

  /** Virtual time of the step after `c`, Infinity if none. */
  nextTime(c: Cursor<S>): Time {
    return nextStepTime(this.mech, this.sorted, c);
  }

  /** Keep `c` as a snapshot if it lies a full interval past the last one. */
  private remember(c: Cursor<S>): void {
    if (c.steps >= this.snaps[this.snaps.length - 1].steps + this.snapshotEvery) this.snaps.push(c);
  }

  /**
   * Walk forward from `from`, taking every step due at or before `t` but stopping after step
   * `target`, recording snapshots past the last one. Runs of internal events go through the
   * mechanism's `stepMany` when it has one (one working copy per batch instead of per event), in
   * batches that end on the next snapshot step, so snapshots and cursors are exactly those of
   * stepping one at a time: a batch takes only events that `stepCursor` would take next (due by `t`
   * and no later than the next log action, which applies after events due at its time).
   */
  private walkTo(from: Cursor<S>, t: Time, target: number): Cursor<S> {
    const mech = this.mech;
    const log = this.sorted;
    let cur = from;
    let n = 0;
    while (cur.steps < target && nextStepTime(mech, log, cur) <= t) {
      if (n >= this.maxSteps) throw new Error(`${mech.id}: more than ${this.maxSteps} steps in one seek; the run does not settle`);
      const actAt = cur.logIdx < log.length ? log[cur.logIdx].at : Infinity;
      if (mech.stepMany && mech.peek(cur.state) <= actAt) {
        const last = this.snaps[this.snaps.length - 1].steps;
        const toSnap = last + this.snapshotEvery - cur.steps;
        const k = Math.min(target - cur.steps, toSnap > 0 ? toSnap : this.snapshotEvery, this.maxSteps - n);
        const r = mech.stepMany(cur.state, Math.min(t, actAt), k);
        if (r.steps > 0) {
          cur = { state: r.state, logIdx: cur.logIdx, steps: cur.steps + r.steps };
          n += r.steps;
          this.remember(cur);
          continue;
        }
      }
      const nx = stepCursor(mech, log, cur);
      if (!nx) break;
      cur = nx;
      n++;
      this.remember(cur);
    }
    return cur;
  }
}
