/**
 * Pure selectors for ServiceLab: core state → what the pictures draw, and the one-line "what just
 * happened, and why" caption. No React here; everything is a function of (state, trace).
 */
import { inFlight } from '../../sim/core';
import type { Tagged, TraceEntry } from '../../sim/core';
import {
  chainAvailability, chainMeanLatency, chainWaste, closedFormSlowFraction, fanoutSurvival, mitigationOf, outboxCounts, queueCounts, quantileSorted, sortedLatencies,
  type ChainMsg, type ChainNode, type ChainState, type ClientCall, type FanoutState, type Job, type OutboxMsg, type OutboxNode, type OutboxState,
  type QueueMsg, type QueueNode, type QueueState, type QueuedMsg,
} from '../../sim/service';

/** A message in flight as the pictures draw it: endpoints and progress 0..1 at `now`. */
export interface Flight {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly progress: number;
  readonly label: string;
  readonly tone: 'ok' | 'bad' | 'accent' | 'muted' | 'warn';
}

function flights<M>(s: { now: number } & Parameters<typeof inFlight>[0], describe: (m: M) => { label: string; tone: Flight['tone'] }): Flight[] {
  return inFlight(s)
    .filter((f) => !f.doomed)
    .map((f) => {
      const span = Math.max(1e-9, f.arrive - f.sent);
      const d = describe(f.msg as M);
      return { id: f.msgId, from: f.from, to: f.to, progress: Math.min(1, Math.max(0, (s.now - f.sent) / span)), ...d };
    });
}

// ---------------------------------------------------------------- chain

/** One hop box. */
export interface HopView {
  readonly id: string;
  readonly up: boolean;
  readonly queued: number;
  readonly working: number;
  readonly waiting: number;
  readonly availability: number;
  readonly concurrency: number;
  /** Requests this hop is still working on although the client has given up. */
  readonly orphans: number;
}

/** What the chain picture draws. */
export interface ChainModel {
  readonly hops: readonly HopView[];
  readonly flights: readonly Flight[];
  /** Recent and pending calls, oldest first. */
  readonly calls: readonly ClientCall[];
  readonly ok: number;
  readonly failed: number;
  readonly timedOut: number;
  readonly late: number;
  readonly expectedAvailability: number;
  readonly meanOkMs: number | null;
  readonly expectedMeanMs: number;
  readonly wastedMs: number;
  readonly startedAfterGiveUp: number;
  readonly refused: number;
  readonly mode: 'fixed' | 'deadline';
}

type Hop = Extract<ChainNode, { role: 'hop' }>;
type Client = Extract<ChainNode, { role: 'client' }>;

const chainCache = new WeakMap<ChainState, ChainModel>();

/** Derive the chain picture's model (memoised per state: the picture and the caption share it). */
export function chainModel(s: ChainState): ChainModel {
  let m = chainCache.get(s);
  if (!m) {
    m = buildChainModel(s);
    chainCache.set(s, m);
  }
  return m;
}

function buildChainModel(s: ChainState): ChainModel {
  const client = s.nodes.client.state as Client;
  const hops: HopView[] = [];
  let refused = 0;
  for (const id of s.nodeIds) {
    const rec = s.nodes[id];
    const n = rec.state;
    if (n.role !== 'hop') continue;
    const live = Object.values(n.live) as Job[];
    refused += n.stats.refused;
    const spec = s.params.hops[n.index - 1];
    hops.push({
      id,
      up: rec.up,
      queued: live.filter((j) => j.outcome === 'queued').length,
      working: live.filter((j) => j.outcome === 'working').length,
      waiting: live.filter((j) => j.outcome === 'waiting').length,
      availability: spec.availability,
      concurrency: spec.concurrency,
      orphans: live.filter((j) => s.now >= j.giveUp).length,
    });
  }
  const st = client.stats;
  const waste = chainWaste(s);
  return {
    hops,
    flights: flights<ChainMsg>(s, (m) =>
      m.type === 'call' ? { label: `#${m.req}`, tone: s.now >= m.giveUp ? 'warn' : 'accent' } : { label: `#${m.req}`, tone: m.ok ? 'ok' : 'bad' },
    ),
    calls: [...client.recent, ...(Object.values(client.live) as ClientCall[])],
    ok: st.ok,
    failed: st.error,
    timedOut: st.timeout,
    late: st.late,
    expectedAvailability: chainAvailability(s.params),
    meanOkMs: st.ok > 0 ? st.okLatencyMs / st.ok : null,
    expectedMeanMs: chainMeanLatency(s.params),
    wastedMs: waste.wastedMs,
    startedAfterGiveUp: waste.startedAfterGiveUp,
    refused,
    mode: s.params.mode,
  };
}

