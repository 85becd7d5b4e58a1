/**
 * Pure selectors from the overload lab's states (server and rate limiters) to what it draws and
 * says. Nothing here reads the clock or the DOM.
 */
import { closedFormFor, COLUMNS, headItems, clientName, mmcWait, md1Wait, poolCount, poolOf, poolRange, POLICY_TEXT, summarise, type LimiterState, type SFate, type ServerState, type SSample } from '../../sim/overload';
import type { TraceEntry } from '../../sim/core';

/** One pool as drawn: its queue (oldest first) and its workers. */
export interface PoolView {
  readonly pool: number;
  /** Requests waiting in this pool's queue. */
  readonly total: number;
  /** The oldest of them (at most `limit`), for drawing. */
  readonly queue: readonly { readonly id: number; readonly cls: number; readonly age: number }[];
  readonly workers: readonly { readonly i: number; readonly cls: number | null; readonly progress: number }[];
}

/** Pools with their queues (the oldest `limit` requests) and workers at the state's time. */
export function pools(st: ServerState, limit = 240): PoolView[] {
  const p = st.params;
  return Array.from({ length: poolCount(p) }, (_, pool) => {
    const [a, b] = poolRange(p, pool);
    return {
      pool,
      total: st.queues[pool]!.length,
      queue: headItems(st.queues[pool]!, limit).map((r) => ({ id: r.id, cls: r.cls, age: st.now - r.arrived })),
      workers: st.servers.slice(a, b).map((s, k) => ({ i: a + k, cls: s.req ? s.req.cls : null, progress: s.req ? Math.min(1, (st.now - s.started) / Math.max(1e-9, s.until - s.started)) : 0 })),
    };
  });
}

/** A recently finished request. */
export interface ODot {
  readonly id: number;
  readonly cls: number;
  readonly fate: SFate;
  readonly age: number;
}

/** Requests that ended in the last `spanMs`. */
export function outcomeDots(st: ServerState, spanMs = 600): ODot[] {
  return st.recent.filter((r) => st.now - r.at <= spanMs).map((r) => ({ id: r.id, cls: r.cls, fate: r.fate, age: (st.now - r.at) / spanMs }));
}

/** Start of the current load regime: the last reader change of load, service time or policy. */
export function regimeStart(st: ServerState, trace: readonly TraceEntry[]): number {
  for (let i = trace.length - 1; i >= 0; i--) if (trace[i]!.kind === 'action' && trace[i]!.t <= st.now) return trace[i]!.t;
  return 0;
}

/** The live figures with their closed forms. */
export interface LiveStats {
  /** Mean queue wait of requests served since the regime began (ms), and how many. */
  readonly meanWait: number | null;
  readonly served: number;
  readonly since: number;
  readonly closedWait: number | null;
  readonly exact: boolean;
  readonly rho: number;
  readonly utilisation: number;
  readonly L: number;
  readonly lambdaW: number;
  readonly goodput: number;
  readonly lateRate: number;
  readonly shedRate: number;
  readonly p99Wait: number;
}

/** Live statistics: recent mean wait against the closed form; Little's law over the whole run. */
export function liveStats(st: ServerState, trace: readonly TraceEntry[]): LiveStats {
  const since = regimeStart(st, trace);
  let served = 0, wait = 0;
  for (const x of st.series) if (x.sec * 1000 >= since) for (let c = 0; c < x.served.length; c++) { served += x.served[c]!; wait += x.waitMs[c]!; }
  const s = summarise(st);
  const cf = closedFormFor(st);
  const offered = st.rate.reduce((a, r, c) => a + r * (st.serviceMs[c] ?? 0) / 1000, 0);
  const recentGood = lastSeconds(st.series, st.now, 3, (x) => x.good.reduce((a, b) => a + b, 0));
  const recentLate = lastSeconds(st.series, st.now, 3, (x) => x.late.reduce((a, b) => a + b, 0));
  const recentShed = lastSeconds(st.series, st.now, 3, (x) => x.shed.reduce((a, b) => a + b, 0));
  return {
    meanWait: served ? wait / served : null,
    served,
    since,
    closedWait: cf && Number.isFinite(cf.meanWait) ? cf.meanWait : null,
    exact: cf?.exact ?? false,
    rho: offered / st.params.servers,
    utilisation: s.utilisation,
    L: s.L,
    lambdaW: (s.lambda * s.W) / 1000,
    goodput: recentGood,
    lateRate: recentLate,
    shedRate: recentShed,
    p99Wait: s.p99Wait,
  };
}

/** Mean per second of f over the last `n` complete seconds. */
function lastSeconds(series: readonly SSample[], now: number, n: number, f: (x: SSample) => number): number {
  const full = Math.floor(now / 1000);
  const xs = series.filter((x) => x.sec < full && x.sec >= full - n);
  return xs.length ? xs.reduce((a, x) => a + f(x), 0) / xs.length : 0;
}

/** Per-second chart data (complete seconds only). */
export interface OPoint {
  readonly sec: number;
  readonly offered: number;
  readonly good: number;
  readonly late: number;
  readonly shed: number;
  readonly queue: number;
  /** Busy share per pool (0–1). */
  readonly busy: readonly number[];
}

/** Chart points up to the state's time. */
export function overloadPoints(st: ServerState): OPoint[] {
  const full = Math.floor(st.now / 1000), p = st.params;
  return st.series.filter((x) => x.sec < full).map((x) => ({
    sec: x.sec,
    offered: x.arrived.reduce((a, b) => a + b, 0),
    good: x.good.reduce((a, b) => a + b, 0),
    late: x.late.reduce((a, b) => a + b, 0),
    shed: x.shed.reduce((a, b) => a + b, 0),
    queue: x.queueMax.reduce((a, b) => a + b, 0),
    busy: x.busyMs.map((b, q) => b / (1000 * (poolRange(p, q)[1] - poolRange(p, q)[0]))),
  }));
}

