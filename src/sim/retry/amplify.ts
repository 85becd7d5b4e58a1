/**
 * Part 2 of the retry lab: retry amplification through a call chain, and the two fixes that work.
 *
 * A client calls an edge service, which calls a back-end service, which calls a database. Each
 * caller makes up to k attempts. When the database fails every call, one client request becomes k
 * attempts at the edge, k² at the service and k³ at the database (the SRE book's warning, Beyer et
 * al. 2016, ch. 22 "Addressing Cascading Failures"). The fixes run side by side on the same arrivals:
 *
 * - `every`: every layer retries up to k times (the problem);
 * - `one`: only the layer next to the database retries; the others fail fast;
 * - `budget`: every layer may retry, but each caller holds a retry budget, a token bucket that
 *   allows retries up to a fraction of its requests plus a small burst (Finagle's `RetryBudget`,
 *   gRPC's retry throttling in gRFC A6).
 *
 * Time is modelled only as far as the picture needs it: requests arrive at a fixed rate, each hop
 * takes a fixed delay, the database answers at once, and a failed call is retried at once.
 */
import { cloneRng, createRng, nextFloatMut, type MutRng } from '../core/rng';
import { clampInteger, clampNumber } from '../core/clamp';
import { heapPush } from '../core/queue';
import { emptyTrace } from '../core/trace';
import type { Sanitized, Scenario, Time } from '../core/types';
import { budgetDeposit, budgetInit, budgetTryRetry, type Budget, type BudgetState } from './backoff';
import { engineMechanism, record, runInPlace, type EngineModel, type EngineState } from './engine';

/** The three policies, always run together. */
export type AmpPolicy = 'every' | 'one' | 'budget';
/** In the order the picture shows them. */
export const ampPolicies: readonly AmpPolicy[] = ['every', 'one', 'budget'];
/** Reader-facing names. */
export const ampPolicyLabel: Readonly<Record<AmpPolicy, string>> = { every: 'Every layer retries', one: 'One layer retries', budget: 'Retry budget' };
/** The layers that receive calls (the client is layer 0 and only calls). */
export const ampLayers = ['edge', 'service', 'database'] as const;

/** Parameters of an amplification run. */
export interface AmpParams {
  /** Attempts per call at each retrying layer (k). */
  readonly attempts: number;
  /** Client requests per second. */
  readonly rate: number;
  /** One-way delay of each hop (ms). */
  readonly hopMs: number;
  /** Fraction of database calls that fail while the database is failing (1 = down). */
  readonly failRate: number;
  /** When the database starts and stops failing (ms). */
  readonly failAt: Time;
  readonly healAt: Time;
  /** Retry budget of each caller: tokens per request and bucket size. */
  readonly budgetRatio: number;
  readonly budgetBurst: number;
  /** Width of one bar of the load chart (ms). */
  readonly bucketMs: number;
  /** Stop after this many client requests (0: keep going). */
  readonly limit: number;
}

/** Defaults: k = 3, 20 requests per second, the database down from 1 s to 4 s. */
export const ampDefaults: AmpParams = { attempts: 3, rate: 20, hopMs: 2, failRate: 1, failAt: 1000, healAt: 4000, budgetRatio: 0.1, budgetBurst: 3, bucketMs: 250, limit: 0 };

/** One call between two layers in one variant. */
interface Call {
  readonly v: number;
  /** The layer it goes to (1 edge, 2 service, 3 database). */
  readonly layer: number;
  /** The call this one serves (-1 for a client request), and which attempt it is. */
  readonly parent: number;
  readonly attempt: number;
}

/** Events: a client request (all variants at once), a call arriving at its layer, a reply arriving at its caller. */
export interface AmpEvent {
  readonly t: Time;
  readonly seq: number;
  readonly kind: 'request' | 'arrive' | 'reply' | 'fail' | 'heal';
  readonly call?: number;
  readonly ok?: boolean;
}

/** Counters of one variant. */
export interface AmpVariant {
  readonly policy: AmpPolicy;
  /** Calls received per layer (edge, service, database). */
  received: [number, number, number];
  requests: number;
  succeeded: number;
  failed: number;
  /** Budgets of the three callers (client, edge, service); used by `budget` only. */
  budgets: [BudgetState, BudgetState, BudgetState];
  /** Calls received per layer per bucket of `bucketMs`. */
  series: [number, number, number][];
}