// ---------------------------------------------------------------- queue

/** One consumer box. */
export interface ConsumerView {
  readonly id: string;
  readonly up: boolean;
  readonly paused: boolean;
  readonly busyWith: number | null;
  readonly processed: number;
  readonly failures: number;
}

/** What the queue picture draws. */
export interface QueueModel {
  readonly ready: readonly QueuedMsg[];
  readonly inflight: readonly QueuedMsg[];
  readonly dlq: readonly QueuedMsg[];
  readonly consumers: readonly ConsumerView[];
  readonly flights: readonly Flight[];
  readonly counts: ReturnType<typeof queueCounts>;
  readonly brokerUp: boolean;
  readonly publishEveryMs: number;
  readonly maxAttempts: number;
  readonly visibilityMs: number;
}

type Broker = Extract<QueueNode, { role: 'broker' }>;

/** Derive the queue picture's model. */
export function queueModel(s: QueueState): QueueModel {
  const b = s.nodes.broker.state as Broker;
  const byId = (id: number) => b.msgs[id - 1]!;
  const consumers: ConsumerView[] = [];
  for (const id of s.nodeIds) {
    const n = s.nodes[id].state;
    if (n.role !== 'consumer') continue;
    consumers.push({ id, up: s.nodes[id].up, paused: n.paused, busyWith: n.busy?.id ?? null, processed: n.processed.length, failures: n.failures });
  }
  const prod = s.nodes.producer.state as Extract<QueueNode, { role: 'producer' }>;
  return {
    ready: b.ready.map(byId),
    inflight: b.msgs.filter((m): m is QueuedMsg => m?.state === 'inflight'),
    dlq: b.dlq.map(byId),
    consumers,
    flights: flights<QueueMsg>(s, (m) =>
      m.type === 'publish' ? { label: `m${m.id}`, tone: m.poison ? 'bad' : 'accent' } : m.type === 'deliver' ? { label: `m${m.id}`, tone: m.poison ? 'bad' : m.attempt > 1 ? 'warn' : 'accent' } : m.type === 'ack' ? { label: `ack ${m.id}`, tone: 'ok' } : { label: '', tone: 'muted' },
    ).filter((f) => f.label !== ''),
    counts: queueCounts(s),
    brokerUp: s.nodes.broker.up,
    publishEveryMs: prod.everyMs,
    maxAttempts: s.params.maxAttempts,
    visibilityMs: s.params.visibilityMs,
  };
}

/** Consumer lag (published, not yet acked or dead-lettered) at each of `points` times from 0 to `end`, from the broker's records. */
export function lagSeries(s: QueueState, end: number, points = 60): { t: number; lag: number }[] {
  const b = s.nodes.broker.state as Broker;
  const out: { t: number; lag: number }[] = [];
  const upTo = Math.min(end, s.now);
  for (let i = 0; i <= points; i++) {
    const t = (upTo * i) / points;
    let lag = 0;
    for (const m of b.msgs) if (m && m.publishedAt <= t && (m.doneAt === null || m.doneAt > t)) lag++;
    out.push({ t, lag });
  }
  return out;
}

// ---------------------------------------------------------------- outbox

