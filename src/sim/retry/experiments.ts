/**
 * The retry lab's experiments, under the book's experiment contract (src/sim/core/experiment.ts):
 *
 * - `backoff`: Brooker's contention study (AWS Architecture Blog, 2015): mean calls and completion
 *   time against the number of clients, for the five strategies, over many runs per point.
 * - `amplification`: load per layer per client request, for every-layer retries, one retrying layer
 *   and a retry budget, across attempts per layer and database failure rates.
 * - `metastable`: which (trigger size, policy) pairs recover after the trigger and which stay stuck.
 *
 * Run r of a point uses the same seed for every strategy or policy (common random numbers), so the
 * comparison between curves is not blurred by different luck.
 */
import type { Experiment } from '../core/experiment';
import { hashString } from '../core/rng';
import { ampPolicies, ampDefaults, runAmplification, type AmpPolicy } from './amplify';
import { strategies, type Strategy } from './backoff';
import { contentionDefaults, runContention } from './contention';
import { msDefaults, msPolicies, runMetastable, type MsPolicy } from './metastable';

const RUN_CHUNK = 10;

/** The seed of run `r` at one point, shared by every strategy or policy. */
export function runSeed(seed: number, point: number, r: number): number {
  return hashString(`${seed}/${point}/${r}`);
}

/** One point of the backoff curves (means over runs). */
export interface BackoffPoint {
  readonly clients: number;
  readonly calls: number;
  readonly timeMs: number;
}

interface BackoffPart {
  readonly calls: number;
  readonly timeMs: number;
  readonly runs: number;
}

const backoffUnits = (p: Record<string, unknown>) => {
  const clients = p.clients as readonly number[];
  const chunks = Math.ceil((p.runs as number) / RUN_CHUNK);
  return { clients, chunks, total: strategies.length * clients.length * chunks };
};

/** Brooker (2015): calls and completion time against contending clients, for each backoff strategy. */
export const backoffExperiment: Experiment<BackoffPart, Record<Strategy, BackoffPoint[]>> = {
  id: 'backoff',
  title: 'Backoff under contention',
  doc: 'Brooker, "Exponential Backoff And Jitter" (AWS Architecture Blog, 2015), after awslabs/aws-arch-backoff-simulator: N clients each make one optimistic-concurrency write to one row; mean write attempts (calls) and time until the last success, per strategy.',
  params: [
    { name: 'clients', kind: 'numbers', default: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100], min: 1, max: 200, maxItems: 40, doc: 'numbers of contending clients' },
    { name: 'runs', kind: 'integer', default: 100, min: 1, max: 1000, doc: 'runs per (strategy, clients) point' },
    { name: 'base', kind: 'number', default: contentionDefaults.base, min: 0.1, max: 1000, doc: 'backoff base (ms)' },
    { name: 'cap', kind: 'number', default: contentionDefaults.cap, min: 1, max: 60_000, doc: 'backoff cap (ms)' },
    { name: 'seed', kind: 'integer', default: 1, min: 0, max: 2 ** 31 - 1, doc: 'run seed' },
  ],
  refine(p, problems) {
    p.clients = (p.clients as readonly number[]).map((c) => Math.round(c));
    if ((p.cap as number) < (p.base as number)) {
      problems.push(`cap (${p.cap}) is below base (${p.base}); using ${p.base}.`);
      p.cap = p.base as number;
    }
  },
  units: (p) => backoffUnits(p).total,
  runUnit(p, u) {
    const { clients, chunks } = backoffUnits(p);
    const chunk = u % chunks;
    const ci = Math.floor(u / chunks) % clients.length;
    const strategy = strategies[Math.floor(u / (chunks * clients.length))]!;
    const n = clients[ci]!;
    let calls = 0;
    let timeMs = 0;
    const end = Math.min(p.runs as number, (chunk + 1) * RUN_CHUNK);
    for (let r = chunk * RUN_CHUNK; r < end; r++) {
      const res = runContention({ ...contentionDefaults, clients: n, strategy, base: p.base as number, cap: p.cap as number }, runSeed(p.seed as number, n, r));
      calls += res.calls;
      timeMs += res.timeMs;
    }
    return { calls, timeMs, runs: end - chunk * RUN_CHUNK };
  },
  merge(p, parts) {
    const { clients, chunks } = backoffUnits(p);
    const out = {} as Record<Strategy, BackoffPoint[]>;
    strategies.forEach((s, si) => {
      out[s] = clients.map((n, ci) => {
        const mine = parts.slice((si * clients.length + ci) * chunks, (si * clients.length + ci + 1) * chunks);
        const runs = mine.reduce((a, x) => a + x.runs, 0);
        return { clients: n, calls: mine.reduce((a, x) => a + x.calls, 0) / runs, timeMs: mine.reduce((a, x) => a + x.timeMs, 0) / runs };
      });
    });
    return out;
  },
};

/** Load per layer per client request under one policy. */
export interface AmpRow {
  readonly attempts: number;
  readonly failRate: number;
  readonly policy: AmpPolicy;
  /** Calls received per client request at the edge, service and database. */
  readonly edge: number;
  readonly service: number;
  readonly database: number;
  /** Fraction of client requests that succeeded. */
  readonly success: number;
}

