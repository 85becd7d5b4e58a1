/**
 * The Raft lab's two timing experiments (experiments.ts) under the book's one experiment contract
 * (src/sim/core/experiment.ts), so `npm run experiment -- figure16` and `-- split-vote` print them
 * headless. These wrappers only cut the existing runs into units; every trial keeps its own seed
 * (figure16Trial, runSplitVotes), so the numbers are exactly those of runFigure16 / runSplitVotes.
 */
import type { Experiment } from '../core/experiment';
import type { ExperimentValue } from '../core/experiment';
import { DOWNTIME_CAP_MS, figure16Net, figure16Ranges, figure16Timing, figure16Trial, paperFigure16, quantile, runSplitVotes, type Figure16Setup, type SplitPoint } from './experiments';
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

/** Figure 16's setup from validated parameters (0 survivors or 0 heartbeat mean the paper's defaults). */
export function figure16SetupOf(p: Readonly<Record<string, ExperimentValue>>): Figure16Setup {
  const n = p.servers as number;
  const survivors = p.survivors as number;
  const heartbeat = p.heartbeat as number;
  return {
    latencyMin: p.latencyMin as number,
    latencyMax: p.latencyMax as number,
    servers: n,
    ...(survivors > 0 ? { survivors } : {}),
    ...(heartbeat > 0 ? { heartbeat } : {}),
    cap: p.cap as number,
    timing: { diskWrite: p.diskWrite as number, driftPpm: p.driftPpm as number, timerJitter: p.timerJitter as number },
  };
}

/** Figure 16 of Ongaro & Ousterhout (2014, §9.3): downtime after a leader crash for six timeout ranges. */
export const figure16Experiment: Experiment<number[], { capMs: number; setup: Figure16Setup; series: Figure16Row[] }> = {
  id: 'figure16',
  title: 'Raft election downtime (Figure 16)',
  doc:
    'Ongaro & Ousterhout 2014, §9.3, Figure 16 (top): time from a leader crash until the other surviving servers receive the new leader’s first heartbeat, for six election-timeout ranges. ' +
    'Defaults: five servers, one-way latency U(2, 4) ms, a 9 ms disk write before every reply that follows a change of term, vote or log (a broadcast of about 15 ms), clocks drifting by up to ±5 ppm, timers firing up to 0.5 ms late.',
  params: [
    { name: 'trials', kind: 'integer', default: 1000, min: 1, max: 10_000, doc: 'trials per timeout range' },
    { name: 'seed', kind: 'integer', default: 1, min: 0, max: 2 ** 31 - 1, doc: 'run seed (each trial is seeded from it and its index)' },
    { name: 'servers', kind: 'integer', default: 5, min: 3, max: 9, doc: 'cluster size n' },
    { name: 'survivors', kind: 'integer', default: 0, min: 0, max: 8, doc: 'servers still up after the crash (0: n − 1, only the leader crashes)' },
    { name: 'heartbeat', kind: 'number', default: 0, min: 0, max: 10_000, doc: 'heartbeat interval in ms (0: half the minimum election timeout, as in the paper)' },
    { name: 'cap', kind: 'integer', default: DOWNTIME_CAP_MS, min: 100, max: 600_000, doc: 'trial cap in ms: a trial with no leader heard by then is censored' },
    { name: 'latencyMin', kind: 'number', default: figure16Net.latencyMin, min: 0, max: 1000, doc: 'one-way latency, lower end (ms)' },
    { name: 'latencyMax', kind: 'number', default: figure16Net.latencyMax, min: 0, max: 1000, doc: 'one-way latency, upper end (ms)' },
    { name: 'diskWrite', kind: 'number', default: figure16Timing.diskWrite, min: 0, max: 1000, doc: 'disk write before a reply (ms; 0: no persistence delay)' },
    { name: 'driftPpm', kind: 'number', default: figure16Timing.driftPpm, min: 0, max: 1000, doc: 'clock drift bound per server, ± parts per million' },
    { name: 'timerJitter', kind: 'number', default: figure16Timing.timerJitter, min: 0, max: 100, doc: 'each timer fires up to this many ms late (uniform)' },
  ],
  refine(p, problems) {
    const n = p.servers as number;
    if ((p.survivors as number) > n - 1) {
      problems.push(`survivors (${p.survivors}) must be below servers (${n}); using ${n - 1}.`);
      p.survivors = n - 1;
    }
    if ((p.latencyMax as number) < (p.latencyMin as number)) {
      problems.push(`latencyMax (${p.latencyMax}) is below latencyMin (${p.latencyMin}); using ${p.latencyMin}.`);
      p.latencyMax = p.latencyMin as number;
    }
  },
  units: (p) => figure16Ranges.length * chunksPer(p.trials as number),
  runUnit(p, u) {
    const trials = p.trials as number;
    const range = figure16Ranges[Math.floor(u / chunksPer(trials))]!;
    const first = (u % chunksPer(trials)) * FIG16_CHUNK;
    const out: number[] = [];
    const setup = figure16SetupOf(p);
    for (let i = first; i < Math.min(trials, first + FIG16_CHUNK); i++) out.push(figure16Trial(p.seed as number, i, range, setup));
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
    return { capMs: p.cap as number, setup: figure16SetupOf(p), series };
  },
};

