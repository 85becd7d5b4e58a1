/**
 * The Quorum lab's PBS t-visibility Monte Carlo (pbs.ts, after Bailis et al., VLDB 2012, §4) under
 * the book's experiment contract, so `npm run experiment -- pbs` prints it headless. Units are the
 * lab worker's own chunks of 2,000 trials with their named streams, so the thresholds are exactly
 * those the Quorum lab computes for the same (profile, N, W, R, trials, seed).
 */
import type { Experiment } from '../core/experiment';
import { consistentAt, kStalenessConsistent, mergeThresholds, runPbs, tForProbability, warsProfiles } from './pbs';

const CHUNK = 2000;

/** Summary of a t-visibility run (the sorted thresholds would be too long to print). */
export interface PbsSummary {
  readonly profile: string;
  readonly trials: number;
  /** Closed form, k = 1: P(a random R-quorum meets the W-quorum). */
  readonly closedFormK1: number;
  /** P(consistent) right at commit. */
  readonly consistentAtCommit: number;
  /** Smallest t (ms after commit) with P(consistent) ≥ p. */
  readonly tFor: Readonly<Record<'0.5' | '0.9' | '0.99' | '0.999', number>>;
  /** P(consistent) at the requested t (ms; `--t`). */
  readonly curve: readonly { readonly t: number; readonly p: number }[];
}

const CURVE_T = [0, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500];

/** PBS t-visibility (Bailis et al. 2012, §4, WARS model). */
export const pbsExperiment: Experiment<Float64Array, PbsSummary> = {
  id: 'pbs',
  title: 'PBS t-visibility (WARS Monte Carlo)',
  doc: 'Bailis et al., VLDB 2012, §4: probability that a read issued t ms after a write commits returns it, for N/W/R and measured latency profiles (Table 3), including the WAN configuration of §5 (LNKD-DISK plus 75 ms one way to replicas in other datacenters).',
  params: [
    { name: 'profile', kind: 'choice', default: warsProfiles[0]!.id, choices: warsProfiles.map((p) => p.id), doc: 'latency profile' },
    { name: 'n', kind: 'integer', default: 3, min: 1, max: 9, doc: 'replicas N' },
    { name: 'w', kind: 'integer', default: 1, min: 1, max: 9, doc: 'write quorum W (≤ N)' },
    { name: 'r', kind: 'integer', default: 1, min: 1, max: 9, doc: 'read quorum R (≤ N)' },
    { name: 'trials', kind: 'integer', default: 10_000, min: 1, max: 1_000_000, doc: 'Monte Carlo trials' },
    { name: 't', kind: 'numbers', default: CURVE_T, min: 0, max: 100_000, maxItems: 40, doc: 'times after commit (ms) at which to report P(consistent read)' },
    { name: 'seed', kind: 'integer', default: 2012, min: 0, max: 2 ** 31 - 1, doc: 'run seed (the Quorum lab uses 2012)' },
  ],
  refine(p, problems) {
    for (const k of ['w', 'r'] as const) {
      if ((p[k] as number) > (p.n as number)) {
        problems.push(`${k} (${p[k]}) exceeds n (${p.n}); using ${p.n}.`);
        p[k] = p.n as number;
      }
    }
  },
  units: (p) => Math.ceil((p.trials as number) / CHUNK),
  runUnit(p, c) {
    const profile = warsProfiles.find((x) => x.id === p.profile)!;
    const size = Math.min(CHUNK, (p.trials as number) - c * CHUNK);
    return runPbs({ n: p.n as number, w: p.w as number, r: p.r as number, profile }, p.seed as number, size, c, size);
  },
  merge(p, parts) {
    const res = mergeThresholds(parts);
    return {
      profile: p.profile as string,
      trials: res.trials,
      closedFormK1: kStalenessConsistent(p.n as number, p.w as number, p.r as number),
      consistentAtCommit: consistentAt(res, 0),
      tFor: { '0.5': tForProbability(res, 0.5), '0.9': tForProbability(res, 0.9), '0.99': tForProbability(res, 0.99), '0.999': tForProbability(res, 0.999) },
      curve: (p.t as readonly number[]).map((t) => ({ t, p: consistentAt(res, t) })),
    };
  },
};
