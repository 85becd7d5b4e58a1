/**
 * The Raft lab's two timing experiments (experiments.ts) under the book's one experiment contract
 * (src/sim/core/experiment.ts), so `npm run experiment -- figure16` and `-- split-vote` print them
 * headless. These wrappers only cut the existing runs into units; every trial keeps its own seed
 * (figure16Trial, runSplitVotes), so the numbers are exactly those of runFigure16 / runSplitVotes.
 */
import type { Experiment } from '../core/experiment';
import { DOWNTIME_CAP_MS, figure16Net, figure16Ranges, figure16Trial, paperFigure16, quantile, runSplitVotes, type SplitPoint } from './experiments';
import { splitVoteProbability } from './splitVote';

/** Trials per unit of Figure 16 (small enough for a smooth progress bar and a quick cancel). */
const FIG16_CHUNK = 50;

/** One range's row of the Figure 16 result. Infinity (null in JSON) means no leader within the cap. */
export interface Figure16Row {
  readonly range: { readonly min: number; readonly max: number };
  readonly trials: number;
  readonly censored: number;
  readonly median: number;
  readonly p99: number;
  readonly worst: number;
  /** What the paper reports for this range, when its text names one. */
  readonly paper: string | null;
  /** Every trial's downtime in ms, sorted (censored trials last, as Infinity). */
  readonly downtimes: readonly number[];
}

const chunksPer = (trials: number) => Math.ceil(trials / FIG16_CHUNK);

/** Figure 16 of Ongaro & Ousterhout (2014, §9.3): downtime after a leader crash for six timeout ranges. */
export const figure16Experiment: Experiment<number[], { capMs: number; series: Figure16Row[] }> = {
  id: 'figure16',
  title: 'Raft election downtime (Figure 16)',
  doc: 'Ongaro & Ousterhout 2014, §9.3, Figure 16 (top): time from a leader crash to a new leader, five servers, six election-timeout ranges, 2–4 ms one-way latency.',
  params: [
    { name: 'trials', kind: 'integer', default: 1000, min: 1, max: 10_000, doc: 'trials per timeout range' },
    { name: 'seed', kind: 'integer', default: 1, min: 0, max: 2 ** 31 - 1, doc: 'run seed (each trial is seeded from it and its index)' },
  ],
  units: (p) => figure16Ranges.length * chunksPer(p.trials as number),
  runUnit(p, u) {
    const trials = p.trials as number;
    const range = figure16Ranges[Math.floor(u / chunksPer(trials))]!;
    const first = (u % chunksPer(trials)) * FIG16_CHUNK;
    const out: number[] = [];
    for (let i = first; i < Math.min(trials, first + FIG16_CHUNK); i++) out.push(figure16Trial(p.seed as number, i, range, figure16Net));
    return out;
  },
  merge(p, parts) {
    const per = chunksPer(p.trials as number);
    const series = figure16Ranges.map((range, r): Figure16Row => {
      const downtimes = parts.slice(r * per, (r + 1) * per).flat();
      downtimes.sort((a, b) => a - b);
      const finite = downtimes.filter((d) => d !== Infinity);
      return {
        range,
        trials: downtimes.length,
        censored: downtimes.length - finite.length,
        median: quantile(downtimes, 0.5),
        p99: quantile(downtimes, 0.99),
        worst: downtimes.at(-1) ?? NaN,
        paper: paperFigure16[`${range.min}–${range.max} ms`] ?? null,
        downtimes,
      };
    });
    return { capMs: DOWNTIME_CAP_MS, series };
  },
};

/** The default latencies of the split-vote sweep (one-way, ms). */
export const splitVoteLatencies: readonly number[] = [0, 5, 10, 15, 20, 30, 40, 50, 60, 75, 90, 110, 130, 150];

/** One latency of the split-vote result, with the closed form beside the simulated rate. */
export interface SplitVoteRow extends SplitPoint {
  readonly rate: number;
  readonly closedForm: number;
}

/** Split-vote rate of the first election after a crash, against latency, beside the closed form (splitVote.ts). */
export const splitVoteExperiment: Experiment<SplitPoint, { range: { min: number; max: number }; points: SplitVoteRow[] }> = {
  id: 'split-vote',
  title: 'Raft split votes against latency',
  doc: 'Fraction of first elections after a leader crash that split, for fixed one-way latencies, equal logs, five servers; beside the closed form P(Binomial(4, d/w) ≥ 2).',
  params: [
    { name: 'trials', kind: 'integer', default: 1000, min: 1, max: 20_000, doc: 'trials per latency' },
    { name: 'latencies', kind: 'numbers', default: splitVoteLatencies, min: 0, max: 500, maxItems: 40, doc: 'one-way latencies in ms' },
    { name: 'timeoutMin', kind: 'integer', default: 150, min: 10, max: 5000, doc: 'election timeout range, lower end (ms)' },
    { name: 'timeoutMax', kind: 'integer', default: 300, min: 10, max: 5000, doc: 'election timeout range, upper end (ms)' },
    { name: 'seed', kind: 'integer', default: 1, min: 0, max: 2 ** 31 - 1, doc: 'run seed' },
  ],
  refine(p, problems) {
    if ((p.timeoutMax as number) < (p.timeoutMin as number)) {
      problems.push(`timeoutMax (${p.timeoutMax}) is below timeoutMin (${p.timeoutMin}); using ${p.timeoutMin}.`);
      p.timeoutMax = p.timeoutMin as number;
    }
  },
  units: (p) => (p.latencies as readonly number[]).length,
  runUnit(p, i) {
    const range = { min: p.timeoutMin as number, max: p.timeoutMax as number };
    return runSplitVotes([(p.latencies as readonly number[])[i]!], p.trials as number, range, undefined, p.seed as number)![0]!;
  },
  merge(p, parts) {
    const range = { min: p.timeoutMin as number, max: p.timeoutMax as number };
    return {
      range,
      points: parts.map((pt) => ({ ...pt, rate: pt.splits / pt.trials, closedForm: splitVoteProbability(5, 4, pt.latency, range.max - range.min) })),
    };
  },
};