/** Retry amplification across three layers, and the two fixes. */
export const amplificationExperiment: Experiment<AmpRow[], AmpRow[]> = {
  id: 'amplification',
  title: 'Retry amplification across layers',
  doc: 'Client → edge → service → database, each caller making up to k attempts; calls each layer receives per client request while the database fails a given fraction of calls, for every-layer retries, one retrying layer, and a retry budget (Finagle RetryBudget / gRPC retry throttling).',
  params: [
    { name: 'attempts', kind: 'numbers', default: [2, 3, 4], min: 1, max: 6, maxItems: 6, doc: 'attempts per call at each retrying layer (k)' },
    { name: 'failRate', kind: 'numbers', default: [1, 0.5, 0.2, 0.05], min: 0, max: 1, maxItems: 11, doc: 'fraction of database calls that fail' },
    { name: 'budgetRatio', kind: 'number', default: ampDefaults.budgetRatio, min: 0, max: 1, doc: 'retry budget: tokens per request' },
    { name: 'budgetBurst', kind: 'number', default: ampDefaults.budgetBurst, min: 1, max: 1000, doc: 'retry budget: bucket size' },
    { name: 'requests', kind: 'integer', default: 2000, min: 10, max: 100_000, doc: 'client requests per point' },
    { name: 'seed', kind: 'integer', default: 1, min: 0, max: 2 ** 31 - 1, doc: 'run seed' },
  ],
  refine(p) {
    p.attempts = (p.attempts as readonly number[]).map((k) => Math.round(k));
  },
  units: (p) => (p.attempts as readonly number[]).length * (p.failRate as readonly number[]).length,
  runUnit(p, u) {
    const rates = p.failRate as readonly number[];
    const attempts = (p.attempts as readonly number[])[Math.floor(u / rates.length)]!;
    const failRate = rates[u % rates.length]!;
    const requests = p.requests as number;
    // The database fails for the whole run; every request runs to its end (the queue empties).
    const s = runAmplification({ ...ampDefaults, attempts, failRate, failAt: 0, healAt: 1e12, limit: requests, budgetRatio: p.budgetRatio as number, budgetBurst: p.budgetBurst as number }, runSeed(p.seed as number, u, 0), 1e12);
    return s.variants.map((v) => {
      const done = v.requests;
      return { attempts, failRate, policy: v.policy, edge: v.received[0] / done, service: v.received[1] / done, database: v.received[2] / done, success: v.succeeded / done };
    });
  },
  merge: (_p, parts) => parts.flat(),
};

/** One cell of the metastability map. */
export interface MsCell {
  readonly triggerMs: number;
  /** Fraction of runs whose goodput over the last 5 s is at least 80% of the healthy rate. */
  readonly recovered: number;
  /** Mean goodput over the last 5 s (requests per second). */
  readonly goodput: number;
}

interface MsPart {
  readonly recovered: number;
  readonly goodput: number;
  readonly runs: number;
}

/** Healthy goodput of the closed population: N / (think + service) per second. */
export function healthyGoodput(p: { clients: number; thinkMs: number; serviceMs: number }): number {
  return (1000 * p.clients) / (p.thinkMs + p.serviceMs);
}

/** Which (trigger size, policy) pairs recover and which stay stuck. */
export const metastableExperiment: Experiment<MsPart, Record<MsPolicy, MsCell[]>> = {
  id: 'metastable',
  title: 'Metastable failure map',
  doc: 'Bronson et al. (HotOS 2021), Huang et al. (OSDI 2022): a closed population of clients with timeouts and retries; capacity drops for a while; does goodput come back after the trigger, per retry policy and trigger length?',
  params: [
    { name: 'triggerMs', kind: 'numbers', default: [0, 500, 1000, 2000, 3000, 5000, 8000], min: 0, max: 60_000, maxItems: 20, doc: 'trigger lengths (ms)' },
    { name: 'capacityDrop', kind: 'number', default: msDefaults.capacityDrop, min: 0.05, max: 1, doc: 'capacity during the trigger (fraction of normal)' },
    { name: 'backoffBase', kind: 'number', default: msDefaults.backoffBase, min: 1, max: 10_000, doc: 'backoff base for the backoff policy (ms)' },
    { name: 'runs', kind: 'integer', default: 10, min: 1, max: 200, doc: 'runs per cell' },
    { name: 'observeMs', kind: 'integer', default: 20_000, min: 5_000, max: 120_000, doc: 'time watched after the trigger ends (ms)' },
    { name: 'seed', kind: 'integer', default: 1, min: 0, max: 2 ** 31 - 1, doc: 'run seed' },
  ],
  units: (p) => msPolicies.length * (p.triggerMs as readonly number[]).length,
  runUnit(p, u) {
    const triggers = p.triggerMs as readonly number[];
    const policy = msPolicies[Math.floor(u / triggers.length)]!;
    const triggerMs = triggers[u % triggers.length]!;
    const params = { ...msDefaults, policy, triggerMs, capacityDrop: p.capacityDrop as number, backoffBase: p.backoffBase as number };
    const end = params.triggerAt + triggerMs + (p.observeMs as number);
    const healthy = healthyGoodput(params);
    let recovered = 0;
    let goodput = 0;
    for (let r = 0; r < (p.runs as number); r++) {
      const s = runMetastable(params, runSeed(p.seed as number, u % triggers.length, r), end);
      const from = Math.floor((end - 5000) / params.bucketMs);
      const g = s.series.slice(from).reduce((a, x) => a + x.goodput, 0) / 5;
      goodput += g;
      if (g >= 0.8 * healthy) recovered++;
    }
    return { recovered, goodput, runs: p.runs as number };
  },
  merge(p, parts) {
    const triggers = p.triggerMs as readonly number[];
    const out = {} as Record<MsPolicy, MsCell[]>;
    msPolicies.forEach((pol, i) => {
      out[pol] = triggers.map((triggerMs, j) => {
        const x = parts[i * triggers.length + j]!;
        return { triggerMs, recovered: x.recovered / x.runs, goodput: x.goodput / x.runs };
      });
    });
    return out;
  },
};
