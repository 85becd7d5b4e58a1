/**
 * Pure summaries of a caller run over a time range, shared by the experiment, the tests and the
 * lab's charts. A success rate is measured over requests that *ended* in the range
 * (ok ÷ everything that ended), so it never exceeds 1 when arrivals and endings fall in different
 * seconds.
 */
import type { CallerState, Sample } from './types';

/** Totals of some samples. */
export interface RangeStats {
  readonly seconds: number;
  readonly endedA: number;
  readonly endedB: number;
  /** ok ÷ ended, A (fallback answers not counted as ok). */
  readonly successA: number;
  /** (ok + fallback) ÷ ended, A. */
  readonly answeredA: number;
  readonly successB: number;
  /** Dependency calls started per second. */
  readonly depRate: number;
  readonly meanBusy: number;
}

/** Statistics of the samples whose second lies in [fromMs, toMs). */
export function rangeStats(series: readonly Sample[], fromMs: number, toMs: number): RangeStats {
  let okA = 0, fbA = 0, failA = 0, okB = 0, failB = 0, dep = 0, busy = 0, n = 0;
  for (const x of series) {
    if (x.sec * 1000 < fromMs || x.sec * 1000 >= toMs) continue;
    okA += x.okA; fbA += x.fallbackA; failA += x.failA; okB += x.okB; failB += x.failB; dep += x.depCalls; busy += x.busyMs; n++;
  }
  const endedA = okA + fbA + failA, endedB = okB + failB;
  const r = (a: number, b: number): number => (b === 0 ? 1 : a / b);
  return { seconds: n, endedA, endedB, successA: r(okA, endedA), answeredA: r(okA + fbA, endedA), successB: r(okB, endedB), depRate: n ? dep / n : 0, meanBusy: n ? busy / (n * 1000) : 0 };
}

/** First transition into `to` at or after `from` (ms), or null. */
export function firstTransition(st: CallerState, to: string, from = 0): number | null {
  const t = st.transitions.find((x) => x.to === to && x.at >= from);
  return t ? t.at : null;
}
