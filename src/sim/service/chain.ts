/**
 * A synchronous call chain: client → S1 → S2 → … → Sk, each hop doing its own work and then
 * calling the next, the reply travelling back the same way. Its availability is the product of the
 * hops' (every hop must answer) and its latency the sum (every hop is on the path).
 *
 * It also models how a chain gives up. With per-hop fixed timeouts each hop waits its own fixed
 * time for the next one, knowing nothing of the caller's patience, so hops keep working on requests
 * the client abandoned long ago. With a propagated deadline, as gRPC does (the client's deadline
 * travels with the call, "grpc-timeout", and every server's context is cancelled when it passes),
 * a hop refuses to start work after the deadline and abandons work in progress at it.
 *
 * A plain kernel protocol with clear parameters (`ChainParams`), so the capstone can reuse it.
 */
import type { Ctx, Protocol } from '../core/protocol';
import type { NodeId, Sanitized } from '../core/types';
import { distMean, sanitizeDist, type Dist } from '../core/dist';
import { clampInteger, clampNumber } from '../core/clamp';
import { worldMechanism, type WorldState } from '../core/world';
import type { Scenario } from '../core/types';
import type { WorldAction } from '../core/actions';

/** How a chain gives up on a slow call. */
export type TimeoutMode = 'fixed' | 'deadline';

/** One hop's behaviour. */
export interface HopSpec {
  /** Time the hop spends on its own work before calling the next hop. */
  readonly service: Dist;
  /** Probability the hop's work succeeds (a failed hop answers with an error). */
  readonly availability: number;
  /** Calls the hop works on at once; more wait in its queue (0 = unlimited). */
  readonly concurrency: number;
}

/** Parameters of the chain. */
export interface ChainParams {
  /** One entry per hop, S1 first (1–6 hops). */
  readonly hops: readonly HopSpec[];
  /** One-way delay of every link. */
  readonly latency: Dist;
  /** How long the client waits for an answer. */
  readonly clientTimeoutMs: number;
  readonly mode: TimeoutMode;
  /** With `fixed`: how long each hop waits for the next one. */
  readonly hopTimeoutMs: number;
  /** The client calls this often on its own (0: only when asked). */
  readonly callEveryMs: number;
}

/** A call as the client sees it. */
export interface ClientCall {
  readonly req: number;
  readonly start: number;
  /** When the client gives up (start + client timeout). */
  readonly giveUp: number;
  readonly end: number | null;
  readonly outcome: 'pending' | 'ok' | 'error' | 'timeout';
  readonly why: string;
}

/** One piece of work a hop did (or refused). */
export interface Job {
  readonly req: number;
  /** When it arrived. */
  readonly arrived: number;
  /** When the hop's own work started (null: still queued, or refused because the deadline had passed). */
  readonly start: number | null;
  /** When the hop's own work stopped (null: not started, or still working). */
  readonly end: number | null;
  readonly outcome: 'queued' | 'working' | 'waiting' | 'ok' | 'failed' | 'aborted' | 'refused' | 'timeout';
  /** The deadline the call carried (null with fixed timeouts). */
  readonly deadline: number | null;
  /**
   * When the client gives up on this call. Bookkeeping only, like a tracing header: the hop's
   * behaviour never reads it, the lab uses it to count wasted work.
   */
  readonly giveUp: number;
}

/** Running totals a hop keeps about its own work (bookkeeping for the lab; behaviour never reads them). */
export interface HopStats {
  readonly started: number;
  readonly workMs: number;
  /** Work done after the client had given up on the call. */
  readonly wastedMs: number;
  readonly startedAfterGiveUp: number;
  /** Jobs started at or after their call's deadline (must stay 0 with propagated deadlines). */
  readonly startedAfterDeadline: number;
  readonly refused: number;
  readonly aborted: number;
}

/** Running totals the client keeps. */
export interface ClientStats {
  readonly ok: number;
  readonly error: number;
  readonly timeout: number;
  readonly okLatencyMs: number;
  /** Answers that arrived after the client had given up. */
  readonly late: number;
}

/** How many finished calls and jobs each node keeps for drawing (older ones live on in the totals). */
export const RECENT = 40;

