/**
 * Choreography: no orchestrator. Each service reacts to the previous service's event on a broker and
 * publishes its own (Richardson 2018 §4.2.1). The broker delivers each event to the one service that
 * reacts to it and redelivers until that service acks (at-least-once), so a consumer must drop
 * events it has already handled. A failure event travels backwards through the same chain: each
 * service compensates and publishes that it did, which is what makes the unwinding run in reverse.
 *
 * Nothing here holds the saga's state: it exists only as the trail of events and the services'
 * own rows, which is why the lab has to reconstruct it (observe.ts) to show it.
 */
import type { Ctx } from '../core/protocol';
import type { NodeId } from '../core/types';
import { STEPS, stepIndex } from './steps';
import { runOp } from './service';
import { BROKER, type BrokerState, type SagaEvent, type SagaMsg, type SagaParams, type ServiceState, type StepName } from './types';

type CCtx = Ctx<SagaMsg, SagaParams>;

/** What the reacting service does with an event. */
export interface Reaction {
  readonly node: NodeId;
  readonly op: 'do' | 'undo' | 'finish' | 'reject';
  readonly step: StepName | null;
}

/** The subscription table: which service reacts to an event, and how. */
export function route(e: Pick<SagaEvent, 'step' | 'result'>): Reaction | null {
  const k = e.step === 'start' ? -1 : stepIndex(e.step);
  const at = (i: number, op: 'do' | 'undo'): Reaction => ({ node: STEPS[i].service, op, step: STEPS[i].name });
  switch (e.result) {
    case 'started':
      return at(0, 'do');
    case 'done':
      return k + 1 < STEPS.length ? at(k + 1, 'do') : { node: 'ORD', op: 'finish', step: null };
    case 'failed':
    case 'undone':
      return k > 0 ? at(k - 1, 'undo') : { node: 'ORD', op: 'reject', step: null };
  }
}

/** A fresh broker. */
export function initBroker(): BrokerState {
  return { role: 'broker', events: [], unacked: [] };
}

function deliver(ctx: CCtx, e: SagaEvent, to: NodeId): void {
  ctx.send(to, { type: 'deliver', event: e });
  ctx.setTimer(`rd:${e.id}`, ctx.params.retryMs);
}

/** The broker's message handler: publishes and acks. */
export function brokerMessage(s: BrokerState, msg: SagaMsg, _from: NodeId, ctx: CCtx): BrokerState {
  if (msg.type === 'publish') {
    const e: SagaEvent = { ...msg.event, id: `e${s.events.length + 1}`, at: ctx.now };
    const r = route(e);
    if (!r) return { ...s, events: [...s.events, e] };
    deliver(ctx, e, r.node);
    return { ...s, events: [...s.events, e], unacked: [...s.unacked, e.id] };
  }
  if (msg.type === 'ack') {
    if (!s.unacked.includes(msg.id)) return s;
    ctx.cancelTimer(`rd:${msg.id}`);
    return { ...s, unacked: s.unacked.filter((x) => x !== msg.id) };
  }
  return s;
}

/** Redelivery: an event not acked in time goes out again. */
export function brokerTimer(s: BrokerState, name: string, ctx: CCtx): BrokerState {
  if (!name.startsWith('rd:')) return s;
  const id = name.slice(3);
  const e = s.events.find((x) => x.id === id);
  const r = e && route(e);
  if (!e || !r || !s.unacked.includes(id)) return s;
  deliver(ctx, e, r.node);
  return s;
}

/** After a restart the broker redelivers everything still unacked (its log is durable). */
export function restartBroker(s: BrokerState, ctx: CCtx): BrokerState {
  for (const id of s.unacked) {
    const e = s.events.find((x) => x.id === id);
    const r = e && route(e);
    if (e && r) deliver(ctx, e, r.node);
  }
  return s;
}

function publish(ctx: CCtx, saga: string, step: StepName | 'start', result: SagaEvent['result']): void {
  ctx.send(BROKER, { type: 'publish', event: { saga, step, result } });
}

/** A service handles a delivered event: react, publish the outcome, ack — or leave it unacked to be retried. */
export function serviceDeliver(s0: ServiceState, e: SagaEvent, ctx: CCtx): ServiceState {
  const p = ctx.params;
  if (p.idempotent && s0.handled.includes(e.id)) {
    ctx.send(BROKER, { type: 'ack', id: e.id });
    return s0;
  }
  const r = route(e);
  if (!r || r.node !== ctx.self) return s0;
  const done = (s: ServiceState): ServiceState => {
    ctx.send(BROKER, { type: 'ack', id: e.id });
    return { ...s, handled: [...s.handled, e.id] };
  };
  if (r.op === 'finish' || r.op === 'reject') {
    const status = r.op === 'finish' ? 'completed' : 'rejected';
    ctx.note(`ORD: saga ${e.saga} ${r.op === 'finish' ? 'completed' : 'is fully compensated; the order is rejected'}`);
    return done({ ...s0, orders: { ...s0.orders, [e.saga]: status } });
  }
  const step = r.step as StepName;
  const attempt = 1 + s0.failures.filter((f) => f.saga === e.saga && f.step === step).length;
  const { s, result } = runOp(s0, e.saga, step, r.op, attempt, ctx);
  const retriable = STEPS[stepIndex(step)].kind === 'retriable';
  if (result === 'busy' || (result === 'failed' && (r.op === 'undo' || retriable))) return s; // no ack: the broker redelivers
  if (r.op === 'do') publish(ctx, e.saga, step, result === 'ok' ? 'done' : 'failed');
  else publish(ctx, e.saga, step, 'undone');
  return done(s);
}

/** ORD starts a saga by publishing its first event. */
export function startChoreography(s: ServiceState, saga: string, ctx: CCtx): ServiceState {
  if (s.orders[saga]) return s;
  ctx.note(`ORD creates order ${saga} (PENDING) and publishes OrderCreated`);
  publish(ctx, saga, 'start', 'started');
  return { ...s, orders: { ...s.orders, [saga]: 'pending' } };
}
