/**
 * Raft (Ongaro & Ousterhout 2014) behind the kernel's `Mechanism` contract, so widgets, replay,
 * seeking and narration drive it like every other lab.
 */
import type { LogEntry, Mechanism, Time } from '../core/types';
import { defaultParams, parseAction, sanitizeParams } from './params';
import { raftScenarios } from './scenarios';
import type { RaftAction, RaftParams, RaftState } from './types';
import { applyAction, initCluster, peekTime, runUntil, stepOnce, traceOf } from './world';

/** The Raft mechanism. */
export const raft: Mechanism<RaftParams, RaftState, RaftAction> = {
  id: 'raft',
  defaults: defaultParams,
  sanitizeParams,
  parseAction,
  init: initCluster,
  apply: applyAction,
  peek: peekTime,
  next: stepOnce,
  advanceTo: (s, t) => (t > s.now ? { ...s, now: t } : s),
  now: (s) => s.now,
  trace: traceOf,
  scenarios: raftScenarios,
};

/**
 * Replay a run to virtual time `t`: events due at the same instant as an action run first, then the
 * action applies. Actions are applied in log order (the log must be sorted by `at`).
 */
export function replay(seed: number, params: RaftParams, log: readonly LogEntry<RaftAction>[], t: Time): RaftState {
  let s = initCluster(seed, params);
  for (const e of log) {
    if (e.at > t) break;
    s = runUntil(s, e.at);
    s = applyAction(s, e.action);
  }
  return runUntil(s, t);
}
