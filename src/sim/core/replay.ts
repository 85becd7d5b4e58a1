/**
 * Replay: a run is (mechanism, seed, params, log), and its state at any moment
 * is recomputed from those. Snapshots elsewhere are only a cache of this.
 *
 * Ordering rule (the one thing replay and the live widget must agree on):
 * a log action stamped `at` is applied after every internal event due at or
 * before `at`. So "pause at t, then act" records `at = t` and replays exactly.
 */
import type { LogEntry, Mechanism, RunSpec, Tagged, Time } from './types';

/** Position of a replay: the state, how many log entries are applied, how many steps were taken. */
export interface Cursor<S> {
  readonly state: S;
  /** Index of the next log entry to apply. */
  readonly logIdx: number;
  /** Steps taken since init (each internal event or applied action is one step). */
  readonly steps: number;
}

/** The log sorted by time, keeping the recorded order of equal times (a stable sort). */
export function sortLog<A extends Tagged>(log: readonly LogEntry<A>[]): readonly LogEntry<A>[] {
  for (let i = 1; i < log.length; i++) {
    if (log[i].at < log[i - 1].at) return [...log].sort((a, b) => a.at - b.at);
  }
  return log;
}

/** The start of a run. */
export function startCursor<P, S, A extends Tagged>(mech: Mechanism<P, S, A>, spec: RunSpec<P, A>): Cursor<S> {
  return { state: mech.init(spec.seed, spec.params), logIdx: 0, steps: 0 };
}

/** Virtual time of the next step, or Infinity if the run is quiescent with nothing left in the log. */
export function nextStepTime<P, S, A extends Tagged>(mech: Mechanism<P, S, A>, log: readonly LogEntry<A>[], c: Cursor<S>): Time {
  const ev = mech.peek(c.state);
  const act = c.logIdx < log.length ? Math.max(log[c.logIdx].at, mech.now(c.state)) : Infinity;
  return Math.min(ev, act);
}

/** Take one step (an internal event, or the next log action when no event is due first); null if none is left. */
export function stepCursor<P, S, A extends Tagged>(mech: Mechanism<P, S, A>, log: readonly LogEntry<A>[], c: Cursor<S>): Cursor<S> | null {
  const ev = mech.peek(c.state);
  if (c.logIdx < log.length) {
    const at = log[c.logIdx].at;
    if (!(ev <= at)) {
      // No event is due at or before the action: move the clock and apply it.
      const moved = at > mech.now(c.state) ? mech.advanceTo(c.state, at) : c.state;
      return { state: mech.apply(moved, log[c.logIdx].action), logIdx: c.logIdx + 1, steps: c.steps + 1 };
    }
  }
  if (ev === Infinity) return null;
  return { state: mech.next(c.state), logIdx: c.logIdx, steps: c.steps + 1 };
}

/** Take every step due at or before `t`, then set the clock to `t` (at most `maxSteps` steps). */
export function runCursorTo<P, S, A extends Tagged>(
  mech: Mechanism<P, S, A>,
  log: readonly LogEntry<A>[],
  c: Cursor<S>,
  t: Time,
  maxSteps = Infinity,
): Cursor<S> {
  let cur = c;
  let n = 0;
  while (n < maxSteps && nextStepTime(mech, log, cur) <= t) {
    const nx = stepCursor(mech, log, cur);
    if (!nx) break;
    cur = nx;
    n++;
  }
  if (n < maxSteps && Number.isFinite(t) && t > mech.now(cur.state)) cur = { ...cur, state: mech.advanceTo(cur.state, t) };
  return cur;
}

/**
 * The state of a run at virtual time `until`: every log action and internal
 * event due at or before it applied, and the clock at `until`.
 *
 * Fast path: between log actions it calls `advanceTo`, which world mechanisms
 * implement as one batch, instead of stepping event by event.
 */
export function replay<P, S, A extends Tagged>(mech: Mechanism<P, S, A>, spec: RunSpec<P, A>, until: Time): S {
  const log = sortLog(spec.log);
  let s = mech.init(spec.seed, spec.params);
  for (const e of log) {
    if (e.at > until) break;
    if (e.at > mech.now(s)) s = mech.advanceTo(s, e.at);
    else s = drainAt(mech, s, mech.now(s));
    s = mech.apply(s, e.action);
  }
  return mech.advanceTo(s, Math.max(until, mech.now(s)));
}

/** Process events due at or before the current time without moving the clock. */
function drainAt<P, S, A extends Tagged>(mech: Mechanism<P, S, A>, s: S, t: Time): S {
  let cur = s;
  while (mech.peek(cur) <= t) cur = mech.next(cur);
  return cur;
}
