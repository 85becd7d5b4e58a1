/**
 * Chapter 7's experiments, on the same server core the lab runs:
 *
 * - `queue`: Poisson arrivals on c servers with exponential or fixed service; mean and p99 wait,
 *   utilisation and Little's law, measured over independent replications (each a fresh seed, the
 *   first `warmup` seconds discarded), next to the M/M/1, M/M/c (Erlang C) or M/D/1 closed form.
 *   The confidence interval is the replications' mean ± 1.96 standard errors.
 * - `shedding`: the five queue policies from 0.5× to 3× capacity with clients that give up; goodput,
 *   latency of good answers, shed and late work.
 */
import type { Experiment } from '../core/experiment';
import { hashString } from '../core/rng';
import { advanceServer, initServer, POLICIES, sanitizeServerParams } from './server';
import { closedFormWait, mm1Wait, utilisation } from './formulas';
import { summarise, quantile } from './metrics';
import type { Policy, ServerParams } from './types';

/** One replication's figures. */
export interface QueueRep {
  readonly meanWait: number;
  readonly waits: readonly number[];
  readonly utilisation: number;
  readonly L: number;
  readonly lambda: number;
  readonly W: number;
  readonly served: number;
}

/** The `queue` experiment's result (times in ms). */
export interface QueueResult {
  readonly meanWait: number;
  readonly meanWaitCI95: number;
  readonly p99Wait: number;
  readonly utilisation: number;
  readonly little: { readonly L: number; readonly lambdaW: number };
  readonly served: number;
  readonly closedForm: { readonly model: string; readonly meanWait: number; readonly utilisation: number; readonly exact: boolean; readonly mm1MeanWait: number | null };
}

