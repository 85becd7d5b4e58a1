/**
 * The overload lab's server: c workers, Poisson arrivals at rate λ per class, exponential or fixed
 * service at mean 1/μ, one or two request classes in one shared pool or in separate pools
 * (bulkheads), clients that give up after a timeout, and five ways to pick and shed queued work:
 *
 * - `fifo`: an unbounded first-in-first-out queue. Past capacity the queue grows without bound, every
 *   request waits longer than its client, and the workers stay 100% busy on answers nobody reads:
 *   goodput collapses (the congestion collapse of Nagle, RFC 896; "Fail at Scale" §"Queues").
 * - `bounded`: FIFO with at most `queueLimit` waiting; arrivals beyond it are rejected at once.
 * - `lifo`: newest first. Fresh requests are served while their clients still wait; old ones starve.
 * - `adaptive-lifo`: Facebook's adaptive LIFO with CoDel (Maurer, "Fail at Scale", ACM Queue 13(8),
 *   2015). If the queue has not been empty during the last N ms (`codelInterval`, 100), it is
 *   congested: requests that have queued longer than M ms (`codelTarget`, 5) are dropped, and the
 *   server takes the newest first. Otherwise the limit is N ms and order is FIFO. This is Maurer's
 *   server-side adaptation, not the packet-dropping control law of Nichols & Jacobson ("Controlling
 *   Queue Delay", ACM Queue 10(5), 2012), which, once the minimum sojourn time has stayed above the
 *   target for an interval, drops one packet and then the next after interval/√count. Both share the
 *   idea that a queue which never drains is a standing queue, and the 5 ms / 100 ms constants.
 * - `deadline`: FIFO, but a request whose client deadline has passed is dropped when it reaches
 *   the head instead of being worked on (the deadline travels with the request).
 *
 * Like the breaker lab's caller, this is a model on the kernel's PRNG rather than a protocol on
 * `worldMechanism`: it is a queue inside one server, and runs push hundreds of thousands of requests
 * through for the experiments. It implements `Mechanism` with the kernel heap and named sfc32
 * streams (`arr<k>`, `svc<k>` per class) kept in the state as plain data.
 */
import type { Mechanism, Sanitized, TraceEntry, TraceKind } from '../core/types';
import { heapPop, heapPush } from '../core/queue';
import { createRng, exponentialMut, type MutRng } from '../core/rng';
import { emptyTrace, TraceWriter, traceView } from '../core/trace';
import { clampInteger, clampNumber, clampRate, isRate } from '../core/clamp';
import { advanceWorkingCopy, workingCopyMechanism } from '../core/workingCopy';
import type { ClassStats, Policy, SEvent, SFate, SFinished, SReq, SSample, Server, ServerAction, ServerParams, ServerState } from './types';
import { overloadScenarios } from './scenarios';
import { CHUNK, emptyQueue, type ChunkQueue } from './chunkq';

/** Every policy, in the order the lab and the experiment show them. */
export const POLICIES: readonly Policy[] = ['fifo', 'bounded', 'lifo', 'adaptive-lifo', 'deadline'];
/** Words for each policy. */
export const POLICY_TEXT: Readonly<Record<Policy, string>> = {
  fifo: 'unbounded FIFO queue',
  bounded: 'bounded FIFO queue',
  lifo: 'LIFO (newest first)',
  'adaptive-lifo': 'adaptive LIFO with CoDel',
  deadline: 'FIFO, dropping requests past their deadline',
};

/** A single M/M/1-style class at ρ = 0.8 with 10 ms service. */
export const SERVER_DEFAULTS: ServerParams = {
  servers: 1,
  pools: 'shared',
  split: 1,
  classes: [{ name: 'requests', rate: 80, serviceMs: 10 }],
  service: 'exp',
  policy: 'fifo',
  queueLimit: 50,
  clientTimeout: 0,
  codelTarget: 5,
  codelInterval: 100,
  warmup: 0,
};

const isPolicy = (x: unknown): x is Policy => typeof x === 'string' && (POLICIES as readonly string[]).includes(x);

