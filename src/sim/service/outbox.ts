/**
 * Dual write against the transactional outbox (Chris Richardson, "Pattern: Transactional outbox",
 * microservices.io; also his "Microservices Patterns", Manning 2018, ch. 3).
 *
 * A service takes an order, stores it in its database and must tell others through a broker. Done
 * as two separate writes ("dual write"), a crash between them breaks the pair: commit first and
 * crash before publishing, and the event is lost; publish first and crash before committing, and
 * consumers see a ghost event for an order that does not exist. With an outbox, the order and an
 * outbox row are written in one local transaction, and a relay publishes rows and marks them sent
 * once the broker has them; a crash between publishing and marking publishes the row again, so
 * nothing committed is lost but some events arrive twice, and the consumer deduplicates by id.
 * Change data capture (CDC; Debezium tailing the database's log) is the relay's variant: instead of
 * polling a table it follows the commit log and periodically saves how far it got, so after a crash
 * it replays from the saved position, again with duplicates and without losses.
 *
 * A plain kernel protocol with clear parameters (`OutboxParams`), so the capstone can reuse it.
 */
import type { Ctx, Protocol } from '../core/protocol';
import type { Sanitized, Scenario } from '../core/types';
import { sanitizeDist, type Dist } from '../core/dist';
import { clampNumber, clampPeriod } from '../core/clamp';
import { inFlight, worldMechanism, type WorldState } from '../core/world';
import type { WorldAction } from '../core/actions';

/** How the service gets its event out. */
export type OutboxMode = 'db-first' | 'publish-first' | 'outbox' | 'cdc';

/** Every mode, in teaching order. */
export const OUTBOX_MODES: readonly OutboxMode[] = ['db-first', 'publish-first', 'outbox', 'cdc'];

/** Parameters. */
export interface OutboxParams {
  readonly mode: OutboxMode;
  /** Time for the database transaction to commit. */
  readonly dbWriteMs: number;
  /** Dual write: time between the first write and the second (serialising, connecting to the other system). */
  readonly gapMs: number;
  /** Outbox relay: how often it polls the outbox table. CDC: how often it saves its log position. */
  readonly pollMs: number;
  /** CDC: delay from commit to the relay reading it from the log. */
  readonly tailMs: number;
  /** The consumer skips events it has already applied. */
  readonly dedup: boolean;
  /** The client places an order this often (0: only when asked). */
  readonly orderEveryMs: number;
  readonly latency: Dist;
}

/** Node states. */
export type OutboxNode =
  | {
      readonly role: 'service';
      // Durable (the database):
      readonly nextId: number;
      /** Committed orders, in commit order: this is also the log CDC reads. */
      readonly orders: readonly number[];
      /** The outbox table (outbox mode). */
      readonly outbox: readonly { readonly id: number; readonly published: boolean }[];
      /** CDC: saved log position (entries before it are known to be at the broker). */
      readonly cdcSaved: number;
      // Volatile (lost in a crash):
      /** Dual-write steps still to do. */
      readonly pending: readonly { readonly id: number; readonly step: 'commit' | 'publish' }[];
      /** Relay: ids published and awaiting the broker's ack, each with when it was last sent. */
      readonly sending: readonly { readonly id: number; readonly at: number }[];
      /** CDC: log position read so far, and the position acked so far. */
      readonly cdcRead: number;
      readonly cdcAcked: number;
      /** CDC: when the acked position last moved (or reading last started), to notice lost publishes. */
      readonly cdcProgressAt: number;
    }
  | { readonly role: 'broker'; readonly events: readonly number[] }
  | { readonly role: 'consumer'; readonly received: readonly number[]; readonly applied: readonly number[] };

/** Messages. */
export type OutboxMsg =
  | { readonly type: 'publish'; readonly id: number }
  | { readonly type: 'puback'; readonly id: number }
  | { readonly type: 'event'; readonly id: number };

/** Reader commands. */
export type OutboxCmd = { readonly type: 'ob/order' };

/** Defaults: outbox mode, 30 ms commits, 40 ms dual-write gap, relay polls every 100 ms. */
export const outboxDefaults: OutboxParams = {
  mode: 'outbox',
  dbWriteMs: 30,
  gapMs: 40,
  pollMs: 100,
  tailMs: 10,
  dedup: true,
  orderEveryMs: 0,
  latency: { kind: 'uniform', min: 3, max: 8 },
};

