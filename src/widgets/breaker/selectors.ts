/**
 * Pure selectors from the caller model's state to what BreakerLab draws and says. Nothing here
 * reads the clock or the DOM; every value follows from (state, trace).
 */
import { busyWorkers, DEP_MODES, hostName, rangeStats, windowAt, failureRate, slowCallRate, minCallsFor, type Breaker, type BreakerMode, type CallerState, type Fate, type Sample } from '../../sim/breaker';
import type { TraceEntry } from '../../sim/core';

/** One worker cell. */
export interface WorkerCell {
  readonly i: number;
  readonly kind: 'idle' | 'local' | 'call';
  readonly ep: 'A' | 'B' | null;
  /** Share of the call timeout used so far (0–1) for a call; share of the work done for local work. */
  readonly progress: number;
  readonly host: number;
}

/** Worker cells at the state's time. */
export function workerCells(st: CallerState): WorkerCell[] {
  return st.workers.map((w, i) => ({
    i,
    kind: w.phase === 'idle' ? 'idle' : w.phase,
    ep: w.req?.ep ?? null,
    progress: w.req ? Math.min(1, (st.now - w.started) / Math.max(1, w.phase === 'call' ? st.params.callTimeout : w.until - w.started)) : 0,
    host: w.host,
  }));
}

/** A breaker as the picture shows it. */
export interface BreakerBadge {
  readonly i: number;
  readonly name: string;
  readonly mode: BreakerMode;
  readonly calls: number;
  readonly failurePct: number | null;
  readonly slowPct: number | null;
  readonly minCalls: number;
  /** OPEN: seconds until trial calls may start. HALF_OPEN: probes left. */
  readonly detail: string;
}

/** Every breaker's badge (none without breakers). */
export function breakerBadges(st: CallerState): BreakerBadge[] {
  const cfg = st.params.breaker;
  return st.breakers.map((b: Breaker, i) => {
    const w = windowAt(b, st.now);
    const min = minCallsFor(cfg, b);
    const fr = failureRate(w, min), sr = slowCallRate(w, min);
    const detail = b.mode === 'OPEN'
      ? st.now < b.retryAt ? `trials in ${((b.retryAt - st.now) / 1000).toFixed(1)} s` : 'next call is a trial'
      : b.mode === 'HALF_OPEN' ? `${b.permits} of ${cfg.permittedNumberOfCallsInHalfOpenState} trials left`
      : `${w.total}/${min} calls`;
    return { i, name: st.params.scope === 'per-host' ? hostName(i) : 'dependency', mode: b.mode, calls: w.total, failurePct: fr < 0 ? null : fr, slowPct: sr < 0 ? null : sr, minCalls: min, detail };
  });
}

/** A dot for a recently finished request, placed by how long ago it ended. */
export interface Dot {
  readonly id: number;
  readonly ep: 'A' | 'B';
  readonly fate: Fate;
  /** 0 = just finished … 1 = about to leave the picture. */
  readonly age: number;
}

/** Requests that finished in the last `spanMs`. */
export function recentDots(st: CallerState, spanMs = 1200): Dot[] {
  return st.recent.filter((r) => st.now - r.at <= spanMs).map((r) => ({ id: r.id, ep: r.ep, fate: r.fate, age: (st.now - r.at) / spanMs }));
}

/** One chart point per second. */
export interface ChartPoint {
  readonly sec: number;
  readonly depRate: number;
  readonly successA: number | null;
  readonly successB: number | null;
  readonly busy: number;
}

/** Per-second chart data up to the state's time (the current, partial second is left out). */
export function chartPoints(series: readonly Sample[], now: number): ChartPoint[] {
  const full = Math.floor(now / 1000);
  return series.filter((x) => x.sec < full).map((x) => {
    const endedA = x.okA + x.fallbackA + x.failA, endedB = x.okB + x.failB;
    return {
      sec: x.sec,
      depRate: x.depCalls,
      successA: endedA ? (x.okA + x.fallbackA) / endedA : null,
      successB: endedB ? x.okB / endedB : null,
      busy: x.busyMs / 1000,
    };
  });
}

/** A stretch of time a breaker spent in one mode. */
export interface BandSegment {
  readonly breaker: number;
  readonly from: number;
  readonly to: number;
  readonly mode: BreakerMode;
}