/** Node states. Live calls and jobs are keyed by request number (iteration order = arrival order). */
export type ChainNode =
  | { readonly role: 'client'; readonly next: number; readonly live: Readonly<Record<number, ClientCall>>; readonly recent: readonly ClientCall[]; readonly stats: ClientStats }
  | {
      readonly role: 'hop';
      readonly index: number;
      readonly live: Readonly<Record<number, Job>>;
      readonly recent: readonly Job[];
      readonly from: Readonly<Record<number, NodeId>>;
      readonly stats: HopStats;
    };

/** Messages. `giveUp` is bookkeeping (see `Job.giveUp`). */
export type ChainMsg =
  | { readonly type: 'call'; readonly req: number; readonly deadline: number | null; readonly giveUp: number }
  | { readonly type: 'reply'; readonly req: number; readonly ok: boolean; readonly why: string };

/** Reader commands. */
export type ChainCmd = { readonly type: 'chain/call' };

/** Hop node ids for k hops. */
export const hopIds = (k: number): NodeId[] => Array.from({ length: k }, (_, i) => `S${i + 1}`);

const hop = (mean: number, availability = 0.99, concurrency = 0): HopSpec => ({ service: { kind: 'uniform', min: mean * 0.5, max: mean * 1.5 }, availability, concurrency });

/** Defaults: three hops of 20–60 ms work, 99% each, client timeout 300 ms, fixed 1 s hop timeouts. */
export const chainDefaults: ChainParams = {
  hops: [hop(40), hop(40), hop(40)],
  latency: { kind: 'uniform', min: 2, max: 6 },
  clientTimeoutMs: 300,
  mode: 'fixed',
  hopTimeoutMs: 1000,
  callEveryMs: 0,
};

/** Build chain params from a few numbers (scenarios, commands and the capstone use this). */
export function chainParams(
  o: { hops?: number; meanMs?: number; availability?: number; slowHop?: number; slowMs?: number; slowConcurrency?: number } & Partial<Omit<ChainParams, 'hops'>>,
): ChainParams {
  const k = o.hops ?? 3;
  const hops = Array.from({ length: k }, (_, i) =>
    i + 1 === o.slowHop ? hop(o.slowMs ?? 400, o.availability ?? 0.99, o.slowConcurrency ?? 0) : hop(o.meanMs ?? 40, o.availability ?? 0.99),
  );
  const { hops: _h, meanMs: _m, availability: _a, slowHop: _s, slowMs: _sm, slowConcurrency: _sc, ...rest } = o;
  return { ...chainDefaults, ...rest, hops };
}

/** Validate untrusted params. */
export function sanitizeChainParams(raw: unknown): Sanitized<ChainParams> {
  const d = chainDefaults;
  if (typeof raw !== 'object' || raw === null) return { value: d, problems: raw === undefined ? [] : ['params: not an object; using the defaults'] };
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  let hops = d.hops;
  if (r.hops !== undefined) {
    if (!Array.isArray(r.hops) || r.hops.length < 1 || r.hops.length > 6) problems.push('hops must be a list of 1–6 hops; using 3');
    else
      hops = r.hops.map((h: unknown, i) => {
        const o = (typeof h === 'object' && h !== null ? h : {}) as Record<string, unknown>;
        const sd = sanitizeDist(o.service, d.hops[0].service, `hops[${i}].service`);
        problems.push(...sd.problems);
        return {
          service: sd.value,
          availability: clampNumber(o.availability, 0, 1, 0.99, `hops[${i}].availability`, problems),
          concurrency: clampInteger(o.concurrency, 0, 64, 0, `hops[${i}].concurrency`, problems),
        };
      });
  }
  const lat = r.latency === undefined ? { value: d.latency, problems: [] } : sanitizeDist(r.latency, d.latency, 'latency');
  problems.push(...lat.problems);
  let mode = d.mode;
  if (r.mode !== undefined) {
    if (r.mode === 'fixed' || r.mode === 'deadline') mode = r.mode;
    else problems.push('mode must be fixed or deadline; using fixed');
  }
  return {
    value: {
      hops,
      latency: lat.value,
      clientTimeoutMs: clampNumber(r.clientTimeoutMs, 10, 60_000, d.clientTimeoutMs, 'clientTimeoutMs', problems),
      mode,
      hopTimeoutMs: clampNumber(r.hopTimeoutMs, 10, 60_000, d.hopTimeoutMs, 'hopTimeoutMs', problems),
      callEveryMs: clampInteger(r.callEveryMs, 0, 60_000, d.callEveryMs, 'callEveryMs', problems),
    },
    problems,
  };
}

