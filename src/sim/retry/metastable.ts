/**
 * Part 3 of the retry lab: a metastable failure (Bronson, Aghayev, Charapko & Zhu, "Metastable
 * Failures in Distributed Systems", HotOS 2021; Huang et al., "Metastable Failures in the Wild",
 * OSDI 2022). A trigger pushes a system into overload; a sustaining effect (here, retries of
 * timed-out requests, and the server finishing work nobody waits for any more) keeps it there after
 * the trigger is gone.
 *
 * Model:
 * - One server works through a FIFO queue, one request at a time, with exponential service times
 *   (mean `serviceMs`, so capacity 1000/serviceMs per second). It does not know when a client has
 *   given up, so it serves abandoned requests too: that is the wasted work that sustains the loop.
 * - A fixed population of clients (a closed system): each thinks for an exponential time, sends a
 *   request, waits up to `timeoutMs`, and on a timeout retries up to `maxRetries` times before giving
 *   up and thinking again. Only the reply to a client's latest attempt counts.
 * - Trigger: for `triggerMs` from `triggerAt`, capacity drops to `capacityDrop` of normal, or
 *   (`spike`) extra clients join.
 * - Fixes: `backoff` (exponential backoff with full jitter between attempts), `budget` (a retry
 *   token bucket shared by the clients, Finagle/gRPC style), `shed` (the server drops, at a small
 *   cost, a request that has already waited longer than the clients' timeout).
 *
 * Why backoff helps here: the clients are a closed population, so waiting longer between attempts
 * lowers the rate at which each client can send. In an open system, where new requests keep
 * arriving whatever happens to old ones, backoff only delays the same number of retries (Brooker,
 * "What is Backoff For?", 2022). The lab says so.
 */
import { cloneRng, createRng, exponentialMut, type MutRng } from '../core/rng';
import { clampInteger, clampNumber } from '../core/clamp';
import { heapPush } from '../core/queue';
import { emptyTrace } from '../core/trace';
import type { Sanitized, Scenario, Time } from '../core/types';
import { backoffWait, budgetDeposit, budgetInit, budgetTryRetry, type Budget, type BudgetState } from './backoff';
import { engineMechanism, record, runInPlace, type EngineModel, type EngineState } from './engine';

/** What clients and server do about overload. */
export type MsPolicy = 'retry' | 'backoff' | 'budget' | 'shed' | 'none';
/** In the order the lab lists them. */
export const msPolicies: readonly MsPolicy[] = ['retry', 'backoff', 'budget', 'shed', 'none'];
/** Reader-facing names. */
export const msPolicyLabel: Readonly<Record<MsPolicy, string>> = {
  retry: 'Retry at once',
  backoff: 'Backoff + jitter',
  budget: 'Retry budget',
  shed: 'Load shedding',
  none: 'No retries',
};

/** The trigger's kind. */
export type TriggerKind = 'capacity' | 'spike';

/** Parameters of a metastable run. */
export interface MsParams {
  readonly clients: number;
  readonly thinkMs: number;
  readonly serviceMs: number;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly policy: MsPolicy;
  readonly backoffBase: number;
  readonly backoffCap: number;
  readonly budgetRatio: number;
  readonly budgetBurst: number;
  /** Time the server spends rejecting a stale request when shedding (ms). */
  readonly shedCostMs: number;
  readonly trigger: TriggerKind;
  readonly triggerAt: Time;
  readonly triggerMs: number;
  /** Capacity during a `capacity` trigger, as a fraction of normal. */
  readonly capacityDrop: number;
  /** Extra clients during a `spike`, as a fraction of `clients`. */
  readonly spike: number;
  /** Width of one point of the charts (ms). */
  readonly bucketMs: number;
}

/**
 * Defaults: capacity 100 requests/s; 70 clients thinking 1 s each offer about 70/s (70% busy); a
 * 250 ms timeout (about the 99.9th percentile of healthy latency, ln(1000)/30 s for this M/M/1 queue), three retries; the trigger halves capacity for 3 s.
 */
export const msDefaults: MsParams = {
  clients: 70, thinkMs: 1000, serviceMs: 10, timeoutMs: 250, maxRetries: 3, policy: 'retry',
  backoffBase: 100, backoffCap: 2000, budgetRatio: 0.1, budgetBurst: 10, shedCostMs: 1,
  trigger: 'capacity', triggerAt: 2000, triggerMs: 3000, capacityDrop: 0.5, spike: 1, bucketMs: 250,
};

/** One attempt in the server's queue. */
interface Job {
  readonly client: number;
  readonly attempt: number;
  readonly enq: Time;
}

