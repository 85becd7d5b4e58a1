/**
 * The fan-out lab as a replayable mechanism (Dean & Barroso, "The Tail at Scale", CACM 2013): one
 * request every `everyMs` of virtual time goes to N leaves and waits for all of them, drawing from
 * the leaf model in `leaf.ts`. The state keeps every request's latency, the last request's leaves
 * (for drawing) and, for every fan-out width up to N, how many requests would have been slower than
 * a leaf's p99 with only that many leaves, so the lab charts the simulated 1 − 0.99ᴺ curve live.
 *
 * A model on the kernel's PRNG rather than a message-passing protocol, like the FLP core: the
 * thing being shown is a distribution over many requests, not a message exchange.
 */
import type { Mechanism, Sanitized, Scenario, TraceEntry } from '../core/types';
import { cloneRng, createRng, type RngState } from '../core/rng';
import { clampInteger, clampNumber } from '../core/clamp';
import { appendTrace, emptyTrace, traceView, type TraceBuf } from '../core/trace';
import { bigtableLeaf, leafQuantile, sanitizeLeaf, type LeafModel } from './leaf';
import { fanoutRequest, widthGrid, type Mitigation } from './fanout';

/** Which mitigation the lab runs. */
export type MitigationKind = Mitigation['kind'];

/** Parameters of the fan-out lab. */
export interface FanoutParams {
  /** Fan-out width N (1–200 in the lab; the experiment goes further). */
  readonly leaves: number;
  readonly leaf: LeafModel;
  readonly mitigation: MitigationKind;
  /** Hedge after this many ms; null = the leaf's p95, the paper's suggestion. */
  readonly hedgeAfterMs: number | null;
  /** Tied requests: twin sent this many ms later (the paper uses 1 ms). */
  readonly tiedAfterMs: number;
  /** Tied requests: time for a cancellation to reach the twin. */
  readonly cancelMs: number;
  /** Virtual time between requests. */
  readonly everyMs: number;
}

/** Reader actions: run a burst of requests at once. */
export type FanoutAction = { readonly type: 'fan/burst'; readonly count: number };

/** The last request, for drawing its leaves. */
export interface LastRequest {
  readonly index: number;
  readonly leafMs: readonly number[];
  readonly slowest: number;
  readonly ms: number;
}

/** State: plain data. `lat` is append-only and may be shared with later states (read `lat.slice(0, count)`). */
export interface FanoutState {
  readonly seed: number;
  readonly params: FanoutParams;
  readonly now: number;
  readonly rng: RngState;
  readonly count: number;
  /** When the next timed request goes out (bursts do not move it). */
  readonly nextAt: number;
  readonly lat: readonly number[];
  readonly slowByWidth: readonly number[];
  readonly grid: readonly number[];
  readonly extraRequests: number;
  readonly extraWork: number;
  readonly leafP95: number;
  readonly leafP99: number;
  readonly last: LastRequest | null;
  readonly trace: TraceBuf;
}

/** Defaults: 100 leaves of the BigTable-like model, no mitigation, a request every 100 ms. */
export const fanoutDefaults: FanoutParams = { leaves: 100, leaf: bigtableLeaf, mitigation: 'none', hedgeAfterMs: null, tiedAfterMs: 1, cancelMs: 0.5, everyMs: 100 };

/** Most requests one run keeps (a long autoplay stops here). */
export const MAX_REQUESTS = 50_000;
const MAX_BURST = 5000;

/** Validate untrusted params. */
export function sanitizeFanoutParams(raw: unknown): Sanitized<FanoutParams> {
  const d = fanoutDefaults;
  if (typeof raw !== 'object' || raw === null) return { value: d, problems: raw === undefined ? [] : ['params: not an object; using the defaults'] };
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  const leaf = r.leaf === undefined ? { value: d.leaf, problems: [] } : sanitizeLeaf(r.leaf, d.leaf);
  problems.push(...leaf.problems);
  let mitigation = d.mitigation;
  if (r.mitigation !== undefined) {
    if (r.mitigation === 'none' || r.mitigation === 'hedged' || r.mitigation === 'tied') mitigation = r.mitigation;
    else problems.push('mitigation must be none, hedged or tied; using none');
  }
  return {
    value: {
      leaves: clampInteger(r.leaves, 1, 200, d.leaves, 'leaves', problems),
      leaf: leaf.value,
      mitigation,
      hedgeAfterMs: r.hedgeAfterMs === null || r.hedgeAfterMs === undefined ? null : clampNumber(r.hedgeAfterMs, 0, 10_000, 10, 'hedgeAfterMs', problems),
      tiedAfterMs: clampNumber(r.tiedAfterMs, 0, 1000, d.tiedAfterMs, 'tiedAfterMs', problems),
      cancelMs: clampNumber(r.cancelMs, 0, 100, d.cancelMs, 'cancelMs', problems),
      everyMs: clampNumber(r.everyMs, 1, 10_000, d.everyMs, 'everyMs', problems),
    },
    problems,
  };
}

