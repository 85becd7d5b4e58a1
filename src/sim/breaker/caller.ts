/**
 * The breaker lab's caller model: a service with a bounded worker pool serving two endpoints. A
 * calls a dependency (behind a round-robin load balancer over one or more hosts) and B does only
 * local work. The reader changes the dependency's health over time. It reproduces the cascading
 * failure that Nygard describes in "Release It!" (2nd ed., ch. 4–5, "Cascading Failures" and
 * "Circuit Breaker"): a slow dependency holds every worker, so the endpoint that never touches it
 * fails too. The breakers follow resilience4j's CircuitBreaker (see breaker.ts).
 *
 * Why this is a model on the kernel's PRNG and not a `Protocol` under `worldMechanism`: the subject
 * is a worker pool and a queue inside one process, not messages between nodes. A run pushes tens
 * of thousands of requests through; recording each as network sends and deliveries would bury the
 * breaker's few transitions in the trace. So it implements `Mechanism` directly with its own event
 * heap (the kernel's `heapPush`/`heapPop`, ordered by (time, seq)) and draws from the kernel's sfc32
 * named streams (`arrA`, `arrB`, `work`, `dep`), kept in the state as plain data, so an extra request
 * on one endpoint does not reshuffle the other's arrivals. Replay, seeking and the lab toolkit work
 * as for any mechanism.
 *
 * Assumptions, stated in the lab: Poisson arrivals per endpoint; exponential local work; dependency
 * latency log-normal per health mode; a call that outlives `callTimeout` is abandoned by the worker
 * and counts as a failure of `callTimeout` ms (resilience4j records a TimeLimiter timeout as an
 * error); a queued request whose client deadline passes is removed; a request answered after its
 * client left counts as a timeout. Outcomes are counted in the second the request ends.
 */
import type { Mechanism, Sanitized, TraceEntry, TraceKind } from '../core/types';
import { heapPop, heapPush } from '../core/queue';
import { createRng, exponentialMut, logNormalMut, nextFloatMut, type MutRng } from '../core/rng';
import { emptyTrace, TraceWriter, traceView } from '../core/trace';
import { clampInteger, clampNumber, clampRate, isRate } from '../core/clamp';
import { advanceWorkingCopy, workingCopyMechanism } from '../core/workingCopy';
import { sanitizeBreakerConfig, R4J_DEFAULTS } from './config';
import { autoHalfOpen, newBreaker, onResult, tryAcquire, type Breaker } from './breaker';
import type { BreakerTransition, CallerAction, CallerEvent, CallerParams, CallerState, DepMode, Endpoint, Fate, Finished, Mut, Req, Rngs, Sample, Totals, Worker } from './types';
import { breakerScenarios } from './scenarios';

/** Health modes: median latency (ms), log-normal sigma, and error probability. */
export const DEP_MODES: Readonly<Record<DepMode, { median: number; sigma: number; errors: number; text: string }>> = {
  healthy: { median: 40, sigma: 0.4, errors: 0.005, text: 'healthy (≈40 ms, 0.5% errors)' },
  slow: { median: 4000, sigma: 0.3, errors: 0, text: 'slow (≈4 s per answer)' },
  failing: { median: 20, sigma: 0.3, errors: 1, text: 'failing (every call errors in ≈20 ms)' },
  recovering: { median: 150, sigma: 0.5, errors: 0.05, text: 'recovering (≈150 ms, 5% errors)' },
  flaky: { median: 50, sigma: 0.4, errors: 0.3, text: 'flaky (≈50 ms, 30% errors)' },
};

/** Default caller parameters: 20 workers, resilience4j's default breaker per dependency. */
export const CALLER_DEFAULTS: CallerParams = {
  workers: 20,
  queueLimit: 50,
  clientTimeout: 3000,
  callTimeout: 2000,
  rateA: 30,
  rateB: 30,
  localMs: 10,
  hosts: 1,
  scope: 'per-dependency',
  fallback: false,
  breaker: R4J_DEFAULTS,
};

/** Seconds per chart sample. */
export const SAMPLE_MS = 1000;
const RECENT = 48;
const FATES: readonly Fate[] = ['ok', 'fallback', 'error', 'refused', 'timeout', 'rejected'];
const isMode = (m: unknown): m is DepMode => typeof m === 'string' && m in DEP_MODES;