/** Validate untrusted params; never throws. */
export function sanitizeServerParams(raw: unknown): Sanitized<ServerParams> {
  const problems: string[] = [];
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if (raw !== undefined && (raw === null || typeof raw !== 'object')) problems.push('params must be an object; using defaults.');
  const d = SERVER_DEFAULTS;
  let classes = d.classes;
  if (r.classes !== undefined) {
    if (Array.isArray(r.classes) && r.classes.length >= 1 && r.classes.length <= 2) {
      classes = r.classes.map((c: unknown, i) => {
        const o = (c && typeof c === 'object' ? c : {}) as Record<string, unknown>;
        return {
          name: typeof o.name === 'string' && o.name.length <= 24 ? o.name : `class ${i + 1}`,
          rate: clampRate(o.rate, 5000, 80, `classes[${i}].rate`, problems),
          serviceMs: clampNumber(o.serviceMs, 0.1, 10_000, 10, `classes[${i}].serviceMs`, problems),
        };
      });
    } else problems.push('classes must be a list of one or two classes; using the default.');
  }
  const servers = clampInteger(r.servers, 1, 64, d.servers, 'servers', problems);
  let pools = d.pools;
  if (r.pools !== undefined) {
    if (r.pools === 'shared' || r.pools === 'separate') pools = r.pools;
    else problems.push('pools must be shared or separate.');
  }
  if (pools === 'separate' && (classes.length < 2 || servers < 2)) {
    problems.push('separate pools need two classes and at least two workers; using one shared pool.');
    pools = 'shared';
  }
  let policy = d.policy;
  if (r.policy !== undefined) {
    if (isPolicy(r.policy)) policy = r.policy;
    else problems.push(`policy must be one of ${POLICIES.join(', ')}.`);
  }
  const service = r.service === undefined ? d.service : r.service === 'exp' || r.service === 'fixed' ? r.service : (problems.push('service must be exp or fixed.'), d.service);
  const value: ServerParams = {
    servers,
    pools,
    split: clampInteger(r.split, 1, Math.max(1, servers - 1), Math.max(1, Math.floor(servers / 2)), 'split', problems),
    classes,
    service,
    policy,
    queueLimit: clampInteger(r.queueLimit, 0, 100_000, d.queueLimit, 'queueLimit', problems),
    clientTimeout: clampNumber(r.clientTimeout, 0, 600_000, d.clientTimeout, 'clientTimeout', problems),
    codelTarget: clampNumber(r.codelTarget, 0.1, 10_000, d.codelTarget, 'codelTarget', problems),
    codelInterval: clampNumber(r.codelInterval, 1, 60_000, d.codelInterval, 'codelInterval', problems),
    warmup: clampNumber(r.warmup, 0, 3_600_000, d.warmup, 'warmup', problems),
  };
  return { value, problems };
}

/** Validate an untrusted reader action; null if invalid. */
export function parseServerAction(raw: unknown): ServerAction | null {
  if (!raw || typeof raw !== 'object') return null;
  const a = raw as Record<string, unknown>;
  const cls = a.cls;
  const okCls = cls === 0 || cls === 1;
  if (a.type === 'load/set' && okCls && isRate(a.rate, 5000)) return { type: 'load/set', cls: cls as number, rate: a.rate };
  if (a.type === 'service/set' && okCls && typeof a.ms === 'number' && a.ms >= 0.1 && a.ms <= 10_000) return { type: 'service/set', cls: cls as number, ms: a.ms };
  if (a.type === 'policy/set' && isPolicy(a.policy)) return { type: 'policy/set', policy: a.policy };
  return null;
}

/** Number of pools. */
export const poolCount = (p: ServerParams): number => (p.pools === 'separate' ? 2 : 1);
/** The pool a class's requests go to. */
export const poolOf = (p: ServerParams, cls: number): number => (p.pools === 'separate' ? cls : 0);
/** Worker indices [from, to) of a pool. */
export function poolRange(p: ServerParams, pool: number): [number, number] {
  if (p.pools !== 'separate') return [0, p.servers];
  return pool === 0 ? [0, p.split] : [p.split, p.servers];
}

