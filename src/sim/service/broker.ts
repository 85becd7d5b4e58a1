/**
 * A message broker with competing consumers and at-least-once delivery, in the style of Amazon SQS
 * and RabbitMQ: a delivered message becomes invisible for a visibility timeout; if no ack arrives in
 * time it becomes visible again and is redelivered; after `maxAttempts` deliveries without an ack it
 * moves to a dead-letter queue. A consumer that processes a message and then loses its ack (crash,
 * lost packet, or work slower than the timeout) gets it again, so handlers must be idempotent.
 *
 * The producer publishes on a timer, consumers pull one message at a time (prefetch 1). The reader
 * stops and resumes consumers, floods the queue and publishes poison messages (which always fail),
 * and watches consumer lag (messages published but not yet acknowledged) grow and drain.
 *
 * A plain kernel protocol with clear parameters (`QueueParams`), so the capstone can reuse it.
 */
import type { Ctx, Protocol } from '../core/protocol';
import type { NodeId, Sanitized, Scenario } from '../core/types';
import { sanitizeDist, type Dist } from '../core/dist';
import { clampInteger, clampNumber, clampPeriod, isPeriod } from '../core/clamp';
import { worldMechanism, type WorldState } from '../core/world';
import type { WorldAction } from '../core/actions';

/** Parameters of the queue. */
export interface QueueParams {
  /** Competing consumers C1…Ck (1–3). */
  readonly consumers: number;
  /** The producer publishes one message this often (0: only when asked). */
  readonly publishEveryMs: number;
  /** Time a consumer takes per message. */
  readonly process: Dist;
  /** How long a delivered message stays invisible waiting for its ack. */
  readonly visibilityMs: number;
  /** Deliveries without an ack before the message is dead-lettered. */
  readonly maxAttempts: number;
  /** Every k-th message is poison (always fails); 0 = none. */
  readonly poisonEvery: number;
  /** One-way delay of every link. */
  readonly latency: Dist;
}

/** Where a message is. */
export type MsgState = 'ready' | 'inflight' | 'acked' | 'dead';

/** The broker's record of one message. */
export interface QueuedMsg {
  readonly id: number;
  readonly poison: boolean;
  readonly state: MsgState;
  readonly attempts: number;
  readonly consumer: NodeId | null;
  readonly publishedAt: number;
  readonly doneAt: number | null;
}

/** Node states. */
export type QueueNode =
  | {
      readonly role: 'producer';
      readonly next: number;
      readonly everyMs: number;
      /** Published ids the broker has not confirmed yet (resent until it does: publisher confirms). */
      readonly unconfirmed: readonly { readonly id: number; readonly poison: boolean }[];
    }
  | { readonly role: 'broker'; /** By id − 1; null where an id has not arrived yet (publishes can overtake each other). */ readonly msgs: readonly (QueuedMsg | null)[]; readonly ready: readonly number[]; readonly idle: readonly NodeId[]; readonly dlq: readonly number[]; readonly duplicateAcks: number }
  | {
      readonly role: 'consumer';
      readonly paused: boolean;
      readonly busy: { readonly id: number; readonly attempt: number; readonly poison: boolean } | null;
      /** Ids processed successfully, in order, with repeats (durable side effects). */
      readonly processed: readonly number[];
      readonly failures: number;
    };

/** Messages on the wire. */
export type QueueMsg =
  | { readonly type: 'publish'; readonly id: number; readonly poison: boolean }
  | { readonly type: 'deliver'; readonly id: number; readonly attempt: number; readonly poison: boolean }
  | { readonly type: 'ack'; readonly id: number }
  | { readonly type: 'confirm'; readonly id: number }
  | { readonly type: 'ready' };

/** Reader commands. */
export type QueueCmd =
  | { readonly type: 'q/flood'; readonly count: number }
  | { readonly type: 'q/poison' }
  | { readonly type: 'q/rate'; readonly everyMs: number }
  | { readonly type: 'q/stop'; readonly consumer: NodeId }
  | { readonly type: 'q/resume'; readonly consumer: NodeId };

/** Consumer ids for k consumers. */
export const consumerIds = (k: number): NodeId[] => Array.from({ length: k }, (_, i) => `C${i + 1}`);