type CCtx = Ctx<ChainMsg, ChainParams>;
type HopNode = Extract<ChainNode, { role: 'hop' }>;
type ClientNode = Extract<ChainNode, { role: 'client' }>;

const ZERO_HOP: HopStats = { started: 0, workMs: 0, wastedMs: 0, startedAfterGiveUp: 0, startedAfterDeadline: 0, refused: 0, aborted: 0 };
const ZERO_CLIENT: ClientStats = { ok: 0, error: 0, timeout: 0, okLatencyMs: 0, late: 0 };

const isLive = (j: Job | undefined): j is Job => j !== undefined && (j.outcome === 'working' || j.outcome === 'waiting' || j.outcome === 'queued');

const keep = <T,>(xs: readonly T[], x: T): T[] => (xs.length >= RECENT ? [...xs.slice(xs.length - RECENT + 1), x] : [...xs, x]);

/** Account for a job's own work ending now. */
function workDone(st: HopStats, j: Job, now: number): HopStats {
  if (j.start === null || j.outcome !== 'working') return st;
  return { ...st, workMs: st.workMs + (now - j.start), wastedMs: st.wastedMs + Math.max(0, now - Math.max(j.start, j.giveUp)) };
}

/** Start the hop's own work on a queued call. */
function startWork(s: HopNode, req: number, ctx: CCtx): HopNode {
  const j = s.live[req];
  ctx.setTimer(`work:${req}`, ctx.random.sample(ctx.params.hops[s.index - 1].service));
  const st = s.stats;
  const stats: HopStats = {
    ...st,
    started: st.started + 1,
    startedAfterGiveUp: st.startedAfterGiveUp + (ctx.now >= j.giveUp ? 1 : 0),
    startedAfterDeadline: st.startedAfterDeadline + (j.deadline !== null && ctx.now >= j.deadline ? 1 : 0),
  };
  return { ...s, live: { ...s.live, [req]: { ...j, outcome: 'working', start: ctx.now } }, stats };
}

/**
 * Fill free worker slots from the queue, oldest first. With a propagated deadline a queued call
 * whose deadline has passed is refused instead of started: that check is the whole point.
 */
function pump(s: HopNode, ctx: CCtx): HopNode {
  const limit = ctx.params.hops[s.index - 1].concurrency;
  let busy = 0;
  for (const k in s.live) if (s.live[k].outcome === 'working') busy++;
  let next = s;
  for (const k in s.live) {
    if (limit > 0 && busy >= limit) break;
    const j = s.live[k];
    if (j.outcome !== 'queued') continue;
    if (j.deadline !== null && ctx.now >= j.deadline) {
      next = answer(next, j.req, false, 'deadline exceeded', 'refused', ctx);
      continue;
    }
    next = startWork(next, j.req, ctx);
    busy++;
  }
  return next;
}

/** Answer the caller and retire the job. */
function answer(s: HopNode, req: number, ok: boolean, why: string, outcome: Job['outcome'], ctx: CCtx): HopNode {
  const j = s.live[req];
  if (!j) return s;
  const to = s.from[req];
  if (to) ctx.send(to, { type: 'reply', req, ok, why });
  for (const t of ['work', 'wait', 'deadline']) ctx.cancelTimer(`${t}:${req}`);
  const from = { ...s.from };
  delete from[req];
  const live = { ...s.live };
  delete live[req];
  let stats = workDone(s.stats, j, ctx.now);
  if (outcome === 'refused') stats = { ...stats, refused: stats.refused + 1 };
  if (outcome === 'aborted') stats = { ...stats, aborted: stats.aborted + 1 };
  const done: Job = { ...j, outcome, end: j.outcome === 'working' ? ctx.now : j.end };
  return { ...s, live, from, recent: keep(s.recent, done), stats };
}

function clientCall(s: ClientNode, ctx: CCtx): ClientNode {
  const req = s.next;
  const p = ctx.params;
  const giveUp = ctx.now + p.clientTimeoutMs;
  ctx.setTimer(`timeout:${req}`, p.clientTimeoutMs);
  ctx.send('S1', { type: 'call', req, deadline: p.mode === 'deadline' ? giveUp : null, giveUp });
  ctx.note(`client calls S1 (#${req})${p.mode === 'deadline' ? `, deadline t = ${Math.round(giveUp)} ms` : ''}`);
  return { ...s, next: req + 1, live: { ...s.live, [req]: { req, start: ctx.now, giveUp, end: null, outcome: 'pending', why: '' } } };
}