/** Width of one per-second sample of the charts (ms); the lab plays one sample per step (its pace). */
export const SAMPLE_MS = 1000;
const RECENT = 60;
const zeroStats = (): ClassStats => ({ arrived: 0, good: 0, late: 0, rejected: 0, dropped: 0, served: 0, waitSum: 0, departed: 0, sojournSum: 0, goodRespSum: 0 });
const idle: Server = { req: null, started: 0, until: 0 };
const emptySample = (sec: number, k: number, pools: number): SSample => ({
  sec,
  arrived: new Array<number>(k).fill(0),
  good: new Array<number>(k).fill(0),
  late: new Array<number>(k).fill(0),
  shed: new Array<number>(k).fill(0),
  busyMs: new Array<number>(pools).fill(0),
  queueMax: new Array<number>(pools).fill(0),
  served: new Array<number>(k).fill(0),
  waitMs: new Array<number>(k).fill(0),
});

type Mut<T> = { -readonly [K in keyof T]: T[K] };

/** A working copy of a state; batches of events mutate only this. */
class Sim {
  s: Mut<ServerState>;
  heap: SEvent[];
  rng: MutRng[];
  servers: Server[];
  /** Per pool: the chunk list and length; lists and chunks created or copied by this Sim may be mutated in place. */
  qChunks: SReq[][][];
  qLen: number[];
  ownedList: boolean[];
  owned = new Set<SReq[]>();
  lastEmpty: number[];
  congested: boolean[];
  stats: Mut<ClassStats>[];
  series: SSample[];
  recent: SFinished[];
  wbuf: number[];
  wlen: number;
  tw: TraceWriter;

  constructor(st: ServerState) {
    this.s = { ...st };
    this.heap = [...st.heap];
    this.rng = st.rng.map((r) => [...r] as MutRng);
    this.servers = [...st.servers];
    this.qChunks = st.queues.map((q) => q.chunks as SReq[][]);
    this.qLen = st.queues.map((q) => q.length);
    this.ownedList = st.queues.map(() => false);
    this.lastEmpty = [...st.lastEmpty];
    this.congested = [...st.congested];
    this.stats = st.stats.map((x) => ({ ...x }));
    this.series = [...st.series];
    this.recent = [...st.recent];
    this.wbuf = st.waits.buf as number[];
    this.wlen = st.waits.len;
    this.tw = new TraceWriter(st.trace);
  }

  done(): ServerState {
    return {
      ...this.s,
      heap: this.heap,
      rng: this.rng,
      servers: this.servers,
      queues: this.qChunks.map((chunks, i): ChunkQueue<SReq> => ({ chunks, length: this.qLen[i]! })),
      lastEmpty: this.lastEmpty,
      congested: this.congested,
      stats: this.stats,
      series: this.series,
      recent: this.recent,
      waits: { buf: this.wbuf, len: this.wlen },
      trace: this.tw.done(),
    };
  }

  get p(): ServerParams {
    return this.s.params;
  }

  qlen(pool: number): number {
    return this.qLen[pool]!;
  }

  /** The pool's chunk list, copied once per Sim so it can be changed in place. */
  list(pool: number): SReq[][] {
    if (!this.ownedList[pool]) {
      this.qChunks[pool] = [...this.qChunks[pool]!];
      this.ownedList[pool] = true;
    }
    return this.qChunks[pool]!;
  }

  /** Chunk k of a pool, copied once per Sim before it is changed (older states keep theirs). */
  chunk(pool: number, k: number): SReq[] {
    const l = this.list(pool);
    let c = l[k]!;
    if (!this.owned.has(c)) {
      c = [...c];
      this.owned.add(c);
      l[k] = c;
    }
    return c;
  }

  pushQueue(pool: number, r: SReq): void {
    const l = this.list(pool);
    const last = l[l.length - 1];
    if (!last || last.length >= CHUNK) {
      const c = [r];
      this.owned.add(c);
      l.push(c);
    } else this.chunk(pool, l.length - 1).push(r);
    this.qLen[pool]!++;
  }

  headOf(pool: number): SReq | undefined {
    return this.qChunks[pool]![0]?.[0];
  }

  log(kind: TraceKind, label: string, node?: string, data?: unknown): void {
    const e: TraceEntry = { seq: this.tw.length, t: this.s.now, kind, label, ...(node ? { node } : {}), ...(data !== undefined ? { data } : {}) };
    this.tw.push(e);
  }

  push(t: number, k: SEvent['k'], i: number, gen = 0): void {
    heapPush(this.heap, { t, seq: this.s.seq, k, i, gen });
    this.s.seq++;
  }