/** The state band: each breaker's modes over [0, now]. */
export function bandSegments(st: CallerState): BandSegment[] {
  const out: BandSegment[] = [];
  for (let b = 0; b < st.breakers.length; b++) {
    let from = 0, mode: BreakerMode = 'CLOSED';
    for (const t of st.transitions) {
      if (t.breaker !== b) continue;
      if (t.at > from) out.push({ breaker: b, from, to: t.at, mode });
      from = t.at;
      mode = t.to;
    }
    if (st.now > from) out.push({ breaker: b, from, to: st.now, mode });
  }
  return out;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/**
 * One plain sentence: what just happened, and why. Reads the latest trace entry of the last few
 * seconds (a transition, a health change, the pool filling) and the last three seconds' figures.
 */
export function whatHappened(st: CallerState, trace: readonly TraceEntry[]): string {
  const now = st.now, p = st.params;
  const recent = rangeStats(st.series, Math.max(0, Math.floor(now / 1000) * 1000 - 3000), Math.floor(now / 1000) * 1000);
  const busy = busyWorkers(st);
  const ends = recent.endedA + recent.endedB > 0;
  const figures = ends ? ` Over the last 3 s: A answered ${pct(recent.answeredA)}${p.fallback ? ' (fallbacks included)' : ''}, B ${pct(recent.successB)}; ${busy} of ${p.workers} workers busy.` : '';
  let last: TraceEntry | undefined;
  for (let i = trace.length - 1; i >= 0; i--) {
    if (trace[i]!.t <= now) {
      last = trace[i];
      break;
    }
  }
  const t = (x: number) => `${(x / 1000).toFixed(1)} s`;
  if (!last || now - last.t > 8000) {
    if (st.saturated) return `All ${p.workers} workers are busy and requests are queueing.${figures}`;
    const health = st.health.every((h) => h === 'healthy') ? 'The dependency is healthy' : `The dependency is ${st.health.map((h, i) => (st.health.length > 1 ? `${hostName(i)} ${h}` : h)).join(', ')}`;
    const mode = (m: string) => m.toLowerCase().replace('_', '-');
    const guard = p.scope === 'none' ? 'no breaker guards it' : st.breakers.length === 1 ? `the breaker is ${mode(st.breakers[0]!.mode)}` : `breakers ${st.breakers.map((b, i) => `${hostName(i)} ${mode(b.mode)}`).join(', ')}`;
    // Before the first whole second there are no figures yet; say what the pool is doing now, so each step reads differently.
    return `${health}; ${guard}.${figures || ` Right now ${busy} of ${p.workers} workers ${busy === 1 ? 'is' : 'are'} busy with calls.`}`;
  }
  const d = last.data as Record<string, unknown> | undefined;
  if (last.kind === 'action' && d && d.type === 'dep/health') {
    const m = DEP_MODES[d.mode as keyof typeof DEP_MODES];
    const why = d.mode === 'slow' ? ` Each call to it now holds a worker until the ${p.callTimeout / 1000} s call timeout.` : d.mode === 'failing' ? ' Calls to it now fail quickly.' : '';
    return `At ${t(last.t)} the dependency turned ${m.text}.${why}${figures}`;
  }
  if (last.kind === 'note' && d && 'to' in d) {
    const to = d.to as BreakerMode;
    const consequence = to === 'OPEN' && p.scope === 'per-host'
      ? ` The load balancer now skips ${last.node ?? 'that host'} and the other hosts take its share.`
      : to === 'OPEN'
      ? p.fallback ? ' A now gets the fallback answer at once, without a call.' : ' A now fails at once instead of waiting on the dependency, so its workers come free.'
      : to === 'HALF_OPEN' ? ` Up to ${p.breaker.permittedNumberOfCallsInHalfOpenState} trial calls may go through; their results decide.` : ' Calls flow to the dependency again.';
    return `At ${t(last.t)}: ${last.label}.${consequence}${figures}`;
  }
  if (last.kind === 'note' && d && 'saturated' in d) {
    return d.saturated
      ? `At ${t(last.t)} every worker was busy, so new requests on both endpoints started to queue; B waits behind A even though B never calls the dependency.${figures}`
      : `At ${t(last.t)} workers came free again${freedBy(st, last.t)}.${figures}`;
  }
  return `At ${t(last.t)}: ${last.label}.${figures}`;
}

/** Why the pool drained: a breaker that opened shortly before, if any. */
function freedBy(st: CallerState, at: number): string {
  const open = [...st.transitions].reverse().find((x) => x.to === 'OPEN' && x.at <= at && at - x.at < 5000);
  if (!open) return '';
  return `: the breaker opened at ${(open.at / 1000).toFixed(1)} s (${open.reason}), so A fails at once instead of holding a worker`;
}

/** A short label for a reader action in the event table. */
export function describeBreakerAction(a: { type: string } & Record<string, unknown>): string {
  if (a.type === 'dep/health') return `${a.host === -1 ? 'dependency' : hostName(a.host as number)} → ${String(a.mode)}`;
  if (a.type === 'caller/load') return `endpoint ${String(a.ep)} at ${String(a.rate)}/s`;
  return a.type;
}