/** The whole run. */
export interface AmpState extends EngineState<AmpEvent> {
  readonly params: AmpParams;
  dbFailing: boolean;
  variants: AmpVariant[];
  calls: Call[];
  rng: MutRng;
}

/** Reader actions: make the database fail or recover now. */
export type AmpAction = { readonly type: 'amp/fail' } | { readonly type: 'amp/heal' };

/** Validate untrusted parameters. */
export function sanitizeAmp(raw: unknown): Sanitized<AmpParams> {
  const problems: string[] = [];
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const d = ampDefaults;
  const failAt = clampNumber(r.failAt ?? d.failAt, 0, 600_000, d.failAt, 'failAt', problems);
  return {
    value: {
      attempts: clampInteger(r.attempts ?? d.attempts, 1, 6, d.attempts, 'attempts', problems),
      rate: clampNumber(r.rate ?? d.rate, 0.1, 200, d.rate, 'rate', problems),
      hopMs: clampNumber(r.hopMs ?? d.hopMs, 0.1, 1000, d.hopMs, 'hopMs', problems),
      failRate: clampNumber(r.failRate ?? d.failRate, 0, 1, d.failRate, 'failRate', problems),
      failAt,
      healAt: clampNumber(r.healAt ?? d.healAt, failAt, 600_000, Math.max(failAt, d.healAt), 'healAt', problems),
      budgetRatio: clampNumber(r.budgetRatio ?? d.budgetRatio, 0, 1, d.budgetRatio, 'budgetRatio', problems),
      budgetBurst: clampNumber(r.budgetBurst ?? d.budgetBurst, 1, 1000, d.budgetBurst, 'budgetBurst', problems),
      bucketMs: clampNumber(r.bucketMs ?? d.bucketMs, 10, 10_000, d.bucketMs, 'bucketMs', problems),
      limit: clampInteger(r.limit ?? d.limit, 0, 1_000_000, d.limit, 'limit', problems),
    },
    problems,
  };
}

function push(s: AmpState, e: Omit<AmpEvent, 'seq'>): void {
  heapPush(s.queue, { ...e, seq: s.seq++ });
}

function bucket(s: AmpState, v: AmpVariant): [number, number, number] {
  const b = Math.floor(s.now / s.params.bucketMs);
  while (v.series.length <= b) v.series.push([0, 0, 0]);
  const cur = v.series[b]!;
  // Copy on write: clones share bucket arrays with their originals.
  const fresh: [number, number, number] = [cur[0], cur[1], cur[2]];
  v.series[b] = fresh;
  return fresh;
}

/** Attempts a caller at `layer` (0 client, 1 edge, 2 service) may make under a policy. */
export function attemptsAt(policy: AmpPolicy, layer: number, k: number): number {
  if (policy === 'one') return layer === 2 ? k : 1;
  return k;
}

function startCall(s: AmpState, v: number, layer: number, parent: number, attempt: number): void {
  const id = s.calls.length;
  s.calls.push({ v, layer, parent, attempt });
  push(s, { t: s.now + s.params.hopMs, kind: 'arrive', call: id });
}

/** The callee of `call` answers: the reply reaches the caller one hop later. */
function reply(s: AmpState, call: number, ok: boolean): void {
  push(s, { t: s.now + s.params.hopMs, kind: 'reply', call, ok });
}