/** Defaults: two consumers at 60–120 ms a message, a message every 50 ms, 400 ms visibility, 3 attempts. */
export const queueDefaults: QueueParams = {
  consumers: 2,
  publishEveryMs: 50,
  process: { kind: 'uniform', min: 60, max: 120 },
  visibilityMs: 400,
  maxAttempts: 3,
  poisonEvery: 0,
  latency: { kind: 'uniform', min: 2, max: 6 },
};

/** Validate untrusted params. */
export function sanitizeQueueParams(raw: unknown): Sanitized<QueueParams> {
  const d = queueDefaults;
  if (typeof raw !== 'object' || raw === null) return { value: d, problems: raw === undefined ? [] : ['params: not an object; using the defaults'] };
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  const proc = r.process === undefined ? { value: d.process, problems: [] } : sanitizeDist(r.process, d.process, 'process');
  const lat = r.latency === undefined ? { value: d.latency, problems: [] } : sanitizeDist(r.latency, d.latency, 'latency');
  problems.push(...proc.problems, ...lat.problems);
  return {
    value: {
      consumers: clampInteger(r.consumers, 1, 3, d.consumers, 'consumers', problems),
      publishEveryMs: clampPeriod(r.publishEveryMs, 60_000, d.publishEveryMs, 'publishEveryMs', problems),
      process: proc.value,
      visibilityMs: clampNumber(r.visibilityMs, 10, 600_000, d.visibilityMs, 'visibilityMs', problems),
      maxAttempts: clampInteger(r.maxAttempts, 1, 20, d.maxAttempts, 'maxAttempts', problems),
      poisonEvery: clampInteger(r.poisonEvery, 0, 1000, d.poisonEvery, 'poisonEvery', problems),
      latency: lat.value,
    },
    problems,
  };
}

type QCtx = Ctx<QueueMsg, QueueParams>;
type Broker = Extract<QueueNode, { role: 'broker' }>;
type Producer = Extract<QueueNode, { role: 'producer' }>;
type Consumer = Extract<QueueNode, { role: 'consumer' }>;

const MAX_FLOOD = 500;
/** An idle consumer repeats its request for work this often (a lost request must not idle it forever). */
const POLL_MS = 500;
/** The producer resends unconfirmed publishes this often (the broker stores each id once). */
const RESEND_MS = 300;

function publish(s: Producer, poison: boolean, ctx: QCtx): Producer {
  const id = s.next;
  const p = ctx.params;
  const isPoison = poison || (p.poisonEvery > 0 && id % p.poisonEvery === 0);
  ctx.send('broker', { type: 'publish', id, poison: isPoison });
  if (s.unconfirmed.length === 0) ctx.setTimer('resend', RESEND_MS);
  return { ...s, next: id + 1, unconfirmed: [...s.unconfirmed, { id, poison: isPoison }] };
}

function setMsg(msgs: (QueuedMsg | null)[], id: number, f: (m: QueuedMsg) => QueuedMsg): void {
  const m = msgs[id - 1];
  if (m) msgs[id - 1] = f(m);
}

/** Hand ready messages to idle consumers, oldest first. */
function dispatch(s: Broker, ctx: QCtx): Broker {
  if (s.ready.length === 0 || s.idle.length === 0) return s;
  const msgs = s.msgs.slice();
  const ready = s.ready.slice();
  const idle = s.idle.slice();
  while (ready.length > 0 && idle.length > 0) {
    const id = ready.shift()!;
    const c = idle.shift()!;
    const m = msgs[id - 1]!;
    const attempt = m.attempts + 1;
    setMsg(msgs, id, (x) => ({ ...x, state: 'inflight', attempts: attempt, consumer: c }));
    ctx.send(c, { type: 'deliver', id, attempt, poison: m.poison });
    ctx.setTimer(`vis:${id}`, ctx.params.visibilityMs);
  }
  return { ...s, msgs, ready, idle };
}

