/**
 * The `fanout` experiment (Dean & Barroso, "The Tail at Scale", CACM 2013): requests fan out to N
 * leaves and wait for all; how many are slower than one leaf's p99, what are p50/p99/p99.9, and
 * what do hedged or tied requests buy for how much extra load. Every figure comes with the closed
 * form beside it, and with the BigTable profile at N = 100 the paper's own figures too.
 */
import type { Experiment, ExperimentParams } from '../core/experiment';
import { closedFormSlowFraction, fanoutQuantile, leafProfile, leafProfiles, leafQuantile, type LeafModel } from './leaf';
import { quantileSorted, runFanoutTrials, widthGrid, type FanoutPart, type Mitigation } from './fanout';

/** The paper's BigTable hedging figures (section "Hedged requests"), quoted for comparison. */
export const PAPER_BIGTABLE = {
  servers: 100,
  keys: 1000,
  hedgeAfterMs: 10,
  p999UnhedgedMs: 1800,
  p999HedgedMs: 74,
  extraRequestFraction: 0.02,
  source: 'Dean & Barroso, The Tail at Scale, CACM 56(2) 2013, section "Hedged requests"',
} as const;

/** One point of the slow-share curve. */
export interface SlowPoint {
  readonly n: number;
  readonly fraction: number;
  readonly closedForm: number;
}

/** What the experiment reports. */
export interface FanoutResult {
  readonly profile: string;
  readonly leaves: number;
  readonly trials: number;
  readonly mitigation: Mitigation;
  readonly leafP50: number;
  readonly leafP95: number;
  readonly leafP99: number;
  /** Share of requests slower than one leaf's p99 (simulated). */
  readonly fractionSlowerThanLeafP99: number;
  /** 1 − 0.99ᴺ. */
  readonly closedForm: number;
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  /** The same quantiles from the closed form (null for tied requests, which have none here). */
  readonly closed: { readonly p50: number; readonly p99: number; readonly p999: number } | null;
  /** Requests sent beyond one per leaf, per leaf request. */
  readonly extraRequestFraction: number;
  /** Copies that executed beyond one per leaf, per leaf request (wasted work). */
  readonly extraWorkFraction: number;
  readonly curve: readonly SlowPoint[];
  /** With the BigTable profile, the paper's figures for comparison. */
  readonly paper?: typeof PAPER_BIGTABLE;
}

const CHUNK = 1000;
const MAX_DRAWS = 30_000_000;

/** The leaf model for experiment params (a profile, with an optional correlation between replicas). */
export function experimentLeaf(p: ExperimentParams): LeafModel {
  return { ...leafProfile(String(p.profile)).model, correlation: Number(p.correlation) };
}

/** The mitigation for experiment params: tied wins over hedged when both are set. */
export function experimentMitigation(p: ExperimentParams): Mitigation {
  const tied = Number(p.tiedAfterMs);
  const hedge = Number(p.hedgeAfterMs);
  if (tied >= 0) return { kind: 'tied', afterMs: tied, cancelMs: Number(p.cancelMs) };
  if (hedge >= 0) return { kind: 'hedged', afterMs: hedge };
  return { kind: 'none' };
}

