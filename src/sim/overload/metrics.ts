/**
 * Pure summaries of a server run: the quantities the lab shows and the experiments print, next to
 * the closed forms of formulas.ts. Times in ms.
 */
import { closedFormWait, utilisation } from './formulas';
import type { ServerState } from './types';

/** What a run measured since its warm-up. */
export interface ServerSummary {
  /** Measured time (ms). */
  readonly span: number;
  readonly arrived: number;
  readonly served: number;
  /** Mean and 99th-percentile queue wait of served requests (ms). */
  readonly meanWait: number;
  readonly p99Wait: number;
  /** Busy fraction of all workers. */
  readonly utilisation: number;
  /** Little's law: time-average number in system L, admitted arrival rate λ (/s), mean time in system W (ms). */
  readonly L: number;
  readonly lambda: number;
  readonly W: number;
  /** Good answers (in time) per second, and good / arrived. */
  readonly goodput: number;
  readonly goodFraction: number;
  /** Rejected + dropped per second. */
  readonly shedRate: number;
  /** Late answers (work done for clients that had left) per second. */
  readonly lateRate: number;
  /** Mean response time of good answers (ms). */
  readonly goodResponse: number;
}

/** The q-quantile of a list (nearest rank), 0 for an empty list. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

/** Summarise a run (optionally only class `cls`). */
export function summarise(st: ServerState, cls?: number): ServerSummary {
  const span = Math.max(0, st.now - st.params.warmup);
  const list = cls === undefined ? st.stats : [st.stats[cls]!];
  const sum = (f: (x: (typeof list)[number]) => number): number => list.reduce((a, x) => a + f(x), 0);
  const served = sum((x) => x.served), arrived = sum((x) => x.arrived), departed = sum((x) => x.departed);
  const sec = span / 1000;
  const waits = st.waits.buf.length === st.waits.len ? st.waits.buf : st.waits.buf.slice(0, st.waits.len);
  const admitted = arrived - sum((x) => x.rejected);
  return {
    span,
    arrived,
    served,
    meanWait: served ? sum((x) => x.waitSum) / served : 0,
    p99Wait: cls === undefined ? quantile(waits, 0.99) : NaN,
    utilisation: span > 0 ? st.busyArea / (span * st.params.servers) : 0,
    L: span > 0 ? st.numberArea / span : 0,
    lambda: sec > 0 ? admitted / sec : 0,
    W: departed ? sum((x) => x.sojournSum) / departed : 0,
    goodput: sec > 0 ? sum((x) => x.good) / sec : 0,
    goodFraction: arrived ? sum((x) => x.good) / arrived : 0,
    shedRate: sec > 0 ? sum((x) => x.rejected + x.dropped) / sec : 0,
    lateRate: sec > 0 ? sum((x) => x.late) / sec : 0,
    goodResponse: sum((x) => x.good) ? sum((x) => x.goodRespSum) / sum((x) => x.good) : 0,
  };
}

/** The closed form for a single-class run's parameters, in ms (null when there are two classes). */
export function closedFormFor(st: ServerState): { meanWait: number; utilisation: number; exact: boolean } | null {
  const p = st.params;
  if (p.classes.length !== 1) return null;
  const lambda = st.rate[0]!, mu = 1000 / st.serviceMs[0]!;
  const w = closedFormWait(lambda, mu, p.servers, p.service);
  return { meanWait: w.wait * 1000, utilisation: Math.min(1, utilisation(lambda, mu, p.servers)), exact: w.exact };
}
