/**
 * A service's local transactions: run a step, compensate it, or answer whether it ran. Each call is
 * one local ACID transaction on the service's own data; nothing locks across services, which is
 * why sagas lack isolation (Garcia-Molina & Salem 1987 §1; Richardson 2018 §4.3).
 *
 * Idempotent services (the default) decide from the step's recorded status: a repeated `do` of a
 * step already done answers "ok" without doing it again, a repeated `undo` likewise, and an `undo`
 * or `query` for a step that never ran leaves a tombstone so that the late request is refused.
 * A non-idempotent service applies whatever it is sent, which is what the lab shows breaking.
 */
import type { Ctx } from '../core/protocol';
import { stepDef } from './steps';
import type { OpKind, OpResult, SagaId, SagaMsg, SagaParams, ServiceName, ServiceState, StepName } from './types';

type SCtx = Ctx<SagaMsg, SagaParams>;

/** A fresh service with its initial data. */
export function initService(name: ServiceName, p: SagaParams): ServiceState {
  return {
    role: 'service',
    name,
    stock: name === 'INV' ? p.stock : 0,
    reservations: {},
    steps: {},
    orders: {},
    seen: {},
    undoFailures: {},
    effects: [],
    refusedWhile: {},
    handled: [],
    failures: [],
    cancelRequested: [],
  };
}

const key = (saga: SagaId, step: StepName): string => `${saga}:${step}`;

function effect(s: ServiceState, saga: SagaId, step: StepName, op: 'do' | 'undo', ctx: SCtx): ServiceState {
  return { ...s, effects: [...s.effects, { saga, step, op, at: ctx.now }] };
}

/** Does this attempt of a forward step fail (a business failure)? */
function fails(saga: SagaId, step: StepName, attempt: number, ctx: SCtx): boolean {
  const p = ctx.params;
  const spec = p.sagas.find((x) => x.id === saga);
  const retriable = stepDef(step).kind === 'retriable';
  // A scripted failure of a retriable step is transient: its first attempt fails, the retry succeeds.
  if (spec?.fail === step && (!retriable || attempt === 1)) return true;
  return p.failRate > 0 && ctx.random.float() < p.failRate;
}

/** Apply a step's effect to the data (the local transaction itself). */
function applyDo(s: ServiceState, saga: SagaId, step: StepName, ctx: SCtx): { s: ServiceState; result: OpResult } {
  const p = ctx.params;
  const qty = p.sagas.find((x) => x.id === saga)?.qty ?? 1;
  if (step === 'reserve') {
    if (qty > s.stock) {
      const holders = Object.keys(s.reservations).filter((o) => o !== saga);
      const pendingQty = holders.reduce((a, o) => a + (s.reservations[o].pending ? s.reservations[o].qty : 0), 0);
      if (p.counter.semanticLock && s.stock + pendingQty >= qty) {
        ctx.note(`INV: only ${s.stock} free; ${pendingQty} are PENDING for another saga, so ${saga} is told to wait`);
        return { s, result: 'busy' };
      }
      ctx.note(`INV: ${saga} wants ${qty}, only ${s.stock} free: out of stock`);
      return { s: { ...s, refusedWhile: { ...s.refusedWhile, [saga]: holders } }, result: 'failed' };
    }
    const reservations = { ...s.reservations, [saga]: { qty, pending: true, before: s.stock } };
    return { s: { ...s, stock: s.stock - qty, reservations }, result: 'ok' };
  }
  if (step === 'allocate') {
    const r = s.reservations[saga];
    if (!r) return { s, result: 'ok' };
    return { s: { ...s, reservations: { ...s.reservations, [saga]: { ...r, pending: false } } }, result: 'ok' };
  }
  if (step === 'confirm') {
    if (p.counter.reread && s.orders[saga] === 'cancelled') {
      ctx.note(`ORD rereads order ${saga} before confirming: the customer cancelled it, so confirm fails`);
      return { s, result: 'failed' };
    }
    if (s.cancelRequested.includes(saga)) ctx.note(`ORD confirms ${saga} without rereading it, overwriting the customer's cancellation`);
    return { s: { ...s, orders: { ...s.orders, [saga]: 'confirmed' } }, result: 'ok' };
  }
  return { s, result: 'ok' };
}