/** Run one replication of the `queue` experiment. */
export function queueReplication(servers: number, lambda: number, mu: number, service: 'exp' | 'fixed', durationS: number, warmupS: number, seed: number): QueueRep {
  const params: ServerParams = sanitizeServerParams({ servers, classes: [{ name: 'requests', rate: lambda, serviceMs: 1000 / mu }], service, policy: 'fifo', warmup: warmupS * 1000 }).value;
  let st = initServer(seed, params);
  st = advanceServer(st, (warmupS + durationS) * 1000);
  const s = summarise(st);
  return { meanWait: s.meanWait, waits: st.waits.buf.slice(0, st.waits.len), utilisation: s.utilisation, L: s.L, lambda: s.lambda, W: s.W, served: s.served };
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const ci95 = (xs: readonly number[]): number => {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  const v = xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
  return 1.96 * Math.sqrt(v / xs.length);
};

/** `npm run experiment -- queue --servers=1 --arrivalRate=80 --serviceRate=100 --duration=200 --seed=1`. */
export const queueExperiment: Experiment<QueueRep, QueueResult> = {
  id: 'queue',
  title: 'An M/M/c queue against its closed form',
  doc: 'Poisson arrivals at arrivalRate/s on `servers` workers, each serving serviceRate/s (exponential or fixed). Mean and p99 wait (ms), utilisation and Little’s law over independent replications, next to M/M/1, Erlang C or M/D/1.',
  params: [
    { name: 'servers', kind: 'integer', default: 1, min: 1, max: 64, doc: 'workers (c)' },
    { name: 'arrivalRate', kind: 'number', default: 80, min: 0.01, max: 20000, doc: 'λ, arrivals per second' },
    { name: 'serviceRate', kind: 'number', default: 100, min: 0.01, max: 20000, doc: 'μ, completions per second per worker' },
    { name: 'service', kind: 'choice', default: 'exp', choices: ['exp', 'fixed'], doc: 'service-time distribution' },
    { name: 'duration', kind: 'number', default: 200, min: 1, max: 100000, doc: 'measured virtual seconds per replication' },
    { name: 'warmup', kind: 'number', default: 10, min: 0, max: 10000, doc: 'virtual seconds discarded at the start of each replication' },
    { name: 'reps', kind: 'integer', default: 8, min: 1, max: 200, doc: 'independent replications (units)' },
    { name: 'seed', kind: 'integer', default: 1, min: 0, max: 2 ** 31 - 1, doc: 'base seed' },
  ],
  refine(p, problems) {
    const work = (p.arrivalRate as number) * ((p.duration as number) + (p.warmup as number)) * (p.reps as number);
    if (work > 2e8) {
      p.duration = Math.max(1, Math.floor(2e8 / ((p.arrivalRate as number) * (p.reps as number))) - (p.warmup as number));
      problems.push(`that is over 200 million requests; duration cut to ${p.duration} s.`);
    }
  },
  units: (p) => p.reps as number,
  runUnit: (p, i) => queueReplication(p.servers as number, p.arrivalRate as number, p.serviceRate as number, p.service as 'exp' | 'fixed', p.duration as number, p.warmup as number, hashString(`${p.seed as number}:rep:${i}`) >>> 1),
  merge(p, parts) {
    const c = p.servers as number, lambda = p.arrivalRate as number, mu = p.serviceRate as number, svc = p.service as 'exp' | 'fixed';
    const cf = closedFormWait(lambda, mu, c, svc);
    const all = parts.flatMap((r) => r.waits);
    const L = mean(parts.map((r) => r.L));
    return {
      meanWait: mean(parts.map((r) => r.meanWait)),
      meanWaitCI95: ci95(parts.map((r) => r.meanWait)),
      p99Wait: quantile(all, 0.99),
      utilisation: mean(parts.map((r) => r.utilisation)),
      little: { L, lambdaW: mean(parts.map((r) => (r.lambda * r.W) / 1000)) },
      served: parts.reduce((a, r) => a + r.served, 0),
      closedForm: {
        model: svc === 'exp' ? (c === 1 ? 'M/M/1' : `M/M/${c} (Erlang C)`) : c === 1 ? 'M/D/1 (Pollaczek–Khinchine)' : `M/D/${c} ≈ half of M/M/${c}`,
        meanWait: cf.wait * 1000,
        utilisation: Math.min(1, utilisation(lambda, mu, c)),
        exact: cf.exact,
        mm1MeanWait: c === 1 ? null : mm1Wait(lambda / c, mu) * 1000,
      },
    };
  },
};

/** One (policy, load) point of the `shedding` experiment. */
export interface SheddingPoint {
  readonly policy: Policy;
  readonly load: number;
  /** Good answers per second ÷ capacity. */
  readonly goodput: number;
  readonly goodFraction: number;
  readonly goodResponse: number;
  readonly p99Wait: number;
  readonly shedFraction: number;
  /** Share of worker time spent on answers whose client had left. */
  readonly wastedFraction: number;
  readonly utilisation: number;
}

/** `npm run experiment -- shedding`: five policies from 0.5× to 3× capacity. */
export const sheddingExperiment: Experiment<SheddingPoint, { capacity: number; loads: readonly number[]; policies: readonly Policy[]; points: readonly SheddingPoint[] }> = {
  id: 'shedding',
  title: 'Goodput against offered load for five queue policies',
  doc: 'Four workers (10 ms exponential service, capacity 400/s), clients that give up after clientTimeout ms; offered load from 0.5× to 3× capacity. Goodput (answers in time ÷ capacity), latency, shed and wasted work for FIFO, bounded FIFO, LIFO, adaptive LIFO with CoDel and deadline dropping.',
  params: [
    { name: 'loads', kind: 'numbers', default: [0.5, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 2, 2.5, 3], min: 0.05, max: 5, maxItems: 24, doc: 'offered load as multiples of capacity' },
    { name: 'duration', kind: 'number', default: 20, min: 1, max: 600, doc: 'virtual seconds per point (after 2 s warm-up)' },
    { name: 'clientTimeout', kind: 'number', default: 200, min: 10, max: 10000, doc: 'ms a client waits' },
    { name: 'queueLimit', kind: 'integer', default: 40, min: 1, max: 10000, doc: 'bounded policy: longest queue' },
    { name: 'seed', kind: 'integer', default: 1, min: 0, max: 2 ** 31 - 1, doc: 'base seed' },
  ],
  units: (p) => POLICIES.length * (p.loads as readonly number[]).length,
  runUnit(p, i) {
    const loads = p.loads as readonly number[];
    const policy = POLICIES[Math.floor(i / loads.length)]!;
    const load = loads[i % loads.length]!;
    return sheddingPoint(policy, load, p.duration as number, p.clientTimeout as number, p.queueLimit as number, hashString(`${p.seed as number}:${load}`) >>> 1);
  },
  merge: (p, parts) => ({ capacity: 400, loads: p.loads as readonly number[], policies: POLICIES, points: parts }),
};

/** Run one policy at one load (multiple of the 400/s capacity). The same seed per load gives every policy the same arrivals. */
export function sheddingPoint(policy: Policy, load: number, durationS: number, clientTimeout: number, queueLimit: number, seed: number): SheddingPoint {
  const capacity = 400;
  const params = sanitizeServerParams({ servers: 4, classes: [{ name: 'requests', rate: load * capacity, serviceMs: 10 }], policy, clientTimeout, queueLimit, warmup: 2000 }).value;
  let st = initServer(seed, params);
  st = advanceServer(st, 2000 + durationS * 1000);
  const s = summarise(st);
  const x = st.stats[0]!;
  const served = x.good + x.late;
  return {
    policy,
    load,
    goodput: s.goodput / capacity,
    goodFraction: s.goodFraction,
    goodResponse: s.goodResponse,
    p99Wait: s.p99Wait,
    shedFraction: x.arrived ? (x.rejected + x.dropped) / x.arrived : 0,
    wastedFraction: served ? x.late / served : 0,
    utilisation: s.utilisation,
  };
}