/** The `fanout` experiment. */
export const fanoutExperiment: Experiment<FanoutPart, FanoutResult> = {
  id: 'fanout',
  title: 'Tail at scale: fan-out to N leaves, hedged and tied requests',
  doc: 'Each request waits for all N leaves. Reports the share slower than a leaf p99 (closed form 1 − 0.99^N), p50/p99/p99.9 beside their closed forms, and the extra load of hedging or tying. With --profile=bigtable --leaves=100 --hedgeAfterMs=10 it sets the paper’s BigTable benchmark (p99.9 1,800 → 74 ms for 2% more requests) beside the model.',
  params: [
    { name: 'leaves', kind: 'integer', default: 100, min: 1, max: 2000, doc: 'fan-out width N' },
    { name: 'trials', kind: 'integer', default: 20000, min: 100, max: 500000, doc: 'requests simulated (trials × leaves is capped at 3e7)' },
    { name: 'hedgeAfterMs', kind: 'number', default: -1, min: -1, max: 10000, doc: 'send a hedge after this many ms (-1: no hedging)' },
    { name: 'tiedAfterMs', kind: 'number', default: -1, min: -1, max: 1000, doc: 'tied requests: twin sent this many ms later (-1: off; overrides hedging)' },
    { name: 'cancelMs', kind: 'number', default: 0.5, min: 0, max: 100, doc: 'tied requests: time for a cancellation to reach the twin' },
    { name: 'profile', kind: 'choice', default: 'bigtable', choices: leafProfiles.map((p) => p.id), doc: 'leaf-latency model (see src/sim/service/leaf.ts)' },
    { name: 'correlation', kind: 'number', default: 0, min: 0, max: 1, doc: 'chance a second copy meets the same slowdown' },
    { name: 'seed', kind: 'integer', default: 2013, min: 0, max: 2 ** 31 - 1, doc: 'random seed' },
  ],
  refine(p, problems) {
    const leaves = Number(p.leaves);
    const trials = Number(p.trials);
    if (trials * leaves > MAX_DRAWS) {
      const t = Math.max(100, Math.floor(MAX_DRAWS / leaves));
      problems.push(`trials × leaves is capped at ${MAX_DRAWS.toLocaleString('en-US')}; running ${t} trials.`);
      p.trials = t;
    }
  },
  units: (p) => Math.ceil(Number(p.trials) / CHUNK),
  runUnit(p, i) {
    const n = Number(p.leaves);
    const size = Math.min(CHUNK, Number(p.trials) - i * CHUNK);
    const m = experimentLeaf(p);
    return runFanoutTrials(m, n, experimentMitigation(p), size, Number(p.seed), `fanout:${i}`, leafQuantile(m, 0.99), widthGrid(n));
  },
  merge(p, parts) {
    const n = Number(p.leaves);
    const m = experimentLeaf(p);
    const mit = experimentMitigation(p);
    const lat: number[] = [];
    let extraRequests = 0;
    let extraWork = 0;
    const grid = widthGrid(n);
    const slow = grid.map(() => 0);
    for (const part of parts) {
      for (const x of part.latencies) lat.push(x);
      extraRequests += part.extraRequests;
      extraWork += part.extraWork;
      part.slowByWidth.forEach((c, g) => (slow[g] += c));
    }
    const sorted = Float64Array.from(lat).sort();
    const trials = sorted.length;
    const leafReqs = trials * n;
    const hedge = mit.kind === 'hedged' ? mit.afterMs : -1;
    const profile = String(p.profile);
    return {
      profile,
      leaves: n,
      trials,
      mitigation: mit,
      leafP50: leafQuantile(m, 0.5),
      leafP95: leafQuantile(m, 0.95),
      leafP99: leafQuantile(m, 0.99),
      fractionSlowerThanLeafP99: slow[grid.length - 1] / trials,
      closedForm: closedFormSlowFraction(n),
      p50: quantileSorted(sorted, 0.5),
      p99: quantileSorted(sorted, 0.99),
      p999: quantileSorted(sorted, 0.999),
      closed: mit.kind === 'tied' ? null : { p50: fanoutQuantile(m, n, 0.5, hedge), p99: fanoutQuantile(m, n, 0.99, hedge), p999: fanoutQuantile(m, n, 0.999, hedge) },
      extraRequestFraction: extraRequests / leafReqs,
      extraWorkFraction: extraWork / leafReqs,
      curve: grid.map((w, g) => ({ n: w, fraction: slow[g] / trials, closedForm: closedFormSlowFraction(w) })),
      ...(profile === 'bigtable' ? { paper: PAPER_BIGTABLE } : {}),
    };
  },
};