/** Apply a compensation's effect. */
function applyUndo(s: ServiceState, saga: SagaId, step: StepName, ctx: SCtx): ServiceState {
  if (step !== 'reserve') return s;
  const r = s.reservations[saga];
  const qty = r?.qty ?? ctx.params.sagas.find((x) => x.id === saga)?.qty ?? 1;
  const rest = { ...s.reservations };
  delete rest[saga];
  if (!ctx.params.counter.commutative && r) {
    if (r.before !== s.stock + qty) ctx.note(`INV restores its before-image (${r.before} free) for ${saga}, wiping out what other sagas did since`);
    return { ...s, stock: r.before, reservations: rest };
  }
  return { ...s, stock: s.stock + qty, reservations: rest };
}

/** Run one operation (a local transaction) and say what happened. */
export function runOp(s0: ServiceState, saga: SagaId, step: StepName, op: OpKind, attempt: number, ctx: SCtx): { s: ServiceState; result: OpResult } {
  const p = ctx.params;
  const k = key(saga, step);
  const status = s0.steps[k];
  const def = stepDef(step);
  if (op === 'query') {
    if (status === 'done' || status === 'undone') return { s: s0, result: 'ok' };
    // Never ran: leave a tombstone so a late request for it is refused.
    return { s: { ...s0, steps: { ...s0.steps, [k]: 'refused' } }, result: 'not-run' };
  }
  if (op === 'do') {
    if (p.idempotent && status === 'done') return { s: s0, result: 'ok' };
    // A step that failed stays failed: a redelivered request must not turn a failure into a success.
    if (p.idempotent && status === 'failed') return { s: s0, result: 'failed' };
    if (p.idempotent && (status === 'refused' || status === 'undone')) {
      ctx.note(`${s0.name} refuses a late ${step} for ${saga}: it was already compensated or abandoned`);
      return { s: s0, result: 'failed' };
    }
    if (fails(saga, step, attempt, ctx)) {
      ctx.note(`${s0.name}: ${def.label} fails for ${saga}`);
      const failures = [...s0.failures, { saga, step, at: ctx.now }];
      return { s: { ...s0, failures, steps: def.kind === 'retriable' ? s0.steps : { ...s0.steps, [k]: 'failed' } }, result: 'failed' };
    }
    const { s, result } = applyDo(s0, saga, step, ctx);
    if (result === 'busy') return { s, result };
    if (result === 'failed') return { s: { ...s, failures: [...s.failures, { saga, step, at: ctx.now }], steps: { ...s.steps, [k]: 'failed' } }, result };
    if (status === 'done') ctx.note(`${s0.name} runs ${step} for ${saga} a second time: it is not idempotent`);
    return { s: effect({ ...s, steps: { ...s.steps, [k]: 'done' } }, saga, step, 'do', ctx), result: 'ok' };
  }
  // undo
  if (def.kind !== 'compensatable') return { s: s0, result: 'ok' };
  if (p.idempotent && status !== 'done') {
    if (status === undefined) return { s: { ...s0, steps: { ...s0.steps, [k]: 'refused' } }, result: 'ok' };
    return { s: s0, result: 'ok' };
  }
  const flaky = p.flakyUndo && p.flakyUndo.step === step ? p.flakyUndo.times : 0;
  const failed = s0.undoFailures[k] ?? 0;
  if (failed < flaky || (p.undoFailRate > 0 && ctx.random.float() < p.undoFailRate)) {
    ctx.note(`${s0.name}: ${def.undo} for ${saga} fails (attempt ${failed + 1}); it will be retried`);
    return { s: { ...s0, undoFailures: { ...s0.undoFailures, [k]: failed + 1 } }, result: 'failed' };
  }
  if (status === 'undone') ctx.note(`${s0.name} runs ${def.undo} for ${saga} a second time: it is not idempotent`);
  if (status !== 'done' && status !== 'undone') ctx.note(`${s0.name} runs ${def.undo} for ${saga}, whose ${step} never ran`);
  const s = applyUndo(s0, saga, step, ctx);
  return { s: effect({ ...s, steps: { ...s.steps, [k]: 'undone' } }, saga, step, 'undo', ctx), result: 'ok' };
}

/** The customer cancels an order (ORD only). */
export function cancelOrder(s: ServiceState, saga: SagaId, ctx: SCtx): ServiceState {
  if (s.name !== 'ORD') return s;
  ctx.note(`The customer cancels order ${saga} while its saga is running`);
  return { ...s, orders: { ...s.orders, [saga]: 'cancelled' }, cancelRequested: [...s.cancelRequested, saga] };
}
