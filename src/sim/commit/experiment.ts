/**
 * Experiment `commit`: how long 2PC and 3PC hold locks, and how often they break atomicity, under
 * random faults (the nemesis in faults.ts). Two tables:
 *
 * - `random`: for each protocol, `trials` runs with random coordinator crashes (downtime 0–1 s),
 *   participant crashes and partitions at rate `partition`: AC1/AC2 violations, runs still in
 *   doubt at the horizon, and the distribution of the longest lock hold per run.
 * - `downtime`: the coordinator crashes once at a random moment of the protocol (no other faults)
 *   and stays down for each of `downtimes`: the longest lock hold per run, for 2PC (which waits for
 *   it) and 3PC (which runs its termination protocol instead).
 *
 * Units are (table, protocol, point) chunks of at most CHUNK trials; trial k of a point always
 * uses seed `seed + k`, so the result does not depend on how the work was split.
 */
import type { Experiment, ExperimentParams } from '../core/experiment';
import { commitDefaults } from './protocol';
import { defaultFaults, lastFault, randomFaults, runTrial, type FaultOptions } from './faults';
import type { CommitKind, CommitParams } from './types';

const CHUNK = 250;
const PROTOCOLS: readonly CommitKind[] = ['2pc', '3pc'];

/** One unit's tallies. */
export interface CommitPart {
  readonly table: 'random' | 'downtime';
  readonly protocol: CommitKind;
  readonly downtime: number;
  readonly trials: number;
  readonly violations: number;
  readonly stuck: number;
  /** Longest lock hold of each trial (ms, rounded). */
  readonly holds: readonly number[];
}

/** A row of either table. */
export interface CommitRow {
  readonly protocol: CommitKind;
  /** Coordinator downtime (ms) for the downtime table; -1 for the random table. */
  readonly downtime: number;
  readonly trials: number;
  /** Runs where two processes decided differently (or one changed its mind). */
  readonly violations: number;
  /** Runs that ended with a participant still in doubt. */
  readonly stuck: number;
  /** Runs whose longest lock hold exceeded `blockedMs`. */
  readonly blocked: number;
  readonly lockHeld: { readonly mean: number; readonly p50: number; readonly p95: number; readonly max: number };
}

/** The experiment's result. */
export interface CommitResult {
  readonly random: readonly CommitRow[];
  readonly downtime: readonly CommitRow[];
}

interface Unit {
  table: 'random' | 'downtime';
  protocol: CommitKind;
  downtime: number;
  first: number;
  count: number;
}

function plan(p: ExperimentParams): Unit[] {
  const out: Unit[] = [];
  const chunks = (table: Unit['table'], protocol: CommitKind, downtime: number, n: number): void => {
    for (let first = 0; first < n; first += CHUNK) out.push({ table, protocol, downtime, first, count: Math.min(CHUNK, n - first) });
  };
  for (const protocol of PROTOCOLS) chunks('random', protocol, -1, p.trials as number);
  for (const protocol of PROTOCOLS) for (const d of p.downtimes as readonly number[]) chunks('downtime', protocol, d, p.downtimeTrials as number);
  return out;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Run a block of trials. Exported for the bench. */
export function runCommitUnit(p: ExperimentParams, u: Unit): CommitPart {
  const params: CommitParams = { ...commitDefaults, protocol: u.protocol, participants: p.participants as number };
  const faults: FaultOptions =
    u.table === 'random'
      ? { ...defaultFaults, partition: p.partition as number }
      : { coordinatorCrash: 1, downtime: u.downtime, participantCrash: 0, partition: 0, window: 60 };
  let violations = 0;
  let stuck = 0;
  const holds: number[] = [];
  for (let k = u.first; k < u.first + u.count; k++) {
    const seed = ((p.seed as number) + k) >>> 0;
    const log = randomFaults(seed, params, faults);
    const { result } = runTrial({ mechanism: 'commit', seed, params, log }, lastFault(log) + 2000);
    if (result.violated) violations++;
    if (result.stuck > 0) stuck++;
    holds.push(Math.round(result.maxLockHeld));
  }
  return { table: u.table, protocol: u.protocol, downtime: u.downtime, trials: u.count, violations, stuck, holds };
}

/** The `commit` experiment (see the file comment). */
export const commitExperiment: Experiment<CommitPart, CommitResult> = {
  id: 'commit',
  title: 'Atomic commit under faults: blocking and atomicity for 2PC and 3PC',
  doc: 'Random crashes and partitions (BHG 1987 ch. 7; Skeen 1981): AC1 violations and lock-hold times for 2PC and 3PC, and 2PC blocking against coordinator downtime.',
  params: [
    { name: 'trials', kind: 'integer', default: 2000, min: 10, max: 200_000, doc: 'runs per protocol with random faults' },
    { name: 'downtimeTrials', kind: 'integer', default: 250, min: 10, max: 50_000, doc: 'runs per (protocol, downtime) point' },
    { name: 'downtimes', kind: 'numbers', default: [0, 100, 200, 400, 800, 1600], min: 0, max: 10_000, maxItems: 12, doc: 'coordinator downtimes (ms), comma-separated' },
    { name: 'partition', kind: 'number', default: 0.3, min: 0, max: 1, doc: 'chance of a partition in a random-fault run' },
    { name: 'participants', kind: 'integer', default: 3, min: 2, max: 5, doc: 'participants per transaction' },
    { name: 'blockedMs', kind: 'number', default: 500, min: 1, max: 100_000, doc: 'a run counts as blocked when a participant held locks longer than this' },
    { name: 'seed', kind: 'integer', default: 1, min: 0, max: 2 ** 31 - 1, doc: 'first seed' },
  ],
  units: (p) => plan(p).length,
  runUnit: (p, i) => runCommitUnit(p, plan(p)[i]),
  merge(p, parts) {
    const rows = new Map<string, { part: CommitPart; holds: number[]; violations: number; stuck: number; trials: number }>();
    for (const part of parts) {
      const key = `${part.table}|${part.protocol}|${part.downtime}`;
      const r = rows.get(key) ?? { part, holds: [], violations: 0, stuck: 0, trials: 0 };
      r.holds.push(...part.holds);
      r.violations += part.violations;
      r.stuck += part.stuck;
      r.trials += part.trials;
      rows.set(key, r);
    }
    const toRow = (r: { part: CommitPart; holds: number[]; violations: number; stuck: number; trials: number }): CommitRow => {
      const sorted = [...r.holds].sort((a, b) => a - b);
      const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
      return {
        protocol: r.part.protocol,
        downtime: r.part.downtime,
        trials: r.trials,
        violations: r.violations,
        stuck: r.stuck,
        blocked: sorted.filter((h) => h > (p.blockedMs as number)).length,
        lockHeld: { mean: Math.round(mean), p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted[sorted.length - 1] ?? 0 },
      };
    };
    const all = [...rows.values()];
    return { random: all.filter((r) => r.part.table === 'random').map(toRow), downtime: all.filter((r) => r.part.table === 'downtime').map(toRow) };
  },
};
