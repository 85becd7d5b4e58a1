/**
 * Seeking over a run: step forward, step back, jump to any time or step.
 *
 * The run is defined by its RunSpec; this class only caches states. It keeps a
 * snapshot every `snapshotEvery` steps, so reaching step k replays at most
 * `snapshotEvery` steps from the nearest snapshot: the cost of a short seek or
 * a step back is bounded and does not grow with the length of the run.
 * (States share their trace array, see trace.ts, so a snapshot is cheap.)
 *
 * Changing the log (the reader acted) keeps every snapshot taken before the
 * first changed entry could have had any effect.
 */
import type { LogEntry, Mechanism, RunSpec, Tagged, Time } from './types';
import { plainEqual } from './trace';
import { nextStepTime, sortLog, startCursor, stepCursor, type Cursor } from './replay';

/** Options for a timeline. */
export interface TimelineOptions {
  /** Steps between snapshots (default 256). */
  readonly snapshotEvery?: number;
  /** Upper bound on steps taken by one call, a guard against runaway runs (default 5,000,000). */
  readonly maxSteps?: number;
}

/** A seekable view of one run. Mutable cache; the states it returns are immutable. */
export class Timeline<P, S, A extends Tagged> {
  readonly snapshotEvery: number;
  readonly maxSteps: number;
  private spec: RunSpec<P, A>;
  private log: readonly LogEntry<A>[];
  /** Snapshots in increasing step (and time) order; snaps[0] is step 0. */
  private snaps: Cursor<S>[];

  constructor(
    readonly mech: Mechanism<P, S, A>,
    spec: RunSpec<P, A>,
    opts: TimelineOptions = {},
  ) {
    this.snapshotEvery = Math.max(1, Math.floor(opts.snapshotEvery ?? 256));
    this.maxSteps = opts.maxSteps ?? 5_000_000;
    this.spec = spec;
    this.log = sortLog(spec.log);
    this.snaps = [startCursor(mech, spec)];
  }

  /** The run this timeline replays. */
  get runSpec(): RunSpec<P, A> {
    return this.spec;
  }

  /** Number of snapshots held (for tests and the benchmark). */
  get snapshotCount(): number {
    return this.snaps.length;
  }

  /** Replace the log. Snapshots that the change cannot affect are kept. Seed or params changes need a new Timeline. */
  setLog(log: readonly LogEntry<A>[]): void {
    const next = sortLog(log);
    let i = 0;
    while (i < next.length && i < this.log.length && plainEqual(next[i], this.log[i])) i++;
    // The first entry that differs, in either log, bounds what is still valid.
    const tOld = i < this.log.length ? this.log[i].at : Infinity;
    const tNew = i < next.length ? next[i].at : Infinity;
    const limit = Math.min(tOld, tNew);
    this.snaps = this.snaps.filter((c) => c.step === 0 || (c.logIdx <= i && this.mech.now(c.state) < limit));
    this.log = next;
    this.spec = { ...this.spec, log };
  }

  /** The cursor at step `k` exactly (or the last step, if the run ends before k). */
  cursorAtStep(k: number): Cursor<S> {
    const target = Math.max(0, Math.floor(k));
    let lo = 0;
    let hi = this.snaps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.snaps[mid].step <= target) lo = mid;
      else hi = mid - 1;
    }
    return this.walk(this.snaps[lo], (c) => c.step < target);
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
    const c = this.walk(this.snaps[lo], (cur) => nextStepTime(this.mech, this.log, cur) <= t);
    // Nothing else is due by t, so only the clock moves.
    return Number.isFinite(t) && t > this.mech.now(c.state) ? { ...c, state: this.mech.advanceTo(c.state, t) } : c;
  }

  /** State at time `t`. */
  stateAt(t: Time): S {
    return this.cursorAtTime(t).state;
  }

  /** One step after `c` (or `c` itself at the end of the run). */
  stepForward(c: Cursor<S>): Cursor<S> {
    return stepCursor(this.mech, this.log, c) ?? c;
  }

  /** One step before `c` (or step 0). */
  stepBack(c: Cursor<S>): Cursor<S> {
    return this.cursorAtStep(Math.max(0, c.step - 1));
  }

  /** Virtual time of the step after `c`, Infinity if none. */
  nextTime(c: Cursor<S>): Time {
    return nextStepTime(this.mech, this.log, c);
  }

  /** Walk forward from `from` while `more` holds, recording snapshots past the last one. */
  private walk(from: Cursor<S>, more: (c: Cursor<S>) => boolean): Cursor<S> {
    let cur = from;
    let n = 0;
    while (n < this.maxSteps && more(cur)) {
      const nx = stepCursor(this.mech, this.log, cur);
      if (!nx) break;
      cur = nx;
      n++;
      const last = this.snaps[this.snaps.length - 1];
      if (cur.step >= last.step + this.snapshotEvery) this.snaps.push(cur);
    }
    return cur;
  }
}
