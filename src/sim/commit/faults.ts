/**
 * Random fault schedules for commit runs, drawn from the kernel's PRNG: the nemesis shared by the
 * property tests, the `commit` experiment and scripts/commit-fuzz.ts. Faults land in the window
 * where the protocol is deciding (the first ~100 ms of virtual time) and every fault is undone by
 * `healBy`, so a run that outlives it can be asked whether everyone eventually decided.
 */
import type { LogEntry, NodeId, RunSpec } from '../core/types';
import type { WorldAction } from '../core/actions';
import { cloneRng, createRng, intMut, nextFloatMut, type MutRng } from '../core/rng';
import { replay } from '../core/replay';
import { worldMechanism } from '../core/world';
import { commitProtocol } from './protocol';
import { participantsOf } from './coordinator';
import { COORDINATOR, type CommitCmd, type CommitParams } from './types';
import { checkAtomicity, lockHeld, inDoubt, type CommitWorld } from './observe';

/** Probabilities and ranges of the random faults. */
export interface FaultOptions {
  /** Chance that the coordinator crashes once. */
  readonly coordinatorCrash: number;
  /** Coordinator downtime: fixed, or drawn uniformly from [min, max]. */
  readonly downtime: number | { readonly min: number; readonly max: number };
  /** Chance that each participant crashes once (down 20–400 ms). */
  readonly participantCrash: number;
  /** Chance of one partition into two random sides (healed after 20–500 ms). */
  readonly partition: number;
  /** Faults start in [start, start + window]. */
  readonly window: number;
}

/** Default nemesis: everything possible, now and then. */
export const defaultFaults: FaultOptions = { coordinatorCrash: 0.5, downtime: { min: 0, max: 1000 }, participantCrash: 0.15, partition: 0.3, window: 80 };

type A = WorldAction | CommitCmd;

function uniformInt(r: MutRng, lo: number, hi: number): number {
  return intMut(r, Math.ceil(lo), Math.floor(hi));
}

/** A random schedule of crashes, restarts and partitions (deterministic in `seed`). */
export function randomFaults(seed: number, p: CommitParams, o: FaultOptions): LogEntry<A>[] {
  const r = cloneRng(createRng(seed, 'commit-faults'));
  const log: LogEntry<A>[] = [];
  const t0 = p.start;
  if (nextFloatMut(r) < o.coordinatorCrash) {
    const at = uniformInt(r, t0, t0 + o.window);
    const down = typeof o.downtime === 'number' ? o.downtime : uniformInt(r, o.downtime.min, o.downtime.max);
    log.push({ at, action: { type: 'node/crash', node: COORDINATOR } }, { at: at + down, action: { type: 'node/restart', node: COORDINATOR } });
  }
  for (const n of participantsOf(p)) {
    if (nextFloatMut(r) >= o.participantCrash) continue;
    const at = uniformInt(r, t0, t0 + o.window);
    log.push({ at, action: { type: 'node/crash', node: n } }, { at: at + uniformInt(r, 20, 400), action: { type: 'node/restart', node: n } });
  }
  if (nextFloatMut(r) < o.partition) {
    const nodes: NodeId[] = [COORDINATOR, ...participantsOf(p)];
    let a: NodeId[] = [];
    let b: NodeId[] = [];
    while (a.length === 0 || b.length === 0) {
      a = [];
      b = [];
      for (const n of nodes) (nextFloatMut(r) < 0.5 ? a : b).push(n);
    }
    const at = uniformInt(r, t0, t0 + o.window);
    log.push({ at, action: { type: 'net/partition', groups: [a, b] } }, { at: at + uniformInt(r, 20, 500), action: { type: 'net/heal' } });
  }
  return log.sort((x, y) => x.at - y.at);
}

/** Latest time any fault in the log is undone. */
export function lastFault(log: readonly LogEntry<A>[]): number {
  return log.reduce((m, e) => Math.max(m, e.at), 0);
}

/** A commit mechanism with the trace off, for experiments and fuzzing. */
export const commitFast = worldMechanism(commitProtocol, { trace: false });

/** What one trial measured. */
export interface TrialResult {
  readonly violated: boolean;
  /** Longest lock hold of any participant (ms). */
  readonly maxLockHeld: number;
  /** Participants still in doubt at the horizon. */
  readonly stuck: number;
  /** Participants with no decision at all at the horizon (in doubt, or never asked). */
  readonly undecided: number;
}

/** Run one spec to `horizon` and measure it. */
export function runTrial(spec: RunSpec<CommitParams, A>, horizon: number): { world: CommitWorld; result: TrialResult } {
  const w = replay(commitFast, spec, horizon) as CommitWorld;
  const ps = participantsOf(w.params).map((id) => w.nodes[id].state);
  let maxLockHeld = 0;
  let stuck = 0;
  let undecided = 0;
  for (const s of ps) {
    if (s.role !== 'participant') continue;
    maxLockHeld = Math.max(maxLockHeld, lockHeld(s, w.now));
    if (inDoubt(s)) stuck++;
    if (s.decided.length === 0) undecided++;
  }
  return { world: w, result: { violated: checkAtomicity(w).violated, maxLockHeld, stuck, undecided } };
}
