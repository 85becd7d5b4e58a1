/**
 * Deterministic replay of a clock run from its spec, through the kernel's `replay` (every logged
 * action applies after the internal events due at or before its time). Seeking is replaying.
 */
import { replay } from '../core/replay';
import type { LogEntry, RunSpec } from '../core/types';
import { clocksMechanism as M } from './mechanism';
import type { ClockAction, ClockParams, ClockState } from './types';

/** The state at time `until` of the run (seed, params, log). Log entries are applied in time order. */
export function replayClocks(seed: number, params: ClockParams, log: readonly LogEntry<ClockAction>[], until: number): ClockState {
  return replay(M, { mechanism: M.id, seed, params, log }, until);
}

/** Replay a {@link RunSpec} to `until`. */
export function replaySpec(spec: RunSpec<ClockParams, ClockAction>, until: number): ClockState {
  return replay(M, spec, until);
}

/** The time by which everything in the log has happened and every message has arrived (or been dropped). */
export function quiescentTime(seed: number, params: ClockParams, log: readonly LogEntry<ClockAction>[]): number {
  const last = log.reduce((m, e) => Math.max(m, e.at), 0);
  let s = replayClocks(seed, params, log, last);
  while (M.peek(s) < Infinity) s = M.next(s);
  return Math.max(last, M.now(s));
}