function onBroker(s: Broker, msg: QueueMsg, from: NodeId, ctx: QCtx): Broker {
  switch (msg.type) {
    case 'publish': {
      ctx.send(from, { type: 'confirm', id: msg.id });
      if (s.msgs[msg.id - 1]) return s; // a resent publish of the same id is stored once
      const rec: QueuedMsg = { id: msg.id, poison: msg.poison, state: 'ready', attempts: 0, consumer: null, publishedAt: ctx.now, doneAt: null };
      const msgs = s.msgs.slice();
      while (msgs.length < msg.id - 1) msgs.push(null);
      msgs[msg.id - 1] = rec;
      return dispatch({ ...s, msgs, ready: [...s.ready, msg.id] }, ctx);
    }
    case 'ready':
      return s.idle.includes(from) ? s : dispatch({ ...s, idle: [...s.idle, from] }, ctx);
    case 'ack': {
      const m = s.msgs[msg.id - 1];
      if (!m) return s;
      if (m.state === 'acked' || m.state === 'dead') {
        ctx.note(`broker: late ack for m${msg.id} from ${from} (already ${m.state === 'acked' ? 'acknowledged' : 'dead-lettered'})`);
        return { ...s, duplicateAcks: s.duplicateAcks + 1 };
      }
      ctx.cancelTimer(`vis:${msg.id}`);
      const msgs = s.msgs.slice();
      setMsg(msgs, msg.id, (x) => ({ ...x, state: 'acked', doneAt: ctx.now }));
      return { ...s, msgs, ready: m.state === 'ready' ? s.ready.filter((i) => i !== msg.id) : s.ready };
    }
    default:
      return s;
  }
}

function onBrokerTimer(s: Broker, name: string, ctx: QCtx): Broker {
  if (!name.startsWith('vis:')) return s;
  const id = Number(name.slice(4));
  const m = s.msgs[id - 1];
  if (!m || m.state !== 'inflight') return s;
  const msgs = s.msgs.slice();
  if (m.attempts >= ctx.params.maxAttempts) {
    setMsg(msgs, id, (x) => ({ ...x, state: 'dead', consumer: null, doneAt: ctx.now }));
    ctx.note(`broker: m${id} dead-lettered after ${m.attempts} deliveries without an ack`);
    return { ...s, msgs, dlq: [...s.dlq, id] };
  }
  setMsg(msgs, id, (x) => ({ ...x, state: 'ready', consumer: null }));
  ctx.note(`broker: no ack for m${id} within ${ctx.params.visibilityMs} ms; visible again (attempt ${m.attempts} of ${ctx.params.maxAttempts})`);
  return dispatch({ ...s, msgs, ready: [...s.ready, id] }, ctx);
}

function onConsumer(s: Consumer, msg: QueueMsg, ctx: QCtx): Consumer {
  if (msg.type !== 'deliver') return s;
  if (s.busy) return s; // prefetch 1: cannot happen unless the broker misbehaves
  ctx.cancelTimer('poll');
  ctx.setTimer('work', ctx.random.sample(ctx.params.process));
  return { ...s, busy: { id: msg.id, attempt: msg.attempt, poison: msg.poison } };
}

function onConsumerTimer(s: Consumer, name: string, ctx: QCtx): Consumer {
  if (name === 'poll') {
    if (!s.busy && !s.paused) askForWork(ctx);
    return s;
  }
  if (name !== 'work' || !s.busy) return s;
  const b = s.busy;
  let next: Consumer = { ...s, busy: null };
  if (b.poison) {
    ctx.note(`${ctx.self}: m${b.id} is poison; the handler throws, no ack`);
    next = { ...next, failures: s.failures + 1 };
  } else {
    const again = s.processed.includes(b.id);
    if (again) ctx.note(`${ctx.self} processes m${b.id} again (delivery ${b.attempt}): at-least-once means duplicates`);
    ctx.send('broker', { type: 'ack', id: b.id });
    next = { ...next, processed: [...s.processed, b.id] };
  }
  if (!s.paused) askForWork(ctx);
  return next;
}

/** Tell the broker this consumer is free, and ask again later in case the request is lost (long polling). */
function askForWork(ctx: QCtx): void {
  ctx.send('broker', { type: 'ready' });
  ctx.setTimer('poll', POLL_MS);
}