  sample(t: number): number {
    const sec = Math.floor(t / SAMPLE_MS);
    const k = this.p.classes.length, pools = poolCount(this.p);
    while (this.series[this.series.length - 1]!.sec < sec) this.series.push(emptySample(this.series[this.series.length - 1]!.sec + 1, k, pools));
    return this.series.length - 1 - (this.series[this.series.length - 1]!.sec - sec);
  }

  bump(field: 'arrived' | 'good' | 'late' | 'shed' | 'busyMs' | 'queueMax' | 'served' | 'waitMs', idx: number, v: number, max = false): void {
    const i = this.sample(this.s.now);
    const x = this.series[i]!;
    const arr = [...x[field]];
    arr[idx] = max ? Math.max(arr[idx]!, v) : arr[idx]! + v;
    this.series[i] = { ...x, [field]: arr };
  }

  measured(r: SReq): boolean {
    return r.arrived >= this.p.warmup;
  }

  /** Add busy-worker and number-in-system area from the last accrual up to t. */
  accrue(t: number): void {
    const from = this.s.accrued;
    if (t <= from) return;
    const pools = poolCount(this.p);
    let inSystem = 0;
    for (let q = 0; q < pools; q++) inSystem += this.qlen(q);
    const busyBy: number[] = new Array<number>(pools).fill(0);
    for (let q = 0; q < pools; q++) {
      const [a, b] = poolRange(this.p, q);
      for (let i = a; i < b; i++) if (this.servers[i]!.req) busyBy[q]!++;
    }
    const busy = busyBy.reduce((x, y) => x + y, 0);
    inSystem += busy;
    const w = this.p.warmup;
    if (t > w) {
      const d = t - Math.max(from, w);
      this.s.busyArea += busy * d;
      this.s.numberArea += inSystem * d;
    }
    // per-second busy time, split at sample boundaries
    let x = from;
    while (x < t) {
      const end = Math.min(t, (Math.floor(x / SAMPLE_MS) + 1) * SAMPLE_MS);
      const i = this.sample(x);
      const smp = this.series[i]!;
      if (busy > 0) this.series[i] = { ...smp, busyMs: smp.busyMs.map((b, q) => b + busyBy[q]! * (end - x)) };
      x = end;
    }
    this.s.accrued = t;
  }

  setNow(t: number): void {
    this.accrue(t);
    this.s.now = t;
  }

  end(r: SReq, fate: SFate, admitted: boolean): void {
    if (this.measured(r)) {
      const st = this.stats[r.cls]!;
      st[fate]++;
      if (admitted) {
        st.departed++;
        st.sojournSum += this.s.now - r.arrived;
      }
      if (fate === 'good') st.goodRespSum += this.s.now - r.arrived;
    }
    this.bump(fate === 'rejected' || fate === 'dropped' ? 'shed' : fate, r.cls, 1);
    this.recent.push({ id: r.id, cls: r.cls, fate, arrived: r.arrived, at: this.s.now });
    if (this.recent.length > RECENT) this.recent.shift();
  }

  schedule(cls: number): void {
    const rate = this.s.rate[cls]!;
    if (rate <= 0) return;
    this.push(this.s.now + exponentialMut(this.rng[2 * cls]!, 1000 / rate), 'arr', cls, this.s.gen[cls]!);
  }

  freeServer(pool: number): number {
    const [a, b] = poolRange(this.p, pool);
    for (let i = a; i < b; i++) if (!this.servers[i]!.req) return i;
    return -1;
  }

  arrive(cls: number): void {
    const r: SReq = { id: this.s.nextReq, cls, arrived: this.s.now };
    this.s.nextReq++;
    if (this.measured(r)) this.stats[cls]!.arrived++;
    this.bump('arrived', cls, 1);
    const pool = poolOf(this.p, cls);
    const w = this.freeServer(pool);
    if (w >= 0) {
      this.lastEmpty[pool] = this.s.now;
      this.start(w, r);
      return;
    }
    if (this.s.policy === 'bounded' && this.qlen(pool) >= this.p.queueLimit) {
      this.end(r, 'rejected', false);
      return;
    }
    // The queue was empty right up to now; CoDel measures how long it has been non-empty since.
    if (this.qlen(pool) === 0) this.lastEmpty[pool] = this.s.now;
    this.pushQueue(pool, r);
    this.bump('queueMax', pool, this.qlen(pool), true);
  }