/** Settle a pending call. */
function settle(s: ClientNode, req: number, outcome: ClientCall['outcome'], why: string, now: number): ClientNode {
  const c = s.live[req];
  if (!c) return s;
  const live = { ...s.live };
  delete live[req];
  const st = s.stats;
  const stats: ClientStats =
    outcome === 'ok' ? { ...st, ok: st.ok + 1, okLatencyMs: st.okLatencyMs + (now - c.start) } : outcome === 'error' ? { ...st, error: st.error + 1 } : { ...st, timeout: st.timeout + 1 };
  return { ...s, live, recent: keep(s.recent, { ...c, end: now, outcome, why }), stats };
}

/** The chain protocol. */
export const chainProtocol: Protocol<ChainParams, ChainNode, ChainMsg, ChainCmd> = {
  id: 'svc-chain',
  defaults: chainDefaults,
  sanitizeParams: sanitizeChainParams,
  topology: (p) => ({ nodes: ['client', ...hopIds(p.hops.length)], net: { defaults: { latency: p.latency, loss: 0, dup: 0, fifo: false } } }),
  initNode(id, ctx) {
    if (id === 'client') {
      if (ctx.params.callEveryMs > 0) ctx.setTimer('tick', 1);
      return { role: 'client', next: 1, live: {}, recent: [], stats: ZERO_CLIENT };
    }
    return { role: 'hop', index: Number(id.slice(1)), live: {}, recent: [], from: {}, stats: ZERO_HOP };
  },
  onCommand: (s, _c, ctx) => (s.role === 'client' ? clientCall(s, ctx) : s),
  onTimer(s, name, ctx) {
    const [kind, arg] = name.split(':');
    const req = Number(arg);
    if (s.role === 'client') {
      if (name === 'tick') {
        ctx.setTimer('tick', ctx.params.callEveryMs);
        return clientCall(s, ctx);
      }
      if (kind !== 'timeout' || !s.live[req]) return s;
      ctx.note(`client gives up on #${req} after ${ctx.params.clientTimeoutMs} ms`);
      return settle(s, req, 'timeout', 'client timeout', ctx.now);
    }
    const j = s.live[req];
    if (!isLive(j)) return s;
    const p = ctx.params;
    if (kind === 'deadline') {
      ctx.note(`${ctx.self} stops #${req}: deadline passed`);
      const outcome = j.outcome === 'working' ? 'aborted' : j.outcome === 'queued' ? 'refused' : 'timeout';
      return pump(answer(s, req, false, 'deadline exceeded', outcome, ctx), ctx);
    }
    if (kind === 'wait') {
      ctx.note(`${ctx.self} times out waiting for S${s.index + 1} on #${req} (${p.hopTimeoutMs} ms)`);
      return answer(s, req, false, `S${s.index + 1} timed out`, 'timeout', ctx);
    }
    if (kind !== 'work') return s;
    // The hop's own work is done.
    const spec = p.hops[s.index - 1];
    if (ctx.random.float() >= spec.availability) {
      ctx.note(`${ctx.self} fails #${req}`);
      return pump(answer(s, req, false, `${ctx.self} failed`, 'failed', ctx), ctx);
    }
    if (s.index === p.hops.length) return pump(answer(s, req, true, '', 'ok', ctx), ctx);
    ctx.send(`S${s.index + 1}`, { type: 'call', req, deadline: j.deadline, giveUp: j.giveUp });
    if (p.mode === 'fixed') ctx.setTimer(`wait:${req}`, p.hopTimeoutMs);
    const waiting: HopNode = { ...s, live: { ...s.live, [req]: { ...j, outcome: 'waiting', end: ctx.now } }, stats: workDone(s.stats, j, ctx.now) };
    return pump(waiting, ctx);
  },
  onMessage(s, msg, from, ctx) {
    if (s.role === 'client') {
      if (msg.type !== 'reply') return s;
      const c = s.live[msg.req];
      if (!c) {
        if (msg.req < s.next) {
          ctx.note(`client ignores a late ${msg.ok ? 'answer' : 'error'} for #${msg.req}: it had already given up`);
          return { ...s, stats: { ...s.stats, late: s.stats.late + 1 } };
        }
        return s;
      }
      ctx.cancelTimer(`timeout:${msg.req}`);
      ctx.note(msg.ok ? `client gets #${msg.req} in ${Math.round(ctx.now - c.start)} ms` : `client gets an error for #${msg.req}: ${msg.why}`);
      return settle(s, msg.req, msg.ok ? 'ok' : 'error', msg.why, ctx.now);
    }
    if (msg.type === 'reply') {
      const j = s.live[msg.req];
      if (!j || j.outcome !== 'waiting') return s;
      return answer(s, msg.req, msg.ok, msg.why, msg.ok ? 'ok' : 'failed', ctx);
    }
    // A call arrives.
    const refused = msg.deadline !== null && ctx.now >= msg.deadline;
    const job: Job = { req: msg.req, arrived: ctx.now, start: null, end: null, outcome: 'queued', deadline: msg.deadline, giveUp: msg.giveUp };
    const queued: HopNode = { ...s, live: { ...s.live, [msg.req]: job }, from: { ...s.from, [msg.req]: from } };
    if (refused) {
      ctx.note(`${ctx.self} refuses #${msg.req}: its deadline has passed`);
      return answer(queued, msg.req, false, 'deadline exceeded', 'refused', ctx);
    }
    if (msg.deadline !== null) ctx.setTimer(`deadline:${msg.req}`, msg.deadline - ctx.now);
    return pump(queued, ctx);
  },
  commandTarget: () => 'client',
  parseCommand: (raw) => ((raw as ChainCmd | null)?.type === 'chain/call' ? { type: 'chain/call' } : null),
  // A crashed hop loses its work in progress; callers find out by timing out.
  onCrash(s) {
    if (s.role !== 'hop') return s;
    let recent = s.recent;
    let aborted = s.stats.aborted;
    for (const k in s.live) {
      const j = s.live[k];
      recent = keep(recent, { ...j, outcome: 'aborted', end: j.end ?? j.start ?? j.arrived });
      aborted++;
    }
    // Work cut short by the crash is not counted: only completed stretches are.
    return { ...s, live: {}, from: {}, recent, stats: { ...s.stats, aborted } };
  },
  onRestart(s, ctx) {
    if (s.role === 'client' && ctx.params.callEveryMs > 0) ctx.setTimer('tick', ctx.params.callEveryMs);
    return s;
  },
  describe: (m) => (m.type === 'call' ? `call #${m.req}${m.deadline !== null ? ` (deadline ${Math.round(m.deadline)})` : ''}` : `${m.ok ? 'ok' : m.why} #${m.req}`),
  describeCommand: () => 'client calls',
  scenarios: [],
};