/** Events. */
export interface MsEvent {
  readonly t: Time;
  readonly seq: number;
  readonly kind: 'send' | 'timeout' | 'done' | 'triggerEnd';
  readonly client?: number;
  /** The attempt a timeout or send belongs to (ignored when the client has moved on). */
  readonly attempt?: number;
}

/** A client. */
export interface MsClient {
  /** Counts every attempt this client has sent; the current one is the latest. */
  attempt: number;
  /** Retries used on the current request. */
  retries: number;
  waiting: boolean;
  /** Extra clients of a spike leave when it ends. */
  readonly extra: boolean;
  rng: MutRng;
}

/** Per-bucket measurements for the charts. */
export interface MsPoint {
  /** Attempts that reached the server (offered load), of which first attempts. */
  offered: number;
  fresh: number;
  /** Replies that reached a client still waiting (goodput). */
  goodput: number;
  /** Requests served for nobody (wasted) and shed. */
  wasted: number;
  shed: number;
  /** Queue length at the end of the bucket (the latest value seen in it). */
  queue: number;
}

/** The whole run. */
export interface MsState extends EngineState<MsEvent> {
  readonly params: MsParams;
  policy: MsPolicy;
  clients: MsClient[];
  jobs: Job[];
  /** Index of the first job still queued (jobs before it were served or shed). */
  head: number;
  busy: boolean;
  capacity: number;
  triggerUntil: Time;
  budget: BudgetState;
  series: MsPoint[];
  totals: { offered: number; goodput: number; wasted: number; shed: number; gaveUp: number };
  serverRng: MutRng;
}

/** Reader actions: switch the policy now, or fire a trigger now. */
export type MsAction =
  | { readonly type: 'ms/policy'; readonly policy: MsPolicy }
  | { readonly type: 'ms/trigger'; readonly kind: TriggerKind; readonly ms: number };

/** Validate untrusted parameters. */
export function sanitizeMs(raw: unknown): Sanitized<MsParams> {
  const problems: string[] = [];
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const d = msDefaults;
  const num = (k: keyof MsParams, lo: number, hi: number) => clampNumber(r[k] ?? d[k], lo, hi, d[k] as number, k, problems);
  const int = (k: keyof MsParams, lo: number, hi: number) => clampInteger(r[k] ?? d[k], lo, hi, d[k] as number, k, problems);
  const policy = msPolicies.includes(r.policy as MsPolicy) ? (r.policy as MsPolicy) : d.policy;
  if (r.policy !== undefined && r.policy !== policy) problems.push(`policy must be one of ${msPolicies.join(', ')}; using ${d.policy}.`);
  const trigger = r.trigger === 'spike' || r.trigger === 'capacity' ? r.trigger : d.trigger;
  if (r.trigger !== undefined && r.trigger !== trigger) problems.push(`trigger must be capacity or spike; using ${d.trigger}.`);
  const backoffBase = num('backoffBase', 1, 10_000);
  return {
    value: {
      clients: int('clients', 1, 500), thinkMs: num('thinkMs', 1, 60_000), serviceMs: num('serviceMs', 0.1, 10_000),
      timeoutMs: num('timeoutMs', 1, 60_000), maxRetries: int('maxRetries', 0, 10), policy,
      backoffBase, backoffCap: clampNumber(r.backoffCap ?? d.backoffCap, backoffBase, 600_000, Math.max(backoffBase, d.backoffCap), 'backoffCap', problems),
      budgetRatio: num('budgetRatio', 0, 1), budgetBurst: num('budgetBurst', 1, 1000), shedCostMs: num('shedCostMs', 0, 10_000), trigger,
      triggerAt: num('triggerAt', 0, 600_000), triggerMs: num('triggerMs', 0, 600_000), capacityDrop: num('capacityDrop', 0.05, 1),
      spike: num('spike', 0, 10), bucketMs: num('bucketMs', 10, 10_000),
    },
    problems,
  };
}

function push(s: MsState, e: Omit<MsEvent, 'seq'>): void {
  heapPush(s.queue, { ...e, seq: s.seq++ });
}

function point(s: MsState): MsPoint {
  const b = Math.floor(s.now / s.params.bucketMs);
  while (s.series.length <= b) s.series.push({ offered: 0, fresh: 0, goodput: 0, wasted: 0, shed: 0, queue: s.jobs.length - s.head });
  // Copy on write: clones share point objects with their originals.
  const p = { ...s.series[b]! };
  s.series[b] = p;
  return p;
}

function queued(s: MsState): number {
  return s.jobs.length - s.head;
}

