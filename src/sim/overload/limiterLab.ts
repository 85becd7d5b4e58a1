/**
 * The rate-limiting half of the overload lab: the same client traffic goes through a token bucket,
 * a fixed window and a sliding window per client, side by side (each limiter decides every request
 * independently, so they are compared on identical arrivals), plus one global token bucket shared
 * by every client, to show why limits are kept per client. Poisson traffic per client from the
 * kernel's sfc32 streams (`client<k>`), bursts scripted by the scenarios or fired by the reader.
 * A model on the kernel's PRNG implementing `Mechanism` directly, like server.ts.
 */
import type { Mechanism, Sanitized, TraceEntry } from '../core/types';
import { heapPop, heapPush } from '../core/queue';
import { createRng, exponentialMut, type MutRng } from '../core/rng';
import { emptyTrace, TraceWriter, traceView, type TraceBuf } from '../core/trace';
import { clampInteger, clampNumber, clampRate, isRate } from '../core/clamp';
import { admit, LIMITERS, newLimiter, type LimitConfig, type Limiter, type LimiterKind } from './ratelimit';

/** Columns of the comparison: the three per-client limiters and the shared bucket. */
export type LimiterColumn = LimiterKind | 'global-bucket';
/** Every column, in display order. */
export const COLUMNS: readonly LimiterColumn[] = [...LIMITERS, 'global-bucket'];

/** Parameters: clients' steady rates and the limit every client gets. */
export interface LimiterParams {
  readonly rates: readonly number[];
  readonly cfg: LimitConfig;
}

/** Reader actions. */
export type LimiterAction =
  | { readonly type: 'client/rate'; readonly client: number; readonly rate: number }
  | { readonly type: 'client/burst'; readonly client: number; readonly n: number; readonly spanMs: number };

/** One second of counts: [column][client]. */
export interface LSample {
  readonly sec: number;
  readonly offered: readonly number[];
  readonly admitted: readonly (readonly number[])[];
}

interface LEvent {
  readonly t: number;
  readonly seq: number;
  readonly c: number;
  /** -1 for a scripted burst request, else the load generation. */
  readonly gen: number;
}

/** The run's state: plain data. */
export interface LimiterState {
  readonly mechanism: 'ratelimit';
  readonly seed: number;
  readonly params: LimiterParams;
  readonly now: number;
  readonly seq: number;
  readonly heap: readonly LEvent[];
  readonly rng: readonly (readonly number[])[];
  readonly rate: readonly number[];
  readonly gen: readonly number[];
  /** [column][client]; the global column holds one shared bucket at index 0. */
  readonly limiters: readonly (readonly Limiter[])[];
  /** Admitted times in the last window, [column][client], for the peak. */
  readonly recentOk: readonly (readonly (readonly number[])[])[];
  /** Most requests admitted within any one window so far, [column][client]. */
  readonly peak: readonly (readonly number[])[];
  readonly totals: { readonly offered: readonly number[]; readonly admitted: readonly (readonly number[])[] };
  readonly series: readonly LSample[];
  /** The last decisions, oldest first: time, client, and one bit per column (1 = admitted). */
  readonly recent: readonly { readonly t: number; readonly c: number; readonly ok: number }[];
  readonly trace: TraceBuf;
}

const RECENT = 400;

/** Client names. */
export const clientName = (i: number): string => `client ${String.fromCharCode(65 + i)}`;

/** Defaults: three clients at 6 requests/s, each allowed 10/s (burst 10; 10 per 1 s window). */
export const LIMITER_DEFAULTS: LimiterParams = { rates: [6, 6, 6], cfg: { rate: 10, burst: 10, limit: 10, windowMs: 1000 } };

/** Validate untrusted params; never throws. */
export function sanitizeLimiterParams(raw: unknown): Sanitized<LimiterParams> {
  const problems: string[] = [];
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  let rates = LIMITER_DEFAULTS.rates;
  if (r.rates !== undefined) {
    if (Array.isArray(r.rates) && r.rates.length >= 1 && r.rates.length <= 4) rates = r.rates.map((x, i) => clampRate(x, 500, 6, `rates[${i}]`, problems));
    else problems.push('rates must list one to four clients; using three.');
  }
  const c = (r.cfg && typeof r.cfg === 'object' ? r.cfg : {}) as Record<string, unknown>;
  const d = LIMITER_DEFAULTS.cfg;
  const cfg: LimitConfig = {
    rate: clampNumber(c.rate, 0.1, 1000, d.rate, 'cfg.rate', problems),
    burst: clampInteger(c.burst, 1, 1000, d.burst, 'cfg.burst', problems),
    limit: clampInteger(c.limit, 1, 1000, d.limit, 'cfg.limit', problems),
    windowMs: clampNumber(c.windowMs, 10, 60_000, d.windowMs, 'cfg.windowMs', problems),
  };
  return { value: { rates, cfg }, problems };
}