/** What the outbox picture draws. */
export interface OutboxModel {
  readonly mode: OutboxState['params']['mode'];
  readonly serviceUp: boolean;
  readonly orders: readonly number[];
  readonly outbox: readonly { readonly id: number; readonly published: boolean; readonly sending: boolean }[];
  /** CDC: log position saved, and read so far. */
  readonly cdcSaved: number;
  readonly cdcRead: number;
  readonly pending: readonly { readonly id: number; readonly step: 'commit' | 'publish' }[];
  readonly brokerEvents: readonly number[];
  readonly received: readonly { readonly id: number; readonly duplicate: boolean; readonly ghost: boolean }[];
  readonly counts: ReturnType<typeof outboxCounts>;
  readonly flights: readonly Flight[];
  readonly dedup: boolean;
}

type Svc = Extract<OutboxNode, { role: 'service' }>;

/** Derive the outbox picture's model. */
export function outboxModel(s: OutboxState): OutboxModel {
  const svc = s.nodes.service.state as Svc;
  const broker = s.nodes.broker.state as Extract<OutboxNode, { role: 'broker' }>;
  const con = s.nodes.consumer.state as Extract<OutboxNode, { role: 'consumer' }>;
  const counts = outboxCounts(s);
  const ghosts = new Set(counts.ghostIds);
  const seen = new Set<number>();
  return {
    mode: s.params.mode,
    serviceUp: s.nodes.service.up,
    orders: svc.orders,
    outbox: svc.outbox.map((r) => ({ ...r, sending: svc.sending.some((x) => x.id === r.id) })),
    cdcSaved: svc.cdcSaved,
    cdcRead: svc.cdcRead,
    pending: s.nodes.service.up ? svc.pending : [],
    brokerEvents: broker.events,
    received: con.received.map((id) => {
      const duplicate = seen.has(id);
      seen.add(id);
      return { id, duplicate, ghost: ghosts.has(id) };
    }),
    counts,
    flights: flights<OutboxMsg>(s, (m) => ({ label: m.type === 'puback' ? `ack e${m.id}` : `e${m.id}`, tone: m.type === 'puback' ? 'ok' : 'accent' })),
    dedup: s.params.dedup,
  };
}

// ---------------------------------------------------------------- fan-out

/** What the fan-out picture draws. */
export interface FanoutModel {
  readonly leaves: number;
  readonly count: number;
  readonly leafP95: number;
  readonly leafP99: number;
  readonly last: FanoutState['last'];
  /** Simulated share slower than a leaf's p99 against 1 − 0.99ᴺ, at each charted width. */
  readonly curve: readonly { readonly n: number; readonly fraction: number; readonly closedForm: number }[];
  readonly slowShare: number;
  readonly closedForm: number;
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly closed: { readonly p50: number; readonly p99: number; readonly p999: number } | null;
  readonly extraRequestFraction: number;
  readonly extraWorkFraction: number;
  readonly mitigation: string;
  /** Latencies of every request so far, ascending (for the histogram). */
  readonly sorted: Float64Array;
}

/** Closed-form quantiles per params object (they depend on nothing else, and cost ~30k exp() each). */
const closedCache = new WeakMap<object, Map<string, number>>();

/** Request-latency quantile from the closed form (bisection on the exact survival), memoised per params. */
function closedQuantile(s: FanoutState, q: number, hedge: number): number {
  let byKey = closedCache.get(s.params);
  if (!byKey) {
    byKey = new Map();
    closedCache.set(s.params, byKey);
  }
  const key = `${q}:${hedge}`;
  const hit = byKey.get(key);
  if (hit !== undefined) return hit;
  const v = closedQuantileUncached(s, q, hedge);
  byKey.set(key, v);
  return v;
}