const budgetOf = (p: MsParams): Budget => ({ ratio: p.budgetRatio, burst: p.budgetBurst });

/** A client starts a new request after thinking. */
function think(s: MsState, c: number): void {
  const cl = s.clients[c]!;
  cl.waiting = false;
  cl.retries = 0;
  if (cl.extra && s.now >= s.triggerUntil) return; // spike clients leave
  push(s, { t: s.now + exponentialMut(cl.rng, s.params.thinkMs), kind: 'send', client: c, attempt: cl.attempt + 1 });
}

/** Start serving the next job if the server is idle; shed stale jobs when the policy says so. */
function serveNext(s: MsState): void {
  while (!s.busy && s.head < s.jobs.length) {
    const job = s.jobs[s.head]!;
    s.head++;
    if (s.policy === 'shed' && s.now - job.enq > s.params.timeoutMs) {
      s.totals.shed++;
      point(s).shed++;
      if (s.params.shedCostMs > 0) {
        s.busy = true;
        push(s, { t: s.now + s.params.shedCostMs, kind: 'done', client: -1 });
      }
      continue;
    }
    s.busy = true;
    const work = exponentialMut(s.serverRng, s.params.serviceMs) / s.capacity;
    push(s, { t: s.now + work, kind: 'done', client: job.client, attempt: job.attempt });
  }
  // Reclaim served jobs now and then so the array does not grow for ever.
  if (s.head > 1024 && s.head * 2 > s.jobs.length) {
    s.jobs = s.jobs.slice(s.head);
    s.head = 0;
  }
  point(s).queue = queued(s);
}

const model: EngineModel<MsParams, MsState, MsEvent, MsAction> = {
  id: 'retry-metastable',
  defaults: msDefaults,
  sanitizeParams: sanitizeMs,
  parseAction(raw) {
    const a = raw as Record<string, unknown> | null;
    if (a?.type === 'ms/policy' && msPolicies.includes(a.policy as MsPolicy)) return { type: 'ms/policy', policy: a.policy as MsPolicy };
    if (a?.type === 'ms/trigger' && (a.kind === 'capacity' || a.kind === 'spike') && typeof a.ms === 'number' && a.ms >= 0 && a.ms <= 600_000) return { type: 'ms/trigger', kind: a.kind, ms: a.ms };
    return null;
  },
  create(seed, p, trace) {
    const extra = p.trigger === 'spike' ? Math.round(p.clients * p.spike) : 0;
    const s: MsState = {
      now: 0, seq: 0, queue: [], trace: trace ? emptyTrace() : null, params: p, policy: p.policy,
      clients: Array.from({ length: p.clients + extra }, (_, i) => ({ attempt: 0, retries: 0, waiting: false, extra: i >= p.clients, rng: cloneRng(createRng(seed, `client:${i}`)) })),
      jobs: [], head: 0, busy: false, capacity: 1, triggerUntil: -Infinity, budget: budgetInit(budgetOf(p)), series: [],
      totals: { offered: 0, goodput: 0, wasted: 0, shed: 0, gaveUp: 0 }, serverRng: cloneRng(createRng(seed, 'server')),
    };
    for (let i = 0; i < p.clients; i++) think(s, i);
    if (p.triggerMs > 0) push(s, { t: p.triggerAt, kind: 'triggerEnd', client: -2 }); // client −2 marks the trigger's start
    return s;
  },
  clone: (s) => ({
    ...s,
    queue: s.queue.slice(),
    clients: s.clients.map((c) => ({ ...c, rng: [c.rng[0], c.rng[1], c.rng[2], c.rng[3]] as MutRng })),
    jobs: s.jobs.slice(s.head),
    head: 0,
    series: s.series.slice(),
    totals: { ...s.totals },
    serverRng: [s.serverRng[0], s.serverRng[1], s.serverRng[2], s.serverRng[3]],
  }),
  handle(s, e) {
    const p = s.params;
    switch (e.kind) {
      case 'triggerEnd':
        if (e.client === -2) model.act(s, { type: 'ms/trigger', kind: p.trigger, ms: p.triggerMs });
        else {
          s.capacity = 1;
          record(s, { kind: 'note', node: 'server', label: 'The trigger ends: capacity and load are back to normal' });
        }
        return;
      case 'send': {
        const cl = s.clients[e.client!]!;
        if (e.attempt !== cl.attempt + 1) return; // superseded
        cl.attempt = e.attempt;
        cl.waiting = true;
        const fresh = cl.retries === 0;
        if (fresh) s.budget = budgetDeposit(budgetOf(p), s.budget);
        s.totals.offered++;
        const pt = point(s);
        pt.offered++;
        if (fresh) pt.fresh++;
        s.jobs.push({ client: e.client!, attempt: e.attempt, enq: s.now });
        push(s, { t: s.now + p.timeoutMs, kind: 'timeout', client: e.client, attempt: e.attempt });
        serveNext(s);
        return;
      }
      case 'timeout': {
        const cl = s.clients[e.client!]!;
        if (!cl.waiting || cl.attempt !== e.attempt) return;
        let retry = s.policy !== 'none' && cl.retries < p.maxRetries;
        if (retry && s.policy === 'budget') {
          const r = budgetTryRetry(s.budget);
          s.budget = r.state;
          retry = r.allowed;
        }
        if (!retry) {
          s.totals.gaveUp++;
          think(s, e.client!);
          return;
        }
        cl.retries++;
        const wait = s.policy === 'backoff' ? backoffWait('full', cl.retries, p.backoffBase, p.backoffCap, p.backoffBase, cl.rng).wait : 0;
        cl.waiting = false;
        push(s, { t: s.now + wait, kind: 'send', client: e.client, attempt: cl.attempt + 1 });
        return;
      }
      case 'done': {
        s.busy = false;
        if (e.client! >= 0) {
          const cl = s.clients[e.client!]!;
          if (cl.waiting && cl.attempt === e.attempt) {
            s.totals.goodput++;
            point(s).goodput++;
            think(s, e.client!);
          } else {
            s.totals.wasted++;
            point(s).wasted++;
          }
        }
        serveNext(s);
        return;
      }
    }
  },
  act(s, a) {
    if (a.type === 'ms/policy') {
      s.policy = a.policy;
      record(s, { kind: 'action', node: 'clients', label: `Policy switched to ${msPolicyLabel[a.policy]}` });
      return;
    }
    s.triggerUntil = s.now + a.ms;
    if (a.kind === 'capacity') s.capacity = s.params.capacityDrop;
    else for (let i = s.params.clients; i < s.clients.length; i++) if (!s.clients[i]!.waiting) think(s, i);
    push(s, { t: s.triggerUntil, kind: 'triggerEnd', client: -1 });
    record(s, {
      kind: 'note', node: 'server',
      label: a.kind === 'capacity' ? `Trigger: capacity drops to ${Math.round(s.params.capacityDrop * 100)}% for ${a.ms} ms` : `Trigger: ${s.clients.length - s.params.clients} extra clients for ${a.ms} ms`,
    });
  },
  scenarios: [],
};