/** Validate an untrusted action; null if invalid. */
export function parseLimiterAction(raw: unknown): LimiterAction | null {
  if (!raw || typeof raw !== 'object') return null;
  const a = raw as Record<string, unknown>;
  const okClient = Number.isInteger(a.client) && (a.client as number) >= 0 && (a.client as number) < 4;
  if (a.type === 'client/rate' && okClient && isRate(a.rate, 500)) return { type: 'client/rate', client: a.client as number, rate: a.rate };
  if (a.type === 'client/burst' && okClient && Number.isInteger(a.n) && (a.n as number) >= 1 && (a.n as number) <= 200 && typeof a.spanMs === 'number' && a.spanMs >= 0 && a.spanMs <= 10_000) {
    return { type: 'client/burst', client: a.client as number, n: a.n as number, spanMs: a.spanMs };
  }
  return null;
}

/** The shared bucket allows the sum of every client's rate and burst. */
function globalCfg(p: LimiterParams): LimitConfig {
  const n = p.rates.length;
  return { ...p.cfg, rate: p.cfg.rate * n, burst: p.cfg.burst * n };
}

type Mut<T> = { -readonly [K in keyof T]: T[K] };

class Sim {
  s: Mut<LimiterState>;
  heap: LEvent[];
  rng: MutRng[];
  limiters: Limiter[][];
  recentOk: number[][][];
  peak: number[][];
  offered: number[];
  admitted: number[][];
  series: LSample[];
  recent: { t: number; c: number; ok: number }[];
  tw: TraceWriter;
  constructor(st: LimiterState) {
    this.recent = [...st.recent];
    this.s = { ...st };
    this.heap = [...st.heap];
    this.rng = st.rng.map((r) => [...r] as MutRng);
    this.limiters = st.limiters.map((x) => [...x]);
    this.recentOk = st.recentOk.map((x) => x.map((y) => [...y]));
    this.peak = st.peak.map((x) => [...x]);
    this.offered = [...st.totals.offered];
    this.admitted = st.totals.admitted.map((x) => [...x]);
    this.series = [...st.series];
    this.tw = new TraceWriter(st.trace);
  }
  done(): LimiterState {
    return { ...this.s, heap: this.heap, rng: this.rng, limiters: this.limiters, recentOk: this.recentOk, peak: this.peak, totals: { offered: this.offered, admitted: this.admitted }, series: this.series, recent: this.recent, trace: this.tw.done() };
  }
  log(label: string, kind: TraceEntry['kind'], data?: unknown): void {
    this.tw.push({ seq: this.tw.length, t: this.s.now, kind, label, node: 'limiter', ...(data !== undefined ? { data } : {}) });
  }
  push(t: number, c: number, gen: number): void {
    heapPush(this.heap, { t, seq: this.s.seq, c, gen });
    this.s.seq++;
  }
  schedule(c: number): void {
    const r = this.s.rate[c]!;
    if (r > 0) this.push(this.s.now + exponentialMut(this.rng[c]!, 1000 / r), c, this.s.gen[c]!);
  }
  sampleIdx(): number {
    const sec = Math.floor(this.s.now / 1000);
    const n = this.s.params.rates.length;
    while (this.series[this.series.length - 1]!.sec < sec) {
      this.series.push({ sec: this.series[this.series.length - 1]!.sec + 1, offered: new Array<number>(n).fill(0), admitted: COLUMNS.map(() => new Array<number>(n).fill(0)) });
    }
    return this.series.length - 1;
  }
  request(c: number): void {
    const p = this.s.params, now = this.s.now;
    const i = this.sampleIdx();
    const smp = this.series[i]!;
    const offered = [...smp.offered];
    offered[c]!++;
    const adm = smp.admitted.map((x) => [...x]);
    this.offered[c]!++;
    let okBits = 0;
    COLUMNS.forEach((col, k) => {
      const slot = col === 'global-bucket' ? 0 : c;
      const r = admit(this.limiters[k]![slot]!, col === 'global-bucket' ? globalCfg(p) : p.cfg, now);
      this.limiters[k]![slot] = r.limiter;
      if (!r.ok) return;
      okBits |= 1 << k;
      adm[k]![c]!++;
      this.admitted[k]![c]!++;
      const rec = this.recentOk[k]![c]!;
      rec.push(now);
      while (rec.length && rec[0]! <= now - p.cfg.windowMs) rec.shift();
      if (rec.length > this.peak[k]![c]!) {
        const before = this.peak[k]![c]!;
        this.peak[k]![c] = rec.length;
        if (col === 'fixed-window' && before <= p.cfg.limit && rec.length > p.cfg.limit) {
          this.log(`Fixed window let ${rec.length} of ${clientName(c)}'s requests through within ${p.cfg.windowMs} ms (limit ${p.cfg.limit}): a burst straddled a window boundary`, 'note', { client: c, peak: rec.length });
        }
      }
    });
    this.series[i] = { ...smp, offered, admitted: adm };
    this.recent.push({ t: now, c, ok: okBits });
    if (this.recent.length > RECENT) this.recent.shift();
  }
  step(): void {
    const e = heapPop(this.heap)!;
    this.s.now = e.t;
    if (e.gen >= 0) {
      if (e.gen !== this.s.gen[e.c]) return;
      this.request(e.c);
      this.schedule(e.c);
    } else this.request(e.c);
  }
  apply(a: LimiterAction): void {
    if (a.client >= this.s.params.rates.length) return;
    if (a.type === 'client/rate') {
      this.s.rate = this.s.rate.map((r, i) => (i === a.client ? a.rate : r));
      this.s.gen = this.s.gen.map((g, i) => (i === a.client ? g + 1 : g));
      this.log(`Reader: ${clientName(a.client)} sends ${a.rate} requests/s`, 'action', a);
      this.schedule(a.client);
    } else {
      this.log(`Reader: ${clientName(a.client)} bursts ${a.n} requests over ${a.spanMs} ms`, 'action', a);
      for (let j = 0; j < a.n; j++) this.push(this.s.now + (a.n > 1 ? (a.spanMs * j) / (a.n - 1) : 0), a.client, -1);
    }
  }
}