function closedQuantileUncached(s: FanoutState, q: number, hedge: number): number {
  let lo = 1e-3;
  let hi = 1;
  const surv = (t: number) => fanoutSurvival(s.params.leaf, s.params.leaves, t, hedge);
  while (surv(hi) > 1 - q && hi < 1e8) hi *= 4;
  for (let i = 0; i < 60; i++) {
    const mid = Math.sqrt(lo * hi);
    if (surv(mid) > 1 - q) lo = mid;
    else hi = mid;
  }
  return hi;
}

const fanoutCache = new WeakMap<FanoutState, FanoutModel>();

/** Derive the fan-out picture's model (memoised per state: the picture and the caption share it). */
export function fanoutModel(s: FanoutState): FanoutModel {
  let m = fanoutCache.get(s);
  if (!m) {
    m = buildFanoutModel(s);
    fanoutCache.set(s, m);
  }
  return m;
}

function buildFanoutModel(s: FanoutState): FanoutModel {
  const sorted = sortedLatencies(s);
  const n = s.params.leaves;
  const mit = mitigationOf(s.params, s.leafP95);
  const hedge = mit.kind === 'hedged' ? mit.afterMs : -1;
  const c = Math.max(1, s.count);
  return {
    leaves: n,
    count: s.count,
    leafP95: s.leafP95,
    leafP99: s.leafP99,
    last: s.last,
    curve: s.grid.map((w, g) => ({ n: w, fraction: s.count ? s.slowByWidth[g] / s.count : 0, closedForm: closedFormSlowFraction(w) })),
    slowShare: s.count ? s.slowByWidth[s.grid.length - 1] / s.count : 0,
    closedForm: closedFormSlowFraction(n),
    p50: quantileSorted(sorted, 0.5),
    p99: quantileSorted(sorted, 0.99),
    p999: quantileSorted(sorted, 0.999),
    closed: mit.kind === 'tied' ? null : { p50: closedQuantile(s, 0.5, hedge), p99: closedQuantile(s, 0.99, hedge), p999: closedQuantile(s, 0.999, hedge) },
    extraRequestFraction: s.extraRequests / (c * n),
    extraWorkFraction: s.extraWork / (c * n),
    mitigation: mit.kind === 'hedged' ? `hedging after ${mit.afterMs.toFixed(1)} ms` : mit.kind === 'tied' ? `tied requests (twin after ${mit.afterMs} ms)` : 'no mitigation',
    sorted,
  };
}

// ---------------------------------------------------------------- captions