/** Validate untrusted params; never throws. */
export function sanitizeCallerParams(raw: unknown): Sanitized<CallerParams> {
  const problems: string[] = [];
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if (raw !== undefined && (raw === null || typeof raw !== 'object')) problems.push('params must be an object; using defaults.');
  const d = CALLER_DEFAULTS;
  let scope = d.scope;
  if (r.scope !== undefined) {
    if (r.scope === 'none' || r.scope === 'per-dependency' || r.scope === 'per-host') scope = r.scope;
    else problems.push('scope must be none, per-dependency or per-host; using per-dependency.');
  }
  let fallback = d.fallback;
  if (r.fallback !== undefined) {
    if (typeof r.fallback === 'boolean') fallback = r.fallback;
    else problems.push('fallback must be true or false.');
  }
  const b = sanitizeBreakerConfig(r.breaker);
  problems.push(...b.problems);
  const value: CallerParams = {
    workers: clampInteger(r.workers, 1, 64, d.workers, 'workers', problems),
    queueLimit: clampInteger(r.queueLimit, 0, 500, d.queueLimit, 'queueLimit', problems),
    clientTimeout: clampNumber(r.clientTimeout, 100, 60_000, d.clientTimeout, 'clientTimeout', problems),
    callTimeout: clampNumber(r.callTimeout, 50, 60_000, d.callTimeout, 'callTimeout', problems),
    rateA: clampRate(r.rateA, 200, d.rateA, 'rateA', problems),
    rateB: clampRate(r.rateB, 200, d.rateB, 'rateB', problems),
    localMs: clampNumber(r.localMs, 1, 1000, d.localMs, 'localMs', problems),
    hosts: clampInteger(r.hosts, 1, 5, d.hosts, 'hosts', problems),
    scope,
    fallback,
    breaker: b.value,
  };
  return { value, problems };
}

/** Validate an untrusted reader action; null if invalid. */
export function parseCallerAction(raw: unknown): CallerAction | null {
  if (!raw || typeof raw !== 'object') return null;
  const a = raw as Record<string, unknown>;
  if (a.type === 'dep/health' && isMode(a.mode) && Number.isInteger(a.host) && (a.host as number) >= -1 && (a.host as number) < 5) {
    return { type: 'dep/health', host: a.host as number, mode: a.mode };
  }
  if (a.type === 'caller/load' && (a.ep === 'A' || a.ep === 'B') && isRate(a.rate, 200)) {
    return { type: 'caller/load', ep: a.ep, rate: a.rate };
  }
  return null;
}

const zeroFates = (): Record<Fate, number> => ({ ok: 0, fallback: 0, error: 0, refused: 0, timeout: 0, rejected: 0 });
const idle: Worker = { req: null, phase: 'idle', started: 0, until: 0, host: -1, breaker: -1, failed: false };
const emptySample = (sec: number): Sample => ({ sec, arrA: 0, arrB: 0, okA: 0, okB: 0, fallbackA: 0, failA: 0, failB: 0, depCalls: 0, shortA: 0, busyMs: 0, queueMax: 0 });

/** Number of breakers for a scope. */
export function breakerCount(p: CallerParams): number {
  return p.scope === 'none' ? 0 : p.scope === 'per-host' ? p.hosts : 1;
}

/** Host label for the trace and the picture. */
export const hostName = (i: number): string => `dep-${i + 1}`;

/** A working copy of a state: every field the handlers change is copied once. */
class Sim {
  s: Mut<CallerState>;
  rng: Rngs;
  heap: CallerEvent[];
  workers: Worker[];
  queue: Req[];
  health: DepMode[];
  breakers: Breaker[];
  transitions: BreakerTransition[];
  series: Sample[];
  recent: Finished[];
  arr: Record<Endpoint, number>;
  fate: Record<Endpoint, Record<Fate, number>>;
  depCalls: number;
  tw: TraceWriter;

  constructor(st: CallerState) {
    this.s = { ...st };
    const r = st.rng;
    this.rng = { arrA: [...r.arrA] as MutRng, arrB: [...r.arrB] as MutRng, work: [...r.work] as MutRng, dep: [...r.dep] as MutRng };
    this.heap = [...st.heap];
    this.workers = [...st.workers];
    this.queue = [...st.queue];
    this.health = [...st.health];
    this.breakers = [...st.breakers];
    this.transitions = [...st.transitions];
    this.series = [...st.series];
    this.recent = [...st.recent];
    this.arr = { ...st.totals.arr };
    this.fate = { A: { ...st.totals.fate.A }, B: { ...st.totals.fate.B } };
    this.depCalls = st.totals.depCalls;
    this.tw = new TraceWriter(st.trace);
  }