/** n and s of the split-vote sweep (survivors 0 means n − 1). */
function clusterOf(p: Readonly<Record<string, ExperimentValue>>): { servers: number; survivors: number } {
  const servers = p.servers as number;
  const s = p.survivors as number;
  return { servers, survivors: s > 0 ? s : servers - 1 };
}

/** The default latencies of the split-vote sweep (one-way, ms). */
export const splitVoteLatencies: readonly number[] = [0, 5, 10, 15, 20, 30, 40, 50, 60, 75, 90, 110, 130, 150];

/** One latency of the split-vote result, with the closed form beside the simulated rate. */
export interface SplitVoteRow extends SplitPoint {
  readonly rate: number;
  readonly closedForm: number;
}

/** Split-vote rate of the first election after a crash, against latency, beside the closed form (splitVote.ts). */
export const splitVoteExperiment: Experiment<SplitPoint, { range: { min: number; max: number }; servers: number; survivors: number; points: SplitVoteRow[] }> = {
  id: 'split-vote',
  title: 'Raft split votes against latency',
  doc: 'Fraction of first elections after a leader crash that split, for fixed one-way latencies and equal logs, with n servers of which s survive; beside the closed form P(Binomial(s, d/w) ≥ s − m + 1), m = ⌊n/2⌋ + 1 (for n = 5, s = 4: P(Binomial(4, d/w) ≥ 2)).',
  params: [
    { name: 'trials', kind: 'integer', default: 1000, min: 1, max: 20_000, doc: 'trials per latency' },
    { name: 'latencies', kind: 'numbers', default: splitVoteLatencies, min: 0, max: 500, maxItems: 40, doc: 'one-way latencies in ms' },
    { name: 'timeoutMin', kind: 'integer', default: 150, min: 10, max: 5000, doc: 'election timeout range, lower end (ms)' },
    { name: 'timeoutMax', kind: 'integer', default: 300, min: 10, max: 5000, doc: 'election timeout range, upper end (ms)' },
    { name: 'seed', kind: 'integer', default: 1, min: 0, max: 2 ** 31 - 1, doc: 'run seed' },
    { name: 'servers', kind: 'integer', default: 5, min: 3, max: 9, doc: 'cluster size n' },
    { name: 'survivors', kind: 'integer', default: 0, min: 0, max: 8, doc: 'servers still up after the crash, s (0: n − 1)' },
  ],
  refine(p, problems) {
    const n = p.servers as number;
    if ((p.survivors as number) > n - 1) {
      problems.push(`survivors (${p.survivors}) must be below servers (${n}); using ${n - 1}.`);
      p.survivors = n - 1;
    }
    if ((p.timeoutMax as number) < (p.timeoutMin as number)) {
      problems.push(`timeoutMax (${p.timeoutMax}) is below timeoutMin (${p.timeoutMin}); using ${p.timeoutMin}.`);
      p.timeoutMax = p.timeoutMin as number;
    }
  },
  units: (p) => (p.latencies as readonly number[]).length,
  runUnit(p, i) {
    const range = { min: p.timeoutMin as number, max: p.timeoutMax as number };
    return runSplitVotes([(p.latencies as readonly number[])[i]!], p.trials as number, range, undefined, p.seed as number, clusterOf(p))![0]!;
  },
  merge(p, parts) {
    const range = { min: p.timeoutMin as number, max: p.timeoutMax as number };
    const { servers, survivors } = clusterOf(p);
    return {
      range,
      servers,
      survivors,
      points: parts.map((pt) => ({ ...pt, rate: pt.splits / pt.trials, closedForm: splitVoteProbability(servers, survivors, pt.latency, range.max - range.min) })),
    };
  },
};