/** The queue protocol. */
export const queueProtocol: Protocol<QueueParams, QueueNode, QueueMsg, QueueCmd> = {
  id: 'svc-queue',
  defaults: queueDefaults,
  sanitizeParams: sanitizeQueueParams,
  topology: (p) => ({ nodes: ['producer', 'broker', ...consumerIds(p.consumers)], net: { defaults: { latency: p.latency, loss: 0, dup: 0, fifo: false } } }),
  initNode(id, ctx) {
    if (id === 'producer') {
      if (ctx.params.publishEveryMs > 0) ctx.setTimer('tick', ctx.params.publishEveryMs);
      return { role: 'producer', next: 1, everyMs: ctx.params.publishEveryMs, unconfirmed: [] };
    }
    if (id === 'broker') return { role: 'broker', msgs: [], ready: [], idle: [], dlq: [], duplicateAcks: 0 };
    askForWork(ctx);
    return { role: 'consumer', paused: false, busy: null, processed: [], failures: 0 };
  },
  onMessage(s, msg, from, ctx) {
    if (s.role === 'broker') return onBroker(s, msg, from, ctx);
    if (s.role === 'consumer') return onConsumer(s, msg, ctx);
    if (msg.type === 'confirm') {
      const unconfirmed = s.unconfirmed.filter((u) => u.id !== msg.id);
      if (unconfirmed.length === 0) ctx.cancelTimer('resend');
      return { ...s, unconfirmed };
    }
    return s;
  },
  onTimer(s, name, ctx) {
    if (s.role === 'producer') {
      if (name === 'resend') {
        for (const u of s.unconfirmed) ctx.send('broker', { type: 'publish', id: u.id, poison: u.poison });
        if (s.unconfirmed.length > 0) ctx.setTimer('resend', RESEND_MS);
        return s;
      }
      if (name !== 'tick' || s.everyMs <= 0) return s;
      ctx.setTimer('tick', s.everyMs);
      return publish(s, false, ctx);
    }
    if (s.role === 'broker') return onBrokerTimer(s, name, ctx);
    return onConsumerTimer(s, name, ctx);
  },
  onCommand(s, cmd, ctx) {
    if (s.role === 'producer') {
      if (cmd.type === 'q/flood') {
        let p = s;
        for (let i = 0; i < cmd.count; i++) p = publish(p, false, ctx);
        ctx.note(`producer floods the queue with ${cmd.count} messages`);
        return p;
      }
      if (cmd.type === 'q/poison') {
        ctx.note(`producer publishes a poison message (m${s.next})`);
        return publish(s, true, ctx);
      }
      if (cmd.type === 'q/rate') {
        if (cmd.everyMs > 0) ctx.setTimer('tick', cmd.everyMs);
        else ctx.cancelTimer('tick');
        ctx.note(cmd.everyMs > 0 ? `producer now publishes every ${cmd.everyMs} ms` : 'producer stops publishing');
        return { ...s, everyMs: cmd.everyMs };
      }
      return s;
    }
    if (s.role !== 'consumer') return s;
    if (cmd.type === 'q/stop' && !s.paused) {
      ctx.note(`${ctx.self} stops taking messages`);
      return { ...s, paused: true };
    }
    if (cmd.type === 'q/resume' && s.paused) {
      ctx.note(`${ctx.self} resumes`);
      if (!s.busy) askForWork(ctx);
      return { ...s, paused: false };
    }
    return s;
  },
  commandTarget(cmd, p) {
    if (cmd.type === 'q/stop' || cmd.type === 'q/resume') return consumerIds(p.consumers).includes(cmd.consumer) ? cmd.consumer : null;
    return 'producer';
  },
  parseCommand(raw) {
    if (typeof raw !== 'object' || raw === null) return null;
    const r = raw as Record<string, unknown>;
    switch (r.type) {
      case 'q/flood':
        return typeof r.count === 'number' && Number.isInteger(r.count) && r.count >= 1 && r.count <= MAX_FLOOD ? { type: 'q/flood', count: r.count } : null;
      case 'q/poison':
        return { type: 'q/poison' };
      case 'q/rate':
        return isPeriod(r.everyMs, 60_000) ? { type: 'q/rate', everyMs: r.everyMs } : null;
      case 'q/stop':
      case 'q/resume':
        return typeof r.consumer === 'string' && /^C[1-3]$/.test(r.consumer) ? { type: r.type, consumer: r.consumer } : null;
      default:
        return null;
    }
  },
  // A consumer loses the message it was working on (and its pause); side effects it already made stay.
  onCrash: (s) => (s.role === 'consumer' ? { ...s, busy: null, paused: false } : s),
  onRestart(s, ctx) {
    if (s.role === 'consumer') askForWork(ctx);
    if (s.role === 'broker') {
      // The broker's log is durable but its timers are not: every message in flight counts as
      // unacknowledged, back to the queue or, out of attempts, to the dead-letter queue.
      const ready = s.ready.slice();
      const dlq = s.dlq.slice();
      const msgs = s.msgs.map((m) => {
        if (!m || m.state !== 'inflight') return m;
        if (m.attempts >= ctx.params.maxAttempts) {
          dlq.push(m.id);
          return { ...m, state: 'dead' as const, consumer: null, doneAt: ctx.now };
        }
        ready.push(m.id);
        return { ...m, state: 'ready' as const, consumer: null };
      });
      return { ...s, msgs, ready, dlq, idle: [] };
    }
    if (s.role === 'producer' && s.unconfirmed.length > 0) ctx.setTimer('resend', RESEND_MS);
    if (s.role === 'producer' && s.everyMs > 0) ctx.setTimer('tick', s.everyMs);
    return s;
  },
  describe(m) {
    switch (m.type) {
      case 'publish':
        return `publish m${m.id}${m.poison ? ' (poison)' : ''}`;
      case 'deliver':
        return `deliver m${m.id}${m.attempt > 1 ? ` (attempt ${m.attempt})` : ''}`;
      case 'ack':
        return `ack m${m.id}`;
      case 'confirm':
        return `confirm m${m.id}`;
      case 'ready':
        return 'ready';
    }
  },
  describeCommand(c) {
    switch (c.type) {
      case 'q/flood':
        return `flood ${c.count}`;
      case 'q/poison':
        return 'publish poison';
      case 'q/rate':
        return c.everyMs > 0 ? `publish every ${c.everyMs} ms` : 'stop publishing';
      case 'q/stop':
        return `stop ${c.consumer}`;
      case 'q/resume':
        return `resume ${c.consumer}`;
    }
  },
  scenarios: [],
};

