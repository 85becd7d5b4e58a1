/**
 * Deterministic replay of a clock run from its spec: apply each logged action at its time,
 * processing every internal event due before it. Seeking is replaying to a time.
 */
import type { LogEntry, RunSpec } from '../core/types';
import { clocksMechanism as M } from './mechanism';
import type { ClockAction, ClockParams, ClockState } from './types';

/** Process every internal event due at or before `t`, then move time to `t`. */
export function runUntil(s: ClockState, t: number): ClockState {
  let cur = s;
  while (M.peek(cur) <= t) cur = M.next(cur);
  return M.advanceTo(cur, t);
}

/** The state at time `until` of the run (seed, params, log). Log entries are applied in time order. */
export function replayClocks(seed: number, params: ClockParams, log: readonly LogEntry<ClockAction>[], until: number): ClockState {
  let s = M.init(seed, params);
  const sorted = log.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i);
  for (const { e } of sorted) {
    if (e.at > until) break;
    s = runUntil(s, e.at);
    s = M.apply(s, e.action);
  }
  return runUntil(s, until);
}

/** Replay a {@link RunSpec} to `until`. */
export function replaySpec(spec: RunSpec<ClockParams, ClockAction>, until: number): ClockState {
  return replayClocks(spec.seed, spec.params, spec.log, until);
}

/** The time by which everything in the log has happened and every message has arrived. */
export function quiescentTime(seed: number, params: ClockParams, log: readonly LogEntry<ClockAction>[]): number {
  const last = log.reduce((m, e) => Math.max(m, e.at), 0);
  let s = replayClocks(seed, params, log, last);
  while (M.peek(s) < Infinity) s = M.next(s);
  return Math.max(last, s.now);
}