/** The metastable model (for tests and the experiment). */
export const msModel = model;

/** Run without a trace to `until`. */
export function runMetastable(p: MsParams, seed: number, until: Time): MsState {
  return runInPlace(model, model.create(seed, p, false), until);
}

const baseParams = { ...msDefaults };
const switchAt = (policy: MsPolicy) => [{ at: 8000, action: { type: 'ms/policy', policy } as MsAction }];

/** Named scenarios. */
export const msScenarios: readonly Scenario<MsParams, MsAction>[] = [
  {
    id: 'metastable-stuck', title: 'Stuck after the trigger', seed: 1, until: 20_000, log: [], params: baseParams,
    description: 'Capacity halves for three seconds. Requests start timing out, every timeout is retried, and the server spends its time on requests nobody waits for. The trigger ends at 5 s; goodput stays at zero.',
  },
  {
    id: 'metastable-fix-shedding', title: 'Break the loop: shed stale work', seed: 1, until: 20_000, log: switchAt('shed'), params: baseParams,
    description: 'The same failure; at 8 s the server starts dropping requests that have already waited longer than the clients’ timeout. Its capacity goes back to requests someone is still waiting for, and goodput returns within a second or two.',
  },
  {
    id: 'metastable-fix-budget', title: 'Break the loop: a retry budget', seed: 1, until: 25_000, log: switchAt('budget'), params: baseParams,
    description: 'At 8 s the clients adopt a retry budget of 10%. Offered load falls below capacity, but the backlog of abandoned requests still has to drain first, so recovery takes several seconds.',
  },
  {
    id: 'metastable-fix-backoff', title: 'Break the loop: backoff with jitter', seed: 1, until: 25_000, log: switchAt('backoff'), params: { ...baseParams, backoffBase: 500 },
    description: 'At 8 s the clients switch to full-jitter backoff with a 500 ms base. Each client now sends less often, so offered load falls under capacity, and goodput returns once the backlog has drained. With the default 100 ms base, offered load stays above capacity and the system stays stuck.',
  },
];

/** The mechanism the lab drives. */
export const msMechanism = engineMechanism({ ...model, scenarios: msScenarios });