  done(): CallerState {
    const totals: Totals = { arr: this.arr, fate: this.fate, depCalls: this.depCalls };
    return {
      ...this.s,
      rng: this.rng,
      heap: this.heap,
      workers: this.workers,
      queue: this.queue,
      health: this.health,
      breakers: this.breakers,
      transitions: this.transitions,
      series: this.series,
      recent: this.recent,
      totals,
      trace: this.tw.done(),
    };
  }

  get p(): CallerParams {
    return this.s.params;
  }

  push(e: Omit<CallerEvent, 'seq'>): void {
    heapPush(this.heap, { ...e, seq: this.s.seq });
    this.s.seq++;
  }

  log(kind: TraceKind, label: string, node?: string, data?: unknown): void {
    const e: TraceEntry = { seq: this.tw.length, t: this.s.now, kind, label, ...(node ? { node } : {}), ...(data !== undefined ? { data } : {}) };
    this.tw.push(e);
  }

  /** Index of the sample holding time t, creating samples up to it. */
  sample(t: number): number {
    const sec = Math.floor(t / SAMPLE_MS);
    while (this.series.length === 0 || this.series[this.series.length - 1]!.sec < sec) {
      this.series.push(emptySample(this.series.length === 0 ? 0 : this.series[this.series.length - 1]!.sec + 1));
    }
    return this.series.length - 1 - (this.series[this.series.length - 1]!.sec - sec);
  }

  bump(t: number, f: (x: Sample) => Partial<Sample>): void {
    const i = this.sample(t);
    const x = this.series[i]!;
    this.series[i] = { ...x, ...f(x) };
  }

  /** Add busy-worker time from the last accrual up to t. */
  accrue(t: number): void {
    let from = this.s.accrued;
    if (t <= from) return;
    const busy = this.workers.reduce((n, w) => n + (w.req ? 1 : 0), 0);
    while (from < t) {
      const end = Math.min(t, (Math.floor(from / SAMPLE_MS) + 1) * SAMPLE_MS);
      const d = end - from;
      if (busy > 0) this.bump(from, (x) => ({ busyMs: x.busyMs + busy * d }));
      else this.sample(from);
      from = end;
    }
    this.s.accrued = t;
  }

  setNow(t: number): void {
    this.accrue(t);
    this.s.now = t;
  }

  finish(req: Req, fate: Fate, refused = false): void {
    const ep = req.ep;
    this.fate[ep] = { ...this.fate[ep], [fate]: this.fate[ep][fate] + 1 };
    const good = fate === 'ok' || fate === 'fallback';
    this.bump(this.s.now, (x) =>
      ep === 'A'
        ? { okA: x.okA + (fate === 'ok' ? 1 : 0), fallbackA: x.fallbackA + (fate === 'fallback' ? 1 : 0), failA: x.failA + (good ? 0 : 1), shortA: x.shortA + (refused ? 1 : 0) }
        : { okB: x.okB + (fate === 'ok' ? 1 : 0), failB: x.failB + (good ? 0 : 1) },
    );
    this.recent.push({ id: req.id, ep, fate, arrived: req.arrived, at: this.s.now });
    if (this.recent.length > RECENT) this.recent.shift();
  }

  setBreaker(i: number, next: Breaker): void {
    const prev = this.breakers[i]!;
    this.breakers[i] = next;
    if (prev.mode !== next.mode) {
      this.transitions.push({ at: this.s.now, breaker: i, from: prev.mode, to: next.mode, reason: next.reason });
      const name = this.p.scope === 'per-host' ? `Breaker for ${hostName(i)}` : 'Breaker';
      this.log('note', `${name} ${prev.mode} → ${next.mode}: ${next.reason}`, this.p.scope === 'per-host' ? hostName(i) : 'breaker', { breaker: i, from: prev.mode, to: next.mode });
      if (next.mode === 'OPEN' && this.p.breaker.automaticTransitionFromOpenToHalfOpenEnabled) {
        this.push({ t: next.retryAt, k: 'auto', b: i, gen: next.since });
      }
    }
  }

  scheduleArrival(ep: Endpoint): void {
    const rate = this.s.rate[ep];
    if (rate <= 0) return;
    const dt = exponentialMut(ep === 'A' ? this.rng.arrA : this.rng.arrB, 1000 / rate);
    this.push({ t: this.s.now + dt, k: 'arr', ep, gen: this.s.gen[ep] });
  }