/** Validate untrusted params. */
export function sanitizeOutboxParams(raw: unknown): Sanitized<OutboxParams> {
  const d = outboxDefaults;
  if (typeof raw !== 'object' || raw === null) return { value: d, problems: raw === undefined ? [] : ['params: not an object; using the defaults'] };
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  let mode = d.mode;
  if (r.mode !== undefined) {
    if (OUTBOX_MODES.includes(r.mode as OutboxMode)) mode = r.mode as OutboxMode;
    else problems.push(`mode must be one of ${OUTBOX_MODES.join(', ')}; using ${d.mode}`);
  }
  let dedup = d.dedup;
  if (r.dedup !== undefined) {
    if (typeof r.dedup === 'boolean') dedup = r.dedup;
    else problems.push('dedup must be true or false');
  }
  const lat = r.latency === undefined ? { value: d.latency, problems: [] } : sanitizeDist(r.latency, d.latency, 'latency');
  problems.push(...lat.problems);
  return {
    value: {
      mode,
      dbWriteMs: clampNumber(r.dbWriteMs, 1, 10_000, d.dbWriteMs, 'dbWriteMs', problems),
      gapMs: clampNumber(r.gapMs, 0, 10_000, d.gapMs, 'gapMs', problems),
      pollMs: clampNumber(r.pollMs, 5, 60_000, d.pollMs, 'pollMs', problems),
      tailMs: clampNumber(r.tailMs, 1, 10_000, d.tailMs, 'tailMs', problems),
      dedup,
      orderEveryMs: clampPeriod(r.orderEveryMs, 60_000, d.orderEveryMs, 'orderEveryMs', problems),
      latency: lat.value,
    },
    problems,
  };
}

type OCtx = Ctx<OutboxMsg, OutboxParams>;

/** A publish the broker has not acknowledged after this many relay periods is sent again (it or its ack was lost). */
const RESEND_PERIODS = 3;
type Service = Extract<OutboxNode, { role: 'service' }>;

const dropPending = (s: Service, id: number): Service => ({ ...s, pending: s.pending.filter((p) => p.id !== id) });

function placeOrder(s: Service, ctx: OCtx): Service {
  const id = s.nextId;
  const p = ctx.params;
  const next: Service = { ...s, nextId: id + 1 };
  switch (p.mode) {
    case 'db-first':
      ctx.setTimer(`commit:${id}`, p.dbWriteMs);
      ctx.note(`service takes order ${id}: writes the database, then will publish`);
      return { ...next, pending: [...s.pending, { id, step: 'commit' }] };
    case 'publish-first':
      ctx.setTimer(`publish:${id}`, 0);
      ctx.note(`service takes order ${id}: publishes first, then will write the database`);
      return { ...next, pending: [...s.pending, { id, step: 'publish' }] };
    default:
      ctx.setTimer(`commit:${id}`, p.dbWriteMs);
      ctx.note(p.mode === 'outbox' ? `service takes order ${id}: one transaction writes the order and its outbox row` : `service takes order ${id}: writes the database; CDC will read it from the log`);
      return { ...next, pending: [...s.pending, { id, step: 'commit' }] };
  }
}

function relayStart(ctx: OCtx): void {
  if (ctx.params.mode === 'outbox') ctx.setTimer('poll', ctx.params.pollMs);
  if (ctx.params.mode === 'cdc') {
    ctx.setTimer('tail', ctx.params.tailMs);
    ctx.setTimer('save', ctx.params.pollMs);
  }
}