/** The mitigation these params mean, with the hedge delay resolved. */
export function mitigationOf(p: FanoutParams, leafP95: number): Mitigation {
  if (p.mitigation === 'hedged') return { kind: 'hedged', afterMs: p.hedgeAfterMs ?? leafP95 };
  if (p.mitigation === 'tied') return { kind: 'tied', afterMs: p.tiedAfterMs, cancelMs: p.cancelMs };
  return { kind: 'none' };
}

/** Run `k` requests at time `t` (k > 1 is a burst); returns the new state. */
function runRequests(s: FanoutState, k: number, t: number): FanoutState {
  const r = cloneRng(s.rng);
  const p = s.params;
  const mit = mitigationOf(p, s.leafP95);
  const lat = s.lat.length === s.count && !Object.isFrozen(s.lat) ? (s.lat as number[]) : s.lat.slice(0, s.count);
  const slow = s.slowByWidth.slice();
  const prefix = new Float64Array(p.leaves);
  let extraRequests = s.extraRequests;
  let extraWork = s.extraWork;
  let last: LastRequest | null = s.last;
  const n = Math.min(k, MAX_REQUESTS - s.count);
  for (let i = 0; i < n; i++) {
    const leafMs: number[] | undefined = i === n - 1 ? [] : undefined;
    const q = fanoutRequest(p.leaf, p.leaves, mit, r, leafMs, prefix);
    lat.push(q.ms);
    extraRequests += q.extraRequests;
    extraWork += q.extraWork;
    for (let g = 0; g < s.grid.length; g++) if (prefix[s.grid[g] - 1] > s.leafP99) slow[g]++;
    if (leafMs) last = { index: s.count + i + 1, leafMs, slowest: q.slowest, ms: q.ms };
  }
  const count = s.count + n;
  let trace = s.trace;
  if (last && n > 0) {
    const label =
      n === 1
        ? `request ${count}: slowest of ${p.leaves} leaves took ${last.ms.toFixed(1)} ms (leaf ${last.slowest + 1})${last.ms > s.leafP99 ? `, slower than a leaf's p99 (${s.leafP99.toFixed(1)} ms)` : ''}`
        : `${n} requests at once; ${count} so far`;
    trace = appendTrace(trace, { seq: trace.len, t, kind: 'note', label, data: { request: count, ms: last.ms } });
  }
  return { ...s, now: t, rng: r, count, lat, slowByWidth: slow, extraRequests, extraWork, last, trace };
}

/** Initial state for (seed, params). */
export function initFanout(seed: number, params: FanoutParams): FanoutState {
  const grid = widthGrid(params.leaves);
  return {
    seed,
    params,
    now: 0,
    rng: createRng(seed, 'fanout'),
    count: 0,
    nextAt: params.everyMs,
    lat: [],
    slowByWidth: grid.map(() => 0),
    grid,
    extraRequests: 0,
    extraWork: 0,
    leafP95: leafQuantile(params.leaf, 0.95),
    leafP99: leafQuantile(params.leaf, 0.99),
    last: null,
    trace: emptyTrace(),
  };
}

const peekFanout = (s: FanoutState): number => (s.count >= MAX_REQUESTS ? Infinity : s.nextAt);
const timed = (s: FanoutState): FanoutState => {
  const x = runRequests(s, 1, s.nextAt);
  return { ...x, nextAt: s.nextAt + s.params.everyMs };
};

/** The fan-out mechanism (scenarios attached by the caller). */
export function fanoutMechanismWith(scenarios: readonly Scenario<FanoutParams, FanoutAction>[]): Mechanism<FanoutParams, FanoutState, FanoutAction> {
  return {
    id: 'svc-fanout',
    defaults: fanoutDefaults,
    sanitizeParams: sanitizeFanoutParams,
    parseAction(raw) {
      const r = raw as Record<string, unknown> | null;
      if (!r || r.type !== 'fan/burst') return null;
      return typeof r.count === 'number' && Number.isInteger(r.count) && r.count >= 1 && r.count <= MAX_BURST ? { type: 'fan/burst', count: r.count } : null;
    },
    init: initFanout,
    apply: (s, a) => runRequests(s, a.count, s.now),
    peek: peekFanout,
    next(s) {
      const t = peekFanout(s);
      return t === Infinity ? s : timed(s);
    },
    advanceTo(s, t) {
      let x = s;
      while (peekFanout(x) <= t) x = timed(x);
      return x.now === t || t < x.now ? x : { ...x, now: t };
    },
    now: (s) => s.now,
    trace: (s): readonly TraceEntry[] => traceView(s.trace),
    scenarios,
  };
}

/** Every request latency so far, ascending (a fresh array). */
export function sortedLatencies(s: FanoutState): Float64Array {
  return Float64Array.from(s.lat.slice(0, s.count)).sort();
}