/** World state of the queue. */
export type QueueState = WorldState<QueueParams, QueueNode, QueueMsg>;

/** Counts a view (and the conservation property) reads. */
export interface QueueCounts {
  readonly published: number;
  /** Published messages the broker has not stored yet (the producer resends them until confirmed). */
  readonly inTransit: number;
  readonly ready: number;
  readonly inflight: number;
  readonly acked: number;
  readonly dead: number;
  /** Published but not yet acked or dead-lettered (consumer lag, in messages). */
  readonly lag: number;
  /** Age of the oldest message not yet acked or dead-lettered (ms). */
  readonly oldestMs: number;
  /** Successful processings beyond the first of each message. */
  readonly duplicates: number;
  readonly processed: number;
}

/** Derive the queue's counts from the world state. */
export function queueCounts(s: QueueState): QueueCounts {
  const prod = s.nodes.producer.state as Producer;
  const broker = s.nodes.broker.state as Broker;
  let ready = 0;
  let inflight = 0;
  let acked = 0;
  let dead = 0;
  let oldest = Infinity;
  for (const m of broker.msgs) {
    if (!m) continue;
    if (m.state === 'ready') ready++;
    else if (m.state === 'inflight') inflight++;
    else if (m.state === 'acked') acked++;
    else dead++;
    if ((m.state === 'ready' || m.state === 'inflight') && m.publishedAt < oldest) oldest = m.publishedAt;
  }
  // Published but not stored yet: the producer still holds it unconfirmed (and will resend it).
  const inTransit = prod.unconfirmed.filter((u) => !broker.msgs[u.id - 1]).length;
  let processed = 0;
  const seen = new Set<number>();
  for (const id of s.nodeIds) {
    const n = s.nodes[id].state;
    if (n.role !== 'consumer') continue;
    for (const x of n.processed) {
      processed++;
      seen.add(x);
    }
  }
  return {
    published: prod.next - 1,
    inTransit,
    ready,
    inflight,
    acked,
    dead,
    lag: ready + inflight + inTransit,
    oldestMs: oldest === Infinity ? 0 : s.now - oldest,
    duplicates: processed - seen.size,
    processed,
  };
}

/** Scenario type for the queue. */
export type QueueScenario = Scenario<QueueParams, WorldAction | QueueCmd>;

/** Build a mechanism for the queue with the given scenarios. */
export const queueMechanismWith = (scenarios: readonly QueueScenario[]) => worldMechanism({ ...queueProtocol, scenarios });