function onServiceTimer(s: Service, name: string, ctx: OCtx): Service {
  const p = ctx.params;
  if (name === 'order') {
    ctx.setTimer('order', p.orderEveryMs);
    return placeOrder(s, ctx);
  }
  if (name === 'poll') {
    ctx.setTimer('poll', p.pollMs);
    // Unsent rows, and rows sent long enough ago that the publish or its ack must have been lost.
    const stale = ctx.now - RESEND_PERIODS * p.pollMs;
    const todo = s.outbox.filter((r) => {
      if (r.published) return false;
      const out = s.sending.find((x) => x.id === r.id);
      return !out || out.at <= stale;
    }).map((r) => r.id);
    for (const id of todo) ctx.send('broker', { type: 'publish', id });
    if (todo.length > 0) ctx.note(`relay publishes ${todo.map((i) => `e${i}`).join(', ')} from the outbox`);
    return todo.length > 0 ? { ...s, sending: [...s.sending.filter((x) => !todo.includes(x.id)), ...todo.map((id) => ({ id, at: ctx.now }))] } : s;
  }
  if (name === 'tail') {
    ctx.setTimer('tail', p.tailMs);
    let from = s.cdcRead;
    if (s.cdcAcked < s.cdcRead && ctx.now - s.cdcProgressAt >= RESEND_PERIODS * p.pollMs) {
      // No ack for a while: a publish or its ack was lost. Read again from the acknowledged position.
      ctx.note(`CDC: no ack beyond log position ${s.cdcAcked}; reading again from there`);
      from = s.cdcAcked;
    }
    if (from >= s.orders.length) return s;
    const ids = s.orders.slice(from);
    for (const id of ids) ctx.send('broker', { type: 'publish', id });
    ctx.note(`CDC reads ${ids.map((i) => `e${i}`).join(', ')} from the log and publishes`);
    return { ...s, cdcRead: s.orders.length, cdcProgressAt: from !== s.cdcRead || s.cdcAcked === s.cdcRead ? ctx.now : s.cdcProgressAt };
  }
  if (name === 'save') {
    ctx.setTimer('save', p.pollMs);
    return s.cdcAcked > s.cdcSaved ? { ...s, cdcSaved: s.cdcAcked } : s;
  }
  const [step, arg] = name.split(':');
  const id = Number(arg);
  if (step === 'commit') {
    const orders = [...s.orders, id];
    if (p.mode === 'db-first') {
      ctx.setTimer(`publish:${id}`, p.gapMs);
      ctx.note(`order ${id} committed; publishing next`);
      return { ...s, orders, pending: s.pending.map((x) => (x.id === id ? { id, step: 'publish' as const } : x)) };
    }
    if (p.mode === 'publish-first') {
      ctx.note(`order ${id} committed, after its event went out`);
      return dropPending({ ...s, orders }, id);
    }
    if (p.mode === 'outbox') {
      ctx.note(`order ${id} and outbox row e${id} committed together`);
      return dropPending({ ...s, orders, outbox: [...s.outbox, { id, published: false }] }, id);
    }
    ctx.note(`order ${id} committed (log position ${orders.length})`);
    return dropPending({ ...s, orders }, id);
  }
  if (step === 'publish') {
    ctx.send('broker', { type: 'publish', id });
    if (p.mode === 'publish-first') {
      ctx.setTimer(`commit:${id}`, p.gapMs + p.dbWriteMs);
      return { ...s, pending: s.pending.map((x) => (x.id === id ? { id, step: 'commit' as const } : x)) };
    }
    return dropPending(s, id);
  }
  return s;
}

function onServiceAck(s: Service, id: number, ctx: OCtx): Service {
  if (ctx.params.mode === 'outbox') {
    const row = s.outbox.find((r) => r.id === id);
    if (!row || row.published) return s;
    return { ...s, sending: s.sending.filter((x) => x.id !== id), outbox: s.outbox.map((r) => (r.id === id ? { ...r, published: true } : r)) };
  }
  if (ctx.params.mode === 'cdc') {
    // Acks can come back out of order; the position only moves over a contiguous prefix.
    const pos = s.orders.indexOf(id);
    if (pos !== s.cdcAcked) return s;
    return { ...s, cdcAcked: s.cdcAcked + 1, cdcProgressAt: ctx.now };
  }
  return s;
}