/** The closed-form mean wait (ms) against utilisation ρ for c servers with mean service `ms`. */
export function waitCurve(c: number, ms: number, service: 'exp' | 'fixed', steps = 48): { rho: number; wait: number }[] {
  const mu = 1000 / ms;
  const out: { rho: number; wait: number }[] = [];
  for (let i = 1; i <= steps; i++) {
    const rho = (0.97 * i) / steps;
    const lambda = rho * c * mu;
    const w = service === 'exp' ? mmcWait(lambda, mu, c) : c === 1 ? md1Wait(lambda, mu) : mmcWait(lambda, mu, c) / 2;
    out.push({ rho, wait: w * 1000 });
  }
  return out;
}

const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);

/** One plain sentence on the server: what just happened, and why. */
export function serverCaption(st: ServerState, trace: readonly TraceEntry[]): string {
  const p = st.params, live = liveStats(st, trace);
  const waiting = st.queues.reduce((a, q) => a + q.length, 0);
  const busy = st.servers.filter((s) => s.req).length;
  let last: TraceEntry | undefined;
  for (let i = trace.length - 1; i >= 0; i--) if (trace[i]!.t <= st.now) { last = trace[i]; break; }
  const head = last && st.now - last.t < 4000 ? `At ${(last.t / 1000).toFixed(1)} s: ${last.label.replace(/^Reader: /, 'you set: ')}. ` : '';
  const now = `${busy} of ${p.servers} workers busy, ${waiting} waiting (${POLICY_TEXT[st.policy]}).`;
  if (p.classes.length > 1) {
    const arrived = lastSeconds(st.series, st.now, 3, (x) => x.arrived[0]!);
    const shared = poolOf(p, 0) === poolOf(p, 1);
    // Before the first whole second there is no figure yet: "0% answered in time" would be false.
    if (arrived === 0) return `${head}${now} Cheap and expensive requests ${shared ? 'share one pool' : 'have separate pools'}; the share of cheap requests answered in time shows after the first whole second.`;
    const cheap = lastSeconds(st.series, st.now, 3, (x) => x.good[0]!) / arrived;
    const pool = shared ? 'They share one pool, so' : 'They have separate pools, so';
    return `${head}${now} ${pool} the cheap requests got ${Math.round(Math.min(1, cheap) * 100)}% answered in time over the last 3 s.`;
  }
  if (live.rho >= 1 && p.clientTimeout > 0) {
    const waste = live.lateRate > live.goodput ? ` Most of the work answers clients who have already left (${Math.round(live.lateRate)}/s late against ${Math.round(live.goodput)}/s in time).` : ` ${Math.round(live.goodput)}/s answered in time, ${Math.round(live.shedRate)}/s shed.`;
    return `${head}${now} Offered load is ${live.rho.toFixed(2)}× capacity, more than the workers can do.${waste}`;
  }
  const cmp = live.meanWait !== null && live.closedWait !== null ? ` Mean wait so far ${fmt(live.meanWait)} over ${live.served} requests; the closed form says ${fmt(live.closedWait)}${live.exact ? '' : ' (approximate)'}.` : '';
  return `${head}${now} Utilisation ${Math.round(live.rho * 100)}%.${cmp}`;
}

/** One decision tick for the limiter strips. */
export interface Tick {
  readonly t: number;
  readonly c: number;
  readonly ok: boolean;
}

/** Decisions of column `k` in the last `spanMs`. */
export function limiterTicks(st: LimiterState, k: number, spanMs: number): Tick[] {
  return st.recent.filter((r) => st.now - r.t <= spanMs).map((r) => ({ t: r.t, c: r.c, ok: ((r.ok >> k) & 1) === 1 }));
}

/** Rows of the limiter table: per column and client, offered, admitted, and peak within any window. */
export function limiterRows(st: LimiterState): { col: string; client: string; offered: number; admitted: number; peak: number }[] {
  return COLUMNS.flatMap((col, k) => st.params.rates.map((_, c) => ({ col, client: clientName(c), offered: st.totals.offered[c]!, admitted: st.totals.admitted[k]![c]!, peak: st.peak[k]![c]! })));
}

/** Tokens in each client's bucket now (refilled to the present). */
export function tokenLevels(st: LimiterState): number[] {
  const cfg = st.params.cfg;
  return st.limiters[0]!.map((l) => (l.kind === 'token-bucket' ? Math.min(cfg.burst, l.tokens + (cfg.rate * (st.now - l.last)) / 1000) : 0));
}

/** One sentence on the rate limiters. */
export function limiterCaption(st: LimiterState, trace: readonly TraceEntry[]): string {
  let last: TraceEntry | undefined;
  for (let i = trace.length - 1; i >= 0; i--) if (trace[i]!.t <= st.now) { last = trace[i]; break; }
  const cfg = st.params.cfg;
  const rule = `Each client may send ${cfg.rate}/s: a bucket of ${cfg.burst} tokens refilled at ${cfg.rate}/s, or ${cfg.limit} per ${cfg.windowMs / 1000} s window.`;
  if (last && st.now - last.t < 4000) return `At ${(last.t / 1000).toFixed(1)} s: ${last.label.replace(/^Reader: /, 'you asked: ')}. ${rule}`;
  return rule;
}
