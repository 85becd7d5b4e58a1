/**
 * Experiment `saga`: outcomes and unwind times of the order saga when every forward step fails
 * with probability p (Garcia-Molina & Salem 1987 model sagas as committing or compensating; this
 * counts which, and how long compensating takes). Compensations fail transiently with
 * `undoFailRate` and are retried every `retryMs` (60 ms), so unwinding has a long tail.
 *
 * With four steps that can fail for good (the retriable ones are retried), a saga completes with
 * probability (1 − p)^4; the counts are checked against that in the tests.
 *
 * For each mode and each p: completed / compensated counts, where the failure struck, runs that
 * broke semantic atomicity (always 0 with idempotent services; a check, not a tuning target), and
 * the distribution of unwind time (failure to last compensation). Trial k of a point uses seed
 * `seed + k`, so results do not depend on how units are split.
 */
import type { Experiment, ExperimentParams } from '../core/experiment';
import { cloneRng, createRng, nextFloatMut } from '../core/rng';
import { randomSagaSpec, runSagaTrial } from './faults';
import type { SagaMode, StepName } from './types';

const CHUNK = 250;

/** One unit's tallies. */
export interface SagaPart {
  readonly mode: SagaMode;
  readonly failRate: number;
  readonly trials: number;
  readonly completed: number;
  readonly compensated: number;
  readonly violations: number;
  readonly failedAt: Readonly<Record<string, number>>;
  readonly unwind: readonly number[];
}

/** One (mode, failRate) row. */
export interface SagaRow {
  readonly mode: SagaMode;
  readonly failRate: number;
  readonly trials: number;
  readonly completed: number;
  readonly compensated: number;
  readonly violations: number;
  /** Which step's failure made each compensated saga unwind. */
  readonly failedAt: Readonly<Record<string, number>>;
  /** Unwind time of compensated sagas that had something to compensate (ms). */
  readonly unwindMs: { readonly n: number; readonly p50: number; readonly p95: number; readonly max: number; readonly mean: number };
  /** Histogram of unwind times: counts per `binMs`-wide bin from 0. */
  readonly histogram: readonly number[];
}

interface Unit {
  mode: SagaMode;
  failRate: number;
  first: number;
  count: number;
}

function plan(p: ExperimentParams): Unit[] {
  const modes: SagaMode[] = p.mode === 'both' ? ['orchestration', 'choreography'] : [p.mode as SagaMode];
  const out: Unit[] = [];
  for (const mode of modes)
    for (const failRate of p.failRates as readonly number[])
      for (let first = 0; first < (p.trials as number); first += CHUNK) out.push({ mode, failRate, first, count: Math.min(CHUNK, (p.trials as number) - first) });
  return out;
}

/** Run a block of trials (exported for the bench). */
export function runSagaUnit(p: ExperimentParams, u: Unit): SagaPart {
  let completed = 0;
  let compensated = 0;
  let violations = 0;
  const failedAt: Record<string, number> = {};
  const unwind: number[] = [];
  for (let k = u.first; k < u.first + u.count; k++) {
    const seed = ((p.seed as number) + k) >>> 0;
    // Faults other than the step failures are drawn per trial, independently of p.
    const r = cloneRng(createRng(seed, 'saga-exp'));
    const spec = randomSagaSpec(seed, {
      mode: u.mode,
      failRate: u.failRate,
      undoFailRate: p.undoFailRate as number,
      dup: p.dup as number,
      slow: 0,
      crash: nextFloatMut(r) < (p.crash as number) ? 1 : 0,
      serviceCrash: 0,
      two: false,
      idempotent: true,
      // Ample stock: every failure counted here is the step failure the experiment injects.
      stock: 1000,
    });
    const { reports } = runSagaTrial(spec);
    const rep = reports[0];
    if (rep.problems.length > 0) violations++;
    if (rep.status === 'completed') completed++;
    else if (rep.status === 'compensated') {
      compensated++;
      const step: StepName | 'none' = rep.failure?.step ?? 'none';
      failedAt[step] = (failedAt[step] ?? 0) + 1;
      if (rep.unwindMs !== null && rep.undone.length > 0) unwind.push(Math.round(rep.unwindMs));
    }
  }
  return { mode: u.mode, failRate: u.failRate, trials: u.count, completed, compensated, violations, failedAt, unwind };
}