/** A fresh run. */
export function initLimiter(seed: number, p: LimiterParams): LimiterState {
  const n = p.rates.length;
  const st: LimiterState = {
    mechanism: 'ratelimit', seed, params: p, now: 0, seq: 0, heap: [],
    rng: p.rates.map((_, i) => [...createRng(seed, `client${i}`)]),
    rate: [...p.rates], gen: p.rates.map(() => 0),
    limiters: COLUMNS.map((col) => (col === 'global-bucket' ? [newLimiter('token-bucket', globalCfg(p))] : p.rates.map(() => newLimiter(col, p.cfg)))),
    recentOk: COLUMNS.map(() => p.rates.map(() => [])),
    peak: COLUMNS.map(() => new Array<number>(n).fill(0)),
    totals: { offered: new Array<number>(n).fill(0), admitted: COLUMNS.map(() => new Array<number>(n).fill(0)) },
    series: [{ sec: 0, offered: new Array<number>(n).fill(0), admitted: COLUMNS.map(() => new Array<number>(n).fill(0)) }],
    recent: [],
    trace: emptyTrace(),
  };
  const sim = new Sim(st);
  for (let i = 0; i < n; i++) sim.schedule(i);
  return sim.done();
}

/** Process everything due at or before t. */
export function advanceLimiter(st: LimiterState, t: number): LimiterState {
  const sim = new Sim(st);
  while (sim.heap.length && sim.heap[0]!.t <= t) sim.step();
  if (t > sim.s.now) {
    sim.s.now = t;
    sim.sampleIdx();
  }
  return sim.done();
}

const burst = (at: number, client: number, n: number, spanMs: number) => ({ at, action: { type: 'client/burst' as const, client, n, spanMs } });

/** The rate-limiting mechanism. */
export const limiterMechanism: Mechanism<LimiterParams, LimiterState, LimiterAction> = {
  id: 'ratelimit',
  defaults: LIMITER_DEFAULTS,
  sanitizeParams: sanitizeLimiterParams,
  parseAction: parseLimiterAction,
  init: initLimiter,
  apply(st, a) {
    const sim = new Sim(st);
    sim.apply(a);
    return sim.done();
  },
  peek: (st) => (st.heap.length ? st.heap[0]!.t : Infinity),
  next(st) {
    if (!st.heap.length) return st;
    const sim = new Sim(st);
    sim.step();
    return sim.done();
  },
  advanceTo: advanceLimiter,
  now: (st) => st.now,
  trace: (st) => traceView(st.trace),
  scenarios: [
    {
      id: 'limiters-side-by-side',
      title: 'Token bucket, fixed window and sliding window on the same bursty traffic',
      description: 'Three clients send about 6 requests per second with occasional bursts; each may send 10 per second. The token bucket absorbs a burst up to its size and then admits one request per refill; the windows admit up to 10 per window.',
      seed: 81,
      params: LIMITER_DEFAULTS,
      log: [burst(2000, 0, 25, 400), burst(5000, 1, 15, 200), burst(8000, 2, 30, 1500)],
      until: 12_000,
    },
    {
      id: 'fixed-window-boundary',
      title: 'The fixed window’s double burst at a boundary',
      description: 'Client A sends 20 requests between 1.9 s and 2.1 s. The fixed window counts 10 in the window ending at 2 s and 10 in the next, so all 20 get through within 200 ms: twice the limit. The sliding window admits 10; the token bucket its 10 tokens plus what refills.',
      seed: 82,
      params: { rates: [1, 1, 1], cfg: LIMITER_DEFAULTS.cfg },
      log: [burst(1900, 0, 20, 200)],
      until: 5000,
    },
    {
      id: 'noisy-neighbour',
      title: 'A noisy client is throttled, the others keep their share',
      description: 'Client A sends 60 requests per second, the others 6. Per-client limits hold A to about 10 per second and admit everything from B and C; one global bucket of 30 per second would instead be filled mostly by A, refusing B and C as well.',
      seed: 83,
      params: { rates: [60, 6, 6], cfg: LIMITER_DEFAULTS.cfg },
      log: [],
      until: 10_000,
    },
  ],
};
