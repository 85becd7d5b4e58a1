/**
 * The `breaker` experiment: how a breaker changes what a dependency fault does to the caller.
 * Four set-ups (no breaker; resilience4j's defaults; a breaker tuned to react in seconds; the same
 * with a fallback) face the same fault (slow or failing, from 10 s to 40 s, then recovery), over
 * several seeds. For each it reports the other endpoint's success rate during the fault (the
 * cascade), A's answered rate, the load left on the sick dependency, and when the breaker opened
 * and closed again. Every unit is one (set-up, trial) run, seeded from (seed, set-up, trial).
 */
import type { Experiment } from '../core/experiment';
import { hashString } from '../core/rng';
import { R4J_DEFAULTS } from './config';
import { advanceCaller, breakerMechanism, initCaller } from './caller';
import { breakerScenarios } from './scenarios';
import { firstTransition, rangeStats } from './metrics';
import type { CallerParams, DepMode } from './types';

/** The set-ups compared. */
export const BREAKER_SETUPS = ['no-breaker', 'r4j-defaults', 'tuned', 'tuned+fallback'] as const;
/** One set-up. */
export type BreakerSetup = (typeof BREAKER_SETUPS)[number];

const FAULT_FROM = 10_000, FAULT_TO = 40_000, END = 100_000;
const tunedParams = breakerScenarios.find((s) => s.id === 'half-open-recovers')!.params;

/** Caller parameters for a set-up. */
export function setupParams(s: BreakerSetup): CallerParams {
  const base = breakerMechanism.defaults;
  if (s === 'no-breaker') return { ...base, scope: 'none' };
  if (s === 'r4j-defaults') return { ...base, breaker: R4J_DEFAULTS };
  return { ...base, breaker: tunedParams.breaker, fallback: s === 'tuned+fallback' };
}

/** One run's figures. */
export interface BreakerRun {
  readonly setup: BreakerSetup;
  readonly successB: number;
  readonly answeredA: number;
  readonly depRate: number;
  readonly meanBusy: number;
  readonly openedAfter: number | null;
  readonly closedAfter: number | null;
  readonly transitions: number;
}

/** Means over trials, per set-up. */
export interface BreakerRow {
  readonly setup: BreakerSetup;
  readonly trials: number;
  readonly successB: number;
  readonly answeredA: number;
  readonly depRate: number;
  readonly meanBusy: number;
  /** Median seconds from fault to OPEN (null if it never opened in most trials). */
  readonly openedAfter: number | null;
  readonly closedAfter: number | null;
  readonly transitions: number;
}

/** Run one set-up against one fault with one seed. */
export function runBreakerTrial(setup: BreakerSetup, fault: DepMode, seed: number): BreakerRun {
  const params = setupParams(setup);
  let s = initCaller(seed, params);
  s = advanceCaller(s, FAULT_FROM);
  s = breakerMechanism.apply(s, { type: 'dep/health', host: -1, mode: fault });
  s = advanceCaller(s, FAULT_TO);
  s = breakerMechanism.apply(s, { type: 'dep/health', host: -1, mode: 'healthy' });
  s = advanceCaller(s, END);
  const during = rangeStats(s.series, FAULT_FROM + 5000, FAULT_TO);
  const opened = firstTransition(s, 'OPEN', FAULT_FROM);
  const closed = firstTransition(s, 'CLOSED', FAULT_TO);
  return {
    setup,
    successB: during.successB,
    answeredA: during.answeredA,
    depRate: during.depRate,
    meanBusy: during.meanBusy,
    openedAfter: opened === null ? null : (opened - FAULT_FROM) / 1000,
    closedAfter: closed === null ? null : (closed - FAULT_TO) / 1000,
    transitions: s.transitions.length,
  };
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: readonly (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  return v.length * 2 < xs.length || v.length === 0 ? null : v[Math.floor(v.length / 2)]!;
};

/** The experiment as registered for `npm run experiment -- breaker`. */
export const breakerExperiment: Experiment<BreakerRun, { fault: string; faultWindow: [number, number]; rows: BreakerRow[] }> = {
  id: 'breaker',
  title: 'What a breaker does to a dependency fault',
  doc: 'Caller with 20 workers, 30 + 30 requests/s; the dependency turns slow or failing from 10 s to 40 s. Compares no breaker, resilience4j defaults, a tuned breaker and a tuned breaker with fallback (success of the other endpoint during the fault, load left on the dependency, time to open and to close).',
  params: [
    { name: 'fault', kind: 'choice', default: 'slow', choices: ['slow', 'failing', 'flaky'], doc: 'what the dependency does from 10 s to 40 s' },
    { name: 'trials', kind: 'integer', default: 5, min: 1, max: 50, doc: 'seeds per set-up' },
    { name: 'seed', kind: 'integer', default: 1, min: 0, max: 2 ** 31 - 1, doc: 'base seed' },
  ],
  units: (p) => BREAKER_SETUPS.length * (p.trials as number),
  runUnit(p, i) {
    const trials = p.trials as number;
    const setup = BREAKER_SETUPS[Math.floor(i / trials)]!;
    const seed = (hashString(`${p.seed as number}:${setup}:${i % trials}`) >>> 1);
    return runBreakerTrial(setup, p.fault as DepMode, seed);
  },
  merge(p, parts) {
    const rows = BREAKER_SETUPS.map((setup) => {
      const runs = parts.filter((r) => r.setup === setup);
      return {
        setup,
        trials: runs.length,
        successB: mean(runs.map((r) => r.successB)),
        answeredA: mean(runs.map((r) => r.answeredA)),
        depRate: mean(runs.map((r) => r.depRate)),
        meanBusy: mean(runs.map((r) => r.meanBusy)),
        openedAfter: median(runs.map((r) => r.openedAfter)),
        closedAfter: median(runs.map((r) => r.closedAfter)),
        transitions: mean(runs.map((r) => r.transitions)),
      };
    });
    return { fault: p.fault as string, faultWindow: [FAULT_FROM / 1000, FAULT_TO / 1000], rows };
  },
};