const q = (xs: readonly number[], f: number): number => (xs.length === 0 ? 0 : xs[Math.min(xs.length - 1, Math.floor(f * xs.length))]);

/** The `saga` experiment (see the file comment). */
export const sagaExperiment: Experiment<SagaPart, SagaRow[]> = {
  id: 'saga',
  title: 'Saga outcomes and unwind time under a per-step failure rate',
  doc: 'Order saga (Garcia-Molina & Salem 1987) with each step failing with probability p: completed vs compensated, where it failed, semantic-atomicity violations, unwind-time distribution.',
  params: [
    { name: 'trials', kind: 'integer', default: 2000, min: 10, max: 100_000, doc: 'sagas per (mode, p) point' },
    { name: 'failRates', kind: 'numbers', default: [0.02, 0.05, 0.1, 0.2, 0.3], min: 0, max: 1, maxItems: 10, doc: 'per-step failure probabilities' },
    { name: 'mode', kind: 'choice', default: 'both', choices: ['both', 'orchestration', 'choreography'], doc: 'coordination' },
    { name: 'undoFailRate', kind: 'number', default: 0.2, min: 0, max: 0.9, doc: 'chance each compensation attempt fails (it is retried)' },
    { name: 'dup', kind: 'number', default: 0.3, min: 0, max: 1, doc: 'chance a run has a duplicating link' },
    { name: 'crash', kind: 'number', default: 0.2, min: 0, max: 1, doc: 'chance the orchestrator crashes and restarts (orchestration)' },
    { name: 'binMs', kind: 'number', default: 20, min: 1, max: 1000, doc: 'histogram bin width (ms)' },
    { name: 'seed', kind: 'integer', default: 1, min: 0, max: 2 ** 31 - 1, doc: 'first seed' },
  ],
  units: (p) => plan(p).length,
  runUnit: (p, i) => runSagaUnit(p, plan(p)[i]),
  merge(p, parts) {
    const rows = new Map<string, SagaPart[]>();
    for (const part of parts) {
      const k = `${part.mode}|${part.failRate}`;
      rows.set(k, [...(rows.get(k) ?? []), part]);
    }
    return [...rows.values()].map((ps) => {
      const unwind = ps.flatMap((x) => x.unwind).sort((a, b) => a - b);
      const failedAt: Record<string, number> = {};
      for (const x of ps) for (const [k, v] of Object.entries(x.failedAt)) failedAt[k] = (failedAt[k] ?? 0) + v;
      const bin = p.binMs as number;
      const histogram: number[] = [];
      for (const u of unwind) {
        const b = Math.floor(u / bin);
        while (histogram.length <= b) histogram.push(0);
        histogram[b]++;
      }
      const completed = ps.reduce((a, x) => a + x.completed, 0);
      const compensated = ps.reduce((a, x) => a + x.compensated, 0);
      return {
        mode: ps[0].mode,
        failRate: ps[0].failRate,
        trials: ps.reduce((a, x) => a + x.trials, 0),
        completed,
        compensated,
        violations: ps.reduce((a, x) => a + x.violations, 0),
        failedAt,
        unwindMs: { n: unwind.length, p50: q(unwind, 0.5), p95: q(unwind, 0.95), max: unwind[unwind.length - 1] ?? 0, mean: Math.round(unwind.reduce((a, b) => a + b, 0) / Math.max(1, unwind.length)) },
        histogram,
      };
    });
  },
};