const pct = (x: number, d = 0) => `${(x * 100).toFixed(d)}%`;
const ms = (x: number) => (x >= 100 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`);

/** The newest trace entry worth explaining (notes, crashes and restarts), or undefined. */
function lastStory(trace: readonly TraceEntry[]): TraceEntry | undefined {
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i];
    if (e.kind === 'note' || e.kind === 'crash' || e.kind === 'restart' || e.kind === 'action') return e;
  }
  return undefined;
}

/** Caption for the chain: the latest event, and the reason it matters. */
export function chainCaption(s: ChainState, trace: readonly TraceEntry[]): string {
  const e = lastStory(trace);
  const m = chainModel(s);
  if (!e) {
    const narrow = m.hops.find((h) => h.concurrency > 0);
    const t = ms(s.params.clientTimeoutMs);
    if (s.params.mode === 'deadline')
      return `Each call will carry the client’s deadline, ${t} after it starts; a hop refuses queued work past it and stops work in progress when it passes. Press play.`;
    if (narrow)
      return `${narrow.id} takes ${narrow.concurrency === 1 ? 'one call' : `${narrow.concurrency} calls`} at a time, and calls will queue in front of it. The client gives up after ${t}, but with fixed per-hop timeouts nobody tells the hops. Press play and watch the work done for nobody.`;
    return `Each hop answers ${pct(s.params.hops[0].availability)} of the time; a call needs all ${m.hops.length}, so at best ${pct(m.expectedAvailability, 1)} succeed. Press play.`;
  }
  const l = e.label;
  if (/gives up/.test(l))
    return s.params.mode === 'fixed'
      ? `${l}. Nobody tells the hops: with fixed per-hop timeouts they keep working on it, which is how ${ms(m.wastedMs)} of work has gone to waste so far.`
      : `${l}. The hops hold the same deadline, so they stop at the same moment: no work continues for a caller who has left.`;
  if (/refuses/.test(l)) return `${l}: starting it could only produce an answer nobody waits for, so the hop spends its time on live calls instead.`;
  if (/stops #/.test(l)) return `${l}: the work in progress is abandoned the moment the caller stops waiting.`;
  if (/fails/.test(l)) return `${l}. One failing hop fails the whole call: ${m.ok} of ${m.ok + m.failed + m.timedOut} calls succeeded, against ${pct(m.expectedAvailability, 1)} expected (the product of the hops).`;
  if (/ignores a late/.test(l))
    return s.params.mode === 'deadline' && /error/.test(l)
      ? `${l}. That is only a hop’s refusal arriving: with a shared deadline, the hops stopped when the client did.`
      : `${l}. The work behind that answer was wasted: the caller had already reported a failure.`;
  if (/client calls S1/.test(l)) {
    const done = m.ok + m.failed + m.timedOut;
    return `${l}. It succeeds only if all ${m.hops.length} hops do: so far ${m.ok} of ${done} call${done === 1 ? '' : 's'} succeeded, against ${pct(m.expectedAvailability, 1)} expected from the product of the hops.`;
  }
  if (/client gets #/.test(l)) return `${l}, the sum of every hop’s work and every network crossing (about ${ms(m.expectedMeanMs)} on average).`;
  if (/times out waiting/.test(l)) return `${l}, long after the client itself gave up: a fixed timeout knows nothing of the caller’s patience.`;
  return `${l}.`;
}

/** Caption for the queue. */
export function queueCaption(s: QueueState, trace: readonly TraceEntry[]): string {
  const e = lastStory(trace);
  const c = queueCounts(s);
  const lag = `Lag: ${c.lag} message${c.lag === 1 ? '' : 's'}${c.oldestMs >= 1 ? `, the oldest waiting ${ms(c.oldestMs)}` : ''}.`;
  if (!e) return `The producer publishes every ${s.params.publishEveryMs} ms; the consumers take one message at a time. ${lag}`;
  const l = e.label;
  if (/stops taking/.test(l)) return `${l}. The producer does not slow down, so the broker holds what the remaining consumers cannot take. ${lag}`;
  if (/resumes/.test(l)) return `${l}. With both consumers working faster than the producer publishes, the backlog drains. ${lag}`;
  if (/floods/.test(l)) return `${l}. The queue absorbs the burst; the consumers work it off at their own pace. ${lag}`;
  if (/dead-lettered/.test(l)) return `${l}. Without a limit a poison message would be retried forever; in the dead-letter queue it waits for a person. ${lag}`;
  if (/visible again/.test(l)) return `${l}. The broker cannot tell a slow consumer from a dead one or a lost ack, so it hands the message out again.`;
  if (/poison/.test(l)) return `${l}. The handler fails the same way every time, so retrying cannot help.`;
  if (/again \(delivery/.test(l)) return `${l}. The first processing happened, but its ack never reached the broker: handlers must be idempotent.`;
  if (/late ack/.test(l)) return `${l}: the message was already handed to someone else, and processed twice.`;
  if (e.kind === 'crash') return `${l}. The message it was working on is not lost: it stays invisible until its visibility timeout, then goes to another consumer.`;
  if (e.kind === 'restart') return `${l}: it asks the broker for work again. Whatever it held when it went down was redelivered after its visibility timeout. ${lag}`;
  return `${l}. ${lag}`;
}

/** Caption for the outbox. */
export function outboxCaption(s: OutboxState, trace: readonly TraceEntry[]): string {
  const e = lastStory(trace);
  const c = outboxCounts(s);
  const mode = s.params.mode;
  if (e?.kind === 'crash') {
    if (mode === 'db-first' && c.lost > 0) return `The service crashed after committing order ${c.lostIds[c.lostIds.length - 1]} and before publishing it: the database says the order exists, and no event will ever say so.`;
    if (mode === 'publish-first' && c.ghosts > 0) return `The service crashed after publishing event e${c.ghostIds[c.ghostIds.length - 1]} and before its commit: the consumer acts on an order that was never stored.`;
    if (mode === 'outbox') return 'The service crashed. The order and its outbox row were one transaction, so either both exist or neither does; the relay will find any unsent row after the restart.';
    if (mode === 'cdc') return `The service crashed. The relay saved log position ${(s.nodes.service.state as Svc).cdcSaved}; after the restart it reads from there again, so anything read since is published twice.`;
    return 'The service crashed.';
  }
  if (!e) return mode === 'db-first' || mode === 'publish-first' ? 'Two writes to two systems, with nothing to make them atomic. Place an order, or press play.' : 'One local transaction, then a relay that publishes until the broker acknowledges. Place an order, or press play.';
  const l = e.label;
  if (/duplicate skipped/.test(l)) return `${l}. The relay published it again after the crash; deduplicating by id makes the redelivery harmless.`;
  if (/second time/.test(l)) return `${l}: without deduplication, at-least-once delivery becomes "charged twice".`;
  if (/relay resumes/.test(l)) return `${l}: unsent rows are still in the outbox table, so nothing committed is lost.`;
  if (c.lost + c.ghosts === 0 && c.duplicates === 0 && /committed/.test(l)) return `${l}.${mode === 'db-first' ? ' The event goes out only after this; a crash in between would lose it.' : ''}`;
  return `${l}. So far: ${c.committed} committed, ${c.delivered} delivered, ${c.lost} lost, ${c.ghosts} ghost${c.ghosts === 1 ? '' : 's'}, ${c.duplicates} duplicate${c.duplicates === 1 ? '' : 's'}.`;
}

/** Caption for the fan-out. */
export function fanoutCaption(s: FanoutState): string {
  const m = fanoutModel(s);
  if (!s.last) return `Each request fans out to ${m.leaves} leaves and waits for all of them. Press play, or run a burst.`;
  const slow = s.last.ms > s.leafP99;
  const head = `Request ${s.last.index} waited ${ms(s.last.ms)} for its slowest leaf (leaf ${s.last.slowest + 1} of ${m.leaves})${slow ? `, longer than a single leaf’s p99 of ${ms(s.leafP99)}` : ''}.`;
  const why = `Over ${m.count} requests ${pct(m.slowShare, 1)} waited that long, against 1 − 0.99^${m.leaves} = ${pct(m.closedForm, 1)}: with ${m.leaves} leaves, some leaf is usually in its worst 1%.`;
  if (s.params.mitigation === 'none') return `${head} ${why}`;
  return `${head} With ${m.mitigation}, ${pct(m.slowShare, 1)} of requests are that slow, for ${pct(m.extraRequestFraction, 1)} more requests and ${pct(m.extraWorkFraction, 2)} more work.`;
}

/** Label a reader action in the event table. */
export function describeServiceAction(a: Tagged): string {
  const x = a as Tagged & Record<string, unknown>;
  switch (x.type) {
    case 'chain/call':
      return 'Client calls';
    case 'q/flood':
      return `Flood ${String(x.count)} messages`;
    case 'q/poison':
      return 'Publish a poison message';
    case 'q/rate':
      return Number(x.everyMs) > 0 ? `Publish every ${String(x.everyMs)} ms` : 'Stop publishing';
    case 'q/stop':
      return `Stop ${String(x.consumer)}`;
    case 'q/resume':
      return `Resume ${String(x.consumer)}`;
    case 'ob/order':
      return 'Place an order';
    case 'fan/burst':
      return `Run ${String(x.count)} requests`;
    default:
      return x.type;
  }
}