  freeWorker(): number {
    return this.workers.findIndex((w) => w.req === null);
  }

  noteSaturation(): void {
    const busy = this.workers.reduce((n, w) => n + (w.req ? 1 : 0), 0);
    if (!this.s.saturated && busy === this.workers.length && this.queue.length > 0) {
      this.s.saturated = true;
      this.log('note', `All ${busy} workers busy; requests now queue`, 'caller', { saturated: true });
    } else if (this.s.saturated && this.queue.length === 0 && busy <= this.workers.length / 2) {
      this.s.saturated = false;
      this.log('note', `Workers free again (${busy} of ${this.workers.length} busy)`, 'caller', { saturated: false });
    }
  }

  arrive(ep: Endpoint): void {
    const req: Req = { id: this.s.nextReq, ep, arrived: this.s.now };
    this.s.nextReq++;
    this.arr = { ...this.arr, [ep]: this.arr[ep] + 1 };
    this.bump(this.s.now, (x) => (ep === 'A' ? { arrA: x.arrA + 1 } : { arrB: x.arrB + 1 }));
    const w = this.freeWorker();
    if (w >= 0) this.start(w, req);
    else if (this.queue.length < this.p.queueLimit) {
      this.queue.push(req);
      this.bump(this.s.now, (x) => ({ queueMax: Math.max(x.queueMax, this.queue.length) }));
      this.push({ t: req.arrived + this.p.clientTimeout, k: 'deadline', req: req.id });
    } else this.finish(req, 'rejected');
    this.noteSaturation();
  }

  /** Pick a host and ask its breaker; returns [host, breaker index] or null when refused. */
  admit(): [number, number] | null {
    const p = this.p, n = p.hosts;
    if (p.scope === 'per-host') {
      for (let k = 0; k < n; k++) {
        const h = (this.s.rr + k) % n;
        const r = tryAcquire(p.breaker, this.breakers[h]!, this.s.now);
        this.setBreaker(h, r.breaker);
        if (r.permitted) {
          this.s.rr = (h + 1) % n;
          return [h, h];
        }
      }
      this.s.rr = (this.s.rr + 1) % n;
      return null;
    }
    const h = this.s.rr;
    this.s.rr = (h + 1) % n;
    if (p.scope === 'none') return [h, -1];
    const r = tryAcquire(p.breaker, this.breakers[0]!, this.s.now);
    this.setBreaker(0, r.breaker);
    return r.permitted ? [h, 0] : null;
  }

  start(w: number, req: Req): void {
    const p = this.p, now = this.s.now;
    const local = exponentialMut(this.rng.work, p.localMs);
    if (req.ep === 'B') {
      this.workers[w] = { ...idle, req, phase: 'local', started: now, until: now + local };
      this.push({ t: now + local, k: 'done', w });
      return;
    }
    const a = this.admit();
    if (!a) {
      this.finish(req, p.fallback ? 'fallback' : 'refused', true);
      this.next(w);
      return;
    }
    const [host, b] = a;
    const m = DEP_MODES[this.health[host]!];
    const lat = logNormalMut(this.rng.dep, Math.log(m.median), m.sigma);
    const err = nextFloatMut(this.rng.dep) < m.errors;
    const dur = Math.min(lat, p.callTimeout);
    this.depCalls++;
    this.bump(now, (x) => ({ depCalls: x.depCalls + 1 }));
    this.workers[w] = { req, phase: 'call', started: now, until: now + dur, host, breaker: b, failed: err || lat > p.callTimeout };
    this.push({ t: now + dur, k: 'done', w });
  }

  /** Worker w is free: take the oldest queued request, if any. */
  next(w: number): void {
    this.workers[w] = idle;
    const req = this.queue.shift();
    if (req) this.start(w, req);
  }

  complete(w: number): void {
    const wk = this.workers[w]!;
    const req = wk.req;
    if (!req) return;
    const now = this.s.now, p = this.p;
    if (wk.phase === 'call' && wk.breaker >= 0) {
      this.setBreaker(wk.breaker, onResult(p.breaker, this.breakers[wk.breaker]!, now, now - wk.started, wk.failed));
    }
    const late = now > req.arrived + p.clientTimeout;
    const fate: Fate = late ? 'timeout' : wk.phase === 'call' && wk.failed ? (p.fallback ? 'fallback' : 'error') : 'ok';
    this.finish(req, fate);
    this.next(w);
    this.noteSaturation();
  }