const model: EngineModel<AmpParams, AmpState, AmpEvent, AmpAction> = {
  id: 'retry-amplification',
  defaults: ampDefaults,
  sanitizeParams: sanitizeAmp,
  parseAction(raw) {
    const t = (raw as { type?: unknown } | null)?.type;
    return t === 'amp/fail' || t === 'amp/heal' ? { type: t } : null;
  },
  create(seed, p, trace) {
    const budget: Budget = { ratio: p.budgetRatio, burst: p.budgetBurst };
    const s: AmpState = {
      now: 0, seq: 0, queue: [], trace: trace ? emptyTrace() : null, params: p, dbFailing: false, calls: [],
      rng: cloneRng(createRng(seed, 'database')),
      variants: ampPolicies.map((policy) => ({
        policy, received: [0, 0, 0], requests: 0, succeeded: 0, failed: 0, series: [],
        budgets: [budgetInit(budget), budgetInit(budget), budgetInit(budget)],
      })),
    };
    push(s, { t: 0, kind: 'request' });
    push(s, { t: p.failAt, kind: 'fail' });
    if (p.healAt > p.failAt) push(s, { t: p.healAt, kind: 'heal' });
    return s;
  },
  clone: (s) => ({
    ...s,
    queue: s.queue.slice(),
    calls: s.calls.slice(),
    rng: [s.rng[0], s.rng[1], s.rng[2], s.rng[3]],
    variants: s.variants.map((v) => ({ ...v, received: [...v.received] as AmpVariant['received'], budgets: [...v.budgets] as AmpVariant['budgets'], series: v.series.slice() })),
  }),
  handle(s, e) {
    const p = s.params;
    const budget: Budget = { ratio: p.budgetRatio, burst: p.budgetBurst };
    switch (e.kind) {
      case 'fail':
      case 'heal':
        model.act(s, { type: e.kind === 'fail' ? 'amp/fail' : 'amp/heal' });
        return;
      case 'request':
        for (let v = 0; v < s.variants.length; v++) {
          const vr = s.variants[v]!;
          vr.requests++;
          vr.budgets[0] = budgetDeposit(budget, vr.budgets[0]);
          startCall(s, v, 1, -1, 1);
        }
        if (p.limit === 0 || s.variants[0]!.requests < p.limit) push(s, { t: s.now + 1000 / p.rate, kind: 'request' });
        return;
      case 'arrive': {
        const call = s.calls[e.call!]!;
        const vr = s.variants[call.v]!;
        vr.received[call.layer - 1]++;
        bucket(s, vr)[call.layer - 1]++;
        if (call.layer === 3) {
          reply(s, e.call!, !(s.dbFailing && nextFloatMut(s.rng) < p.failRate));
          return;
        }
        // The edge or the service makes its own first attempt downstream: a request, which pays into its budget.
        vr.budgets[call.layer] = budgetDeposit(budget, vr.budgets[call.layer]);
        startCall(s, call.v, call.layer + 1, e.call!, 1);
        return;
      }
      case 'reply': {
        const sub = s.calls[e.call!]!;
        const vr = s.variants[sub.v]!;
        const caller = sub.layer - 1;
        if (!e.ok && sub.attempt < attemptsAt(vr.policy, caller, p.attempts)) {
          let allowed = true;
          if (vr.policy === 'budget') {
            const r = budgetTryRetry(vr.budgets[caller]);
            vr.budgets[caller] = r.state;
            allowed = r.allowed;
          }
          if (allowed) {
            startCall(s, sub.v, sub.layer, sub.parent, sub.attempt + 1);
            return;
          }
        }
        if (sub.parent >= 0) reply(s, sub.parent, e.ok === true);
        else if (e.ok) vr.succeeded++;
        else vr.failed++;
        return;
      }
    }
  },
  act(s, a) {
    s.dbFailing = a.type === 'amp/fail';
    record(s, { kind: 'note', node: 'database', label: s.dbFailing ? 'The database starts failing' : 'The database recovers' });
  },
  scenarios: [],
};

/** The amplification model (for tests and the experiment). */
export const ampModel = model;

/** Run to `until` without a trace and return the counters. */
export function runAmplification(p: AmpParams, seed: number, until: Time): AmpState {
  return runInPlace(model, model.create(seed, p, false), until);
}

/** Named scenarios. */
export const ampScenarios: readonly Scenario<AmpParams, AmpAction>[] = [
  {
    id: 'amplification-database-down', title: 'The database goes down: k³ at the bottom', seed: 1, until: 5000, log: [],
    description: 'Three layers each try three times. While the database is down, every client request turns into 27 database calls in the left column; one retrying layer sends 3, and the budget a little over 1.',
    params: ampDefaults,
  },
  {
    id: 'amplification-flaky-database', title: 'A flaky database: retries that help', seed: 1, until: 5000, log: [],
    description: 'Now the database fails one call in five. Retries rescue almost every request, and the budget lets them through because failures are rare: it only bites when most calls fail.',
    params: { ...ampDefaults, failRate: 0.2 },
  },
];

/** The mechanism the lab drives. */
export const ampMechanism = engineMechanism({ ...model, scenarios: ampScenarios });