/** The chain as a mechanism (scenarios attached in scenarios.ts). */
export type ChainState = WorldState<ChainParams, ChainNode, ChainMsg>;

/** Availability of the whole chain: the product of the hops'. */
export const chainAvailability = (p: ChainParams): number => p.hops.reduce((a, h) => a * h.availability, 1);

/** Expected latency of a successful call: every hop's mean work plus two link crossings per hop. */
export const chainMeanLatency = (p: ChainParams): number => p.hops.reduce((a, h) => a + distMean(h.service) + 2 * distMean(p.latency), 0);

/** Wasted work: hop time spent on calls after the client had given up, and jobs started after that. */
export interface Waste {
  readonly wastedMs: number;
  readonly startedAfterGiveUp: number;
  readonly usefulMs: number;
}

/** Count wasted work over every hop: finished stretches from their totals, work in progress up to now. */
export function chainWaste(s: ChainState): Waste {
  let wastedMs = 0;
  let workMs = 0;
  let startedAfterGiveUp = 0;
  for (const id of s.nodeIds) {
    const rec = s.nodes[id];
    const n = rec.state;
    if (n.role !== 'hop') continue;
    wastedMs += n.stats.wastedMs;
    workMs += n.stats.workMs;
    startedAfterGiveUp += n.stats.startedAfterGiveUp;
    if (!rec.up) continue;
    for (const k in n.live) {
      const j = n.live[k];
      if (j.outcome !== 'working' || j.start === null) continue;
      workMs += s.now - j.start;
      wastedMs += Math.max(0, s.now - Math.max(j.start, j.giveUp));
    }
  }
  return { wastedMs, startedAfterGiveUp, usefulMs: workMs - wastedMs };
}

/** Scenario type for the chain. */
export type ChainScenario = Scenario<ChainParams, WorldAction | ChainCmd>;

/** Build a mechanism for the chain with the given scenarios. */
export const chainMechanismWith = (scenarios: readonly ChainScenario[]) => worldMechanism({ ...chainProtocol, scenarios });