  handle(e: CallerEvent): void {
    if (e.k === 'arr') {
      if (e.gen !== this.s.gen[e.ep!]) return;
      this.arrive(e.ep!);
      this.scheduleArrival(e.ep!);
    } else if (e.k === 'done') {
      const wk = this.workers[e.w!]!;
      if (wk.req && wk.until === e.t) this.complete(e.w!);
    } else if (e.k === 'deadline') {
      const i = this.queue.findIndex((r) => r.id === e.req);
      if (i >= 0) {
        const [req] = this.queue.splice(i, 1);
        this.finish(req!, 'timeout');
        this.noteSaturation();
      }
    } else if (e.k === 'auto') {
      const b = this.breakers[e.b!];
      if (b && b.mode === 'OPEN' && b.since === e.gen) this.setBreaker(e.b!, autoHalfOpen(p(this), b, this.s.now));
    }
  }

  /** Process the next event; false if none. */
  step(): boolean {
    const e = heapPop(this.heap);
    if (!e) return false;
    this.setNow(e.t);
    this.handle(e);
    return true;
  }

  apply(a: CallerAction): void {
    if (a.type === 'dep/health') {
      const hosts = a.host < 0 ? this.health.map((_, i) => i) : a.host < this.health.length ? [a.host] : [];
      for (const h of hosts) this.health[h] = a.mode;
      const who = a.host < 0 ? (this.health.length > 1 ? 'every dependency host' : 'the dependency') : hostName(a.host);
      this.log('action', `Reader: ${who} turns ${DEP_MODES[a.mode].text}`, 'dependency', a);
    } else {
      this.s.rate = { ...this.s.rate, [a.ep]: a.rate };
      this.s.gen = { ...this.s.gen, [a.ep]: this.s.gen[a.ep] + 1 };
      this.log('action', `Reader: endpoint ${a.ep} load set to ${a.rate} requests/s`, 'caller', a);
      this.scheduleArrival(a.ep);
    }
  }
}

const p = (sim: Sim): CallerParams['breaker'] => sim.p.breaker;

/** A fresh run at t = 0. */
export function initCaller(seed: number, params: CallerParams): CallerState {
  const rng = (name: string): number[] => [...createRng(seed, name)];
  const base: CallerState = {
    mechanism: 'breaker',
    seed,
    params,
    now: 0,
    seq: 0,
    nextReq: 1,
    heap: [],
    rng: { arrA: rng('arrA'), arrB: rng('arrB'), work: rng('work'), dep: rng('dep') },
    rate: { A: params.rateA, B: params.rateB },
    gen: { A: 0, B: 0 },
    workers: Array.from({ length: params.workers }, () => idle),
    queue: [],
    health: Array.from({ length: params.hosts }, () => 'healthy' as DepMode),
    breakers: Array.from({ length: breakerCount(params) }, () => newBreaker(params.breaker)),
    rr: 0,
    transitions: [],
    series: [emptySample(0)],
    recent: [],
    totals: { arr: { A: 0, B: 0 }, fate: { A: zeroFates(), B: zeroFates() }, depCalls: 0 },
    saturated: false,
    accrued: 0,
    trace: emptyTrace(),
  };
  const sim = new Sim(base);
  sim.scheduleArrival('A');
  sim.scheduleArrival('B');
  return sim.done();
}

/** Process every event due at or before t on one working copy (experiments, seeking). */
export function advanceCaller(st: CallerState, t: number): CallerState {
  return advanceWorkingCopy(new Sim(st), t);
}

/** The model as a kernel `Mechanism` (peek, next, apply and advanceTo over a working copy). */
export const breakerMechanism: Mechanism<CallerParams, CallerState, CallerAction> = workingCopyMechanism({
  id: 'breaker',
  defaults: CALLER_DEFAULTS,
  sanitizeParams: sanitizeCallerParams,
  parseAction: parseCallerAction,
  init: initCaller,
  open: (st: CallerState) => new Sim(st),
  trace: (st: CallerState) => traceView(st.trace),
  scenarios: breakerScenarios,
});

/** Busy workers now. */
export function busyWorkers(st: CallerState): number {
  return st.workers.reduce((n, w) => n + (w.req ? 1 : 0), 0);
}

/** Every fate, for tables. */
export { FATES };