/** The outbox protocol: service (with its database and relay), broker, consumer. */
export const outboxProtocol: Protocol<OutboxParams, OutboxNode, OutboxMsg, OutboxCmd> = {
  id: 'svc-outbox',
  defaults: outboxDefaults,
  sanitizeParams: sanitizeOutboxParams,
  topology: (p) => ({ nodes: ['service', 'broker', 'consumer'], net: { defaults: { latency: p.latency, loss: 0, dup: 0, fifo: true } } }),
  initNode(id, ctx) {
    if (id === 'broker') return { role: 'broker', events: [] };
    if (id === 'consumer') return { role: 'consumer', received: [], applied: [] };
    relayStart(ctx);
    if (ctx.params.orderEveryMs > 0) ctx.setTimer('order', ctx.params.orderEveryMs);
    return { role: 'service', nextId: 1, orders: [], outbox: [], cdcSaved: 0, pending: [], sending: [], cdcRead: 0, cdcAcked: 0, cdcProgressAt: 0 };
  },
  onMessage(s, msg, from, ctx) {
    if (s.role === 'broker' && msg.type === 'publish') {
      ctx.send('consumer', { type: 'event', id: msg.id });
      ctx.send(from, { type: 'puback', id: msg.id });
      return { ...s, events: [...s.events, msg.id] };
    }
    if (s.role === 'service' && msg.type === 'puback') return onServiceAck(s, msg.id, ctx);
    if (s.role === 'consumer' && msg.type === 'event') {
      const received = [...s.received, msg.id];
      if (s.applied.includes(msg.id)) {
        if (ctx.params.dedup) {
          ctx.note(`consumer has already applied e${msg.id}: duplicate skipped`);
          return { ...s, received };
        }
        ctx.note(`consumer applies e${msg.id} a second time (no deduplication)`);
      }
      return { ...s, received, applied: [...s.applied, msg.id] };
    }
    return s;
  },
  onTimer: (s, name, ctx) => (s.role === 'service' ? onServiceTimer(s, name, ctx) : s),
  onCommand: (s, _c, ctx) => (s.role === 'service' ? placeOrder(s, ctx) : s),
  commandTarget: () => 'service',
  parseCommand: (raw) => ((raw as OutboxCmd | null)?.type === 'ob/order' ? { type: 'ob/order' } : null),
  // The database survives; steps in progress, relay bookkeeping and the CDC read position do not.
  onCrash: (s) => (s.role === 'service' ? { ...s, pending: [], sending: [], cdcRead: s.cdcSaved, cdcAcked: s.cdcSaved, cdcProgressAt: 0 } : s),
  onRestart(s, ctx) {
    if (s.role === 'service') {
      relayStart(ctx);
      if (ctx.params.orderEveryMs > 0) ctx.setTimer('order', ctx.params.orderEveryMs);
      if (ctx.params.mode === 'outbox' || ctx.params.mode === 'cdc') ctx.note('service restarts; the relay resumes from the database');
    }
    return s;
  },
  describe: (m) => (m.type === 'publish' ? `publish e${m.id}` : m.type === 'puback' ? `ack e${m.id}` : `event e${m.id}`),
  describeCommand: () => 'place an order',
  scenarios: [],
};

/** World state of the outbox run. */
export type OutboxState = WorldState<OutboxParams, OutboxNode, OutboxMsg>;

/** What happened to the orders so far. */
export interface OutboxCounts {
  /** Orders the service accepted. */
  readonly placed: number;
  readonly committed: number;
  /** Committed orders whose event reached the consumer. */
  readonly delivered: number;
  /** Committed orders whose event is still on its way (in the outbox, the log, a step or the network). */
  readonly pending: number;
  /** Committed orders whose event will never be sent. */
  readonly lost: number;
  /** Events the consumer received for orders that were never committed and never will be. */
  readonly ghosts: number;
  /** Events received beyond the first of each id. */
  readonly duplicates: number;
  /** Events applied twice (only without deduplication). */
  readonly doubleApplied: number;
  readonly lostIds: readonly number[];
  readonly ghostIds: readonly number[];
}

/** Derive the counts from the world state (a view; the protocol never reads it). */
export function outboxCounts(s: OutboxState): OutboxCounts {
  const svc = s.nodes.service.state as Service;
  const con = s.nodes.consumer.state as Extract<OutboxNode, { role: 'consumer' }>;
  const up = s.nodes.service.up;
  const committed = new Set(svc.orders);
  const received = new Set(con.received);
  const wire = new Set<number>();
  for (const f of inFlight(s)) if (!f.doomed) wire.add((f.msg as OutboxMsg).id);
  const willPublish = new Set<number>();
  const willCommit = new Set<number>();
  if (up) for (const p of svc.pending) (p.step === 'publish' ? willPublish : willCommit).add(p.id);
  const mode = s.params.mode;
  // With a relay, a committed order not yet received is still in the outbox table or the log.
  const relayed = mode === 'outbox' || mode === 'cdc';
  let delivered = 0;
  let pending = 0;
  const lostIds: number[] = [];
  for (const id of svc.orders) {
    if (received.has(id)) delivered++;
    else if (wire.has(id) || willPublish.has(id) || relayed) pending++;
    else lostIds.push(id);
  }
  const ghostIds = [...received].filter((id) => !committed.has(id) && !willCommit.has(id)).sort((a, b) => a - b);
  return {
    placed: svc.nextId - 1,
    committed: committed.size,
    delivered,
    pending,
    lost: lostIds.length,
    ghosts: ghostIds.length,
    duplicates: con.received.length - received.size,
    doubleApplied: con.applied.length - new Set(con.applied).size,
    lostIds,
    ghostIds,
  };
}

/** Scenario type for the outbox. */
export type OutboxScenario = Scenario<OutboxParams, WorldAction | OutboxCmd>;

/** Build a mechanism for the outbox with the given scenarios. */
export const outboxMechanismWith = (scenarios: readonly OutboxScenario[]) => worldMechanism({ ...outboxProtocol, scenarios });