  start(w: number, r: SReq): void {
    const now = this.s.now;
    if (this.measured(r)) {
      const st = this.stats[r.cls]!;
      st.served++;
      st.waitSum += now - r.arrived;
      this.pushWait(now - r.arrived);
    }
    this.bump('served', r.cls, 1);
    this.bump('waitMs', r.cls, now - r.arrived);
    const mean = this.s.serviceMs[r.cls]!;
    const d = this.p.service === 'fixed' ? mean : exponentialMut(this.rng[2 * r.cls + 1]!, mean);
    this.servers[w] = { req: r, started: now, until: now + d };
    this.push(now + d, 'done', w);
  }

  pushWait(v: number): void {
    if (this.wbuf.length === this.wlen && !Object.isFrozen(this.wbuf)) this.wbuf.push(v);
    else if (!(this.wlen < this.wbuf.length && this.wbuf[this.wlen] === v)) {
      this.wbuf = this.wbuf.slice(0, this.wlen);
      this.wbuf.push(v);
    }
    this.wlen++;
  }

  /** Take the next request to serve from a pool's queue, shedding by policy; null if none. */
  take(pool: number): SReq | null {
    const now = this.s.now, p = this.p, policy = this.s.policy;
    if (policy === 'adaptive-lifo') {
      const congested = now - this.lastEmpty[pool]! > p.codelInterval;
      if (congested !== this.congested[pool]) {
        this.congested[pool] = congested;
        // Under overload the flag flips many times a second; the trace tells the story once per 2 s.
        if (congested && now - this.s.codelNoteAt >= 2000) {
          this.s.codelNoteAt = now;
          this.log('note', `Queue has not emptied for ${p.codelInterval} ms: CoDel calls it congested; newest first, and anything queued over ${p.codelTarget} ms is dropped`, poolCount(p) > 1 ? `pool ${pool + 1}` : 'server', { congested });
        }
      }
      const limit = congested ? p.codelTarget : p.codelInterval;
      // Old requests sit at the head; every one past the limit would be dropped on sight.
      while (this.qlen(pool) > 0 && now - this.headOf(pool)!.arrived > limit) this.dropHead(pool);
      if (this.qlen(pool) === 0) return null;
      return congested ? this.popTail(pool) : this.popHead(pool);
    }
    if (policy === 'lifo') return this.qlen(pool) > 0 ? this.popTail(pool) : null;
    while (this.qlen(pool) > 0) {
      const r = this.popHead(pool);
      if (policy === 'deadline' && p.clientTimeout > 0 && now > r.arrived + p.clientTimeout) {
        this.end(r, 'dropped', true);
        continue;
      }
      return r;
    }
    return null;
  }

  popHead(pool: number): SReq {
    const l = this.list(pool);
    const r = l[0]!.length === 1 ? l.shift()![0]! : this.chunk(pool, 0).shift()!;
    this.qLen[pool]!--;
    return r;
  }

  popTail(pool: number): SReq {
    const l = this.list(pool);
    const r = l[l.length - 1]!.length === 1 ? l.pop()![0]! : this.chunk(pool, l.length - 1).pop()!;
    this.qLen[pool]!--;
    return r;
  }

  dropHead(pool: number): void {
    this.end(this.popHead(pool), 'dropped', true);
  }

  complete(w: number): void {
    const sv = this.servers[w]!;
    const r = sv.req!;
    const to = this.p.clientTimeout;
    this.end(r, to > 0 && this.s.now > r.arrived + to ? 'late' : 'good', true);
    this.servers[w] = idle;
    const pool = poolOf(this.p, r.cls);
    const next = this.take(pool);
    if (this.qlen(pool) === 0) this.lastEmpty[pool] = this.s.now;
    if (next) this.start(w, next);
  }

  handle(e: SEvent): void {
    if (e.k === 'arr') {
      if (e.gen !== this.s.gen[e.i]) return;
      this.arrive(e.i);
      this.schedule(e.i);
    } else {
      const sv = this.servers[e.i]!;
      if (sv.req && sv.until === e.t) this.complete(e.i);
    }
  }

  step(): boolean {
    const e = heapPop(this.heap);
    if (!e) return false;
    this.setNow(e.t);
    this.handle(e);
    return true;
  }

  apply(a: ServerAction): void {
    const names = this.p.classes;
    if (a.type === 'load/set') {
      if (a.cls >= names.length) return;
      this.s.rate = this.s.rate.map((r, i) => (i === a.cls ? a.rate : r));
      this.s.gen = this.s.gen.map((g, i) => (i === a.cls ? g + 1 : g));
      this.log('action', `Reader: ${names[a.cls]!.name} arrive at ${a.rate} per second`, 'clients', a);
      this.schedule(a.cls);
    } else if (a.type === 'service/set') {
      if (a.cls >= names.length) return;
      this.s.serviceMs = this.s.serviceMs.map((m, i) => (i === a.cls ? a.ms : m));
      this.log('action', `Reader: ${names[a.cls]!.name} now take ${a.ms} ms each`, 'server', a);
    } else {
      this.s.policy = a.policy;
      this.log('action', `Reader: the server switches to ${POLICY_TEXT[a.policy]}`, 'server', a);
      for (let q = 0; q < poolCount(this.p); q++) {
        for (let w = this.freeServer(q); w >= 0 && this.qlen(q) > 0; w = this.freeServer(q)) {
          const r = this.take(q);
          if (!r) break;
          this.start(w, r);
        }
      }
    }
  }
}

/** A fresh run at t = 0. */
export function initServer(seed: number, params: ServerParams): ServerState {
  const k = params.classes.length, pools = poolCount(params);
  const rng: number[][] = [];
  for (let c = 0; c < k; c++) rng.push([...createRng(seed, `arr${c}`)], [...createRng(seed, `svc${c}`)]);
  const st: ServerState = {
    mechanism: 'overload',
    seed,
    params,
    now: 0,
    seq: 0,
    nextReq: 1,
    heap: [],
    rng,
    rate: params.classes.map((c) => c.rate),
    serviceMs: params.classes.map((c) => c.serviceMs),
    gen: params.classes.map(() => 0),
    policy: params.policy,
    servers: Array.from({ length: params.servers }, () => idle),
    queues: Array.from({ length: pools }, () => emptyQueue<SReq>()),
    lastEmpty: new Array<number>(pools).fill(0),
    congested: new Array<boolean>(pools).fill(false),
    codelNoteAt: -Infinity,
    stats: params.classes.map(zeroStats),
    busyArea: 0,
    numberArea: 0,
    accrued: 0,
    waits: { buf: [], len: 0 },
    series: [emptySample(0, k, pools)],
    recent: [],
    trace: emptyTrace(),
  };
  const sim = new Sim(st);
  const load = params.classes.reduce((a, c) => a + (c.rate * c.serviceMs) / 1000, 0) / params.servers;
  sim.log('note', `${params.servers} worker${params.servers > 1 ? 's' : ''}${params.pools === 'separate' ? ` in two pools (${params.split} + ${params.servers - params.split})` : ''}; ${params.classes.map((c) => `${c.name}: ${c.rate}/s at ${c.serviceMs} ms`).join('; ')}; offered load ${Math.round(load * 100)}% of capacity; ${POLICY_TEXT[params.policy]}`, 'server', { start: true });
  for (let c = 0; c < k; c++) sim.schedule(c);
  return sim.done();
}

/** Process every event due at or before t on one working copy (experiments, seeking). */
export function advanceServer(st: ServerState, t: number): ServerState {
  return advanceWorkingCopy(new Sim(st), t);
}

/** The model as a kernel `Mechanism` (peek, next, apply and advanceTo over a working copy). */
export const overloadMechanism: Mechanism<ServerParams, ServerState, ServerAction> = workingCopyMechanism({
  id: 'overload',
  defaults: SERVER_DEFAULTS,
  sanitizeParams: sanitizeServerParams,
  parseAction: parseServerAction,
  init: initServer,
  open: (st: ServerState) => new Sim(st),
  trace: (st: ServerState) => traceView(st.trace),
  scenarios: overloadScenarios,
});

/** Requests waiting or in service right now. */
export function inSystem(st: ServerState): number {
  return st.queues.reduce((n, q) => n + q.length, 0) + st.servers.reduce((n, s) => n + (s.req ? 1 : 0), 0);
}
