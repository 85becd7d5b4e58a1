/**
 * Orchestration: one orchestrator drives each saga step by step and keeps a durable saga log
 * (Garcia-Molina & Salem 1987 §5, the "saga execution component"; the event history of workflow
 * engines such as Temporal). Every decision is logged before it is acted on, so after a crash the
 * orchestrator rebuilds each saga from its log and re-sends the request it was waiting on. That
 * re-send is a duplicate whenever the request had in fact arrived: services must be idempotent.
 *
 * On a business failure of a compensatable step or the pivot, it compensates the completed steps
 * in reverse order; a failed compensation is retried until it succeeds. A step after the pivot is
 * retried until it succeeds. A late reply is handled by `onTimeout`: 'compensate' treats the step as
 * failed and compensates it too (the service turns an undo of a step that never ran into a tombstone);
 * 'query' asks the service whether the step ran. A late pivot is always queried: it may have
 * committed, and nothing can compensate it.
 */
import type { Ctx } from '../core/protocol';
import type { NodeId } from '../core/types';
import { PIVOT, STEPS, stepIndex } from './steps';
import type { OpKind, OrchestratorState, SagaId, SagaLogKind, SagaLogRecord, SagaMsg, SagaParams, SagaRun, StepName } from './types';

type OCtx = Ctx<SagaMsg, SagaParams>;

/** A fresh orchestrator: each saga starts at its time. */
export function initOrchestrator(ctx: OCtx): OrchestratorState {
  for (const sg of ctx.params.sagas) ctx.setTimer(`start:${sg.id}`, sg.at);
  return { role: 'orchestrator', log: [], runs: {} };
}

function write(s: OrchestratorState, saga: SagaId, kind: SagaLogKind, ctx: OCtx, step?: StepName): OrchestratorState {
  const rec: SagaLogRecord = step === undefined ? { saga, kind, at: ctx.now } : { saga, kind, step, at: ctx.now };
  return { ...s, log: [...s.log, rec] };
}

function setRun(s: OrchestratorState, r: SagaRun): OrchestratorState {
  return { ...s, runs: { ...s.runs, [r.id]: r } };
}

function send(ctx: OCtx, saga: SagaId, step: StepName, op: OpKind, attempt: number): void {
  ctx.send(STEPS[stepIndex(step)].service as NodeId, { type: 'op', saga, step, op, attempt });
  ctx.setTimer(`t:${saga}`, ctx.params.timeoutMs);
}

/** Issue the forward step `k` (logging it first). */
function request(s: OrchestratorState, r: SagaRun, k: number, attempt: number, ctx: OCtx): OrchestratorState {
  const step = STEPS[k].name;
  send(ctx, r.id, step, 'do', attempt);
  return setRun(write(s, r.id, 'requested', ctx, step), { ...r, phase: 'forward', step: k, attempt, querying: false });
}

/** Continue unwinding from index `from` downwards: compensate the next completed compensatable step. */
function unwind(s: OrchestratorState, r: SagaRun, from: number, ctx: OCtx, uncertain: StepName | null = null): OrchestratorState {
  for (let j = from; j >= 0; j--) {
    const st = STEPS[j];
    if (st.kind !== 'compensatable' || !(r.done.includes(st.name) || st.name === uncertain)) continue;
    send(ctx, r.id, st.name, 'undo', 1);
    return setRun(write(s, r.id, 'undo-requested', ctx, st.name), { ...r, phase: 'unwinding', step: j, attempt: 1, querying: false });
  }
  ctx.cancelTimer(`t:${r.id}`);
  ctx.note(`O: saga ${r.id} is fully compensated`);
  return setRun(write(s, r.id, 'compensated', ctx), { ...r, phase: 'compensated', querying: false });
}

/** A forward step completed. */
function stepDone(s: OrchestratorState, r: SagaRun, ctx: OCtx): OrchestratorState {
  const step = STEPS[r.step].name;
  const next = { ...r, done: [...r.done, step] };
  const logged = write(s, r.id, 'done', ctx, step);
  if (r.step === PIVOT) ctx.note(`O: ${r.id} passed the pivot (order confirmed); from here it only goes forward`);
  if (r.step + 1 < STEPS.length) return request(logged, next, r.step + 1, 1, ctx);
  ctx.cancelTimer(`t:${r.id}`);
  ctx.note(`O: saga ${r.id} completed`);
  return setRun(write(logged, r.id, 'completed', ctx), { ...next, phase: 'completed' });
}

/** A forward step failed for good: compensate what ran, in reverse. */
function stepFailed(s: OrchestratorState, r: SagaRun, ctx: OCtx): OrchestratorState {
  const step = STEPS[r.step].name;
  ctx.note(`O: ${step} failed for ${r.id}; compensating steps ${r.step}…1 in reverse`);
  return unwind(write(s, r.id, 'failed', ctx, step), r, r.step - 1, ctx);
}

/** Try the same request again after `retryMs` (a busy or failed compensation, or a retriable step). */
function retryLater(s: OrchestratorState, r: SagaRun, ctx: OCtx): OrchestratorState {
  ctx.cancelTimer(`t:${r.id}`);
  ctx.setTimer(`r:${r.id}`, ctx.params.retryMs);
  return setRun(s, { ...r, querying: false });
}

/** The orchestrator's message handler: replies from services. */
export function orchestratorMessage(s: OrchestratorState, msg: SagaMsg, _from: NodeId, ctx: OCtx): OrchestratorState {
  if (msg.type !== 'reply') return s;
  const r = s.runs[msg.saga];
  if (!r || r.phase === 'completed' || r.phase === 'compensated' || STEPS[r.step]?.name !== msg.step) return s;
  const kind = STEPS[r.step].kind;
  if (r.phase === 'forward' && (msg.op === 'do' || msg.op === 'query')) {
    if (msg.op === 'query') {
      if (!r.querying) return s;
      if (msg.result === 'ok') {
        ctx.note(`O: ${msg.step} for ${r.id} did run; the reply was only late`);
        return stepDone(s, r, ctx);
      }
      ctx.note(`O: ${msg.step} for ${r.id} never ran (and now never will)`);
      return kind === 'retriable' ? request(s, r, r.step, r.attempt + 1, ctx) : stepFailed(s, r, ctx);
    }
    if (msg.result === 'ok') return stepDone(s, r, ctx);
    if (msg.result === 'busy' || kind === 'retriable') return retryLater(s, r, ctx);
    return stepFailed(s, r, ctx);
  }
  if (r.phase === 'unwinding' && msg.op === 'undo') {
    if (msg.result !== 'ok') return retryLater(s, r, ctx);
    return unwind(write(s, r.id, 'undone', ctx, msg.step), r, r.step - 1, ctx);
  }
  return s;
}

/** The orchestrator's timers: saga starts, step timeouts and retries. */
export function orchestratorTimer(s: OrchestratorState, name: string, ctx: OCtx): OrchestratorState {
  const p = ctx.params;
  if (name.startsWith('start:')) {
    const id = name.slice(6);
    if (s.runs[id] || s.log.some((x) => x.saga === id)) return s;
    ctx.note(`O starts saga ${id}`);
    const r: SagaRun = { id, phase: 'forward', step: 0, done: [], attempt: 1, querying: false };
    return request(write(s, id, 'started', ctx), r, 0, 1, ctx);
  }
  const retry = name.startsWith('r:');
  if (!retry && !name.startsWith('t:')) return s;
  const r = s.runs[name.slice(2)];
  if (!r || r.phase === 'completed' || r.phase === 'compensated') return s;
  const step = STEPS[r.step];
  // Compensations are re-sent until they succeed, whether they failed or went unanswered.
  if (r.phase === 'unwinding') {
    send(ctx, r.id, step.name, 'undo', r.attempt + 1);
    return setRun(s, { ...r, attempt: r.attempt + 1 });
  }
  // Forward: a scheduled retry, or a timeout of a step that may only be retried, or of a query.
  if (retry || step.kind === 'retriable' || r.querying) return request(s, r, r.step, r.attempt + 1, ctx);
  const logged = write(s, r.id, 'timed-out', ctx, step.name);
  // The pivot may have committed, and a pivot cannot be compensated: its outcome must be learned,
  // never guessed, whatever the policy for other steps.
  if (p.onTimeout === 'query' || step.kind === 'pivot') {
    ctx.note(`O: no reply to ${step.name} for ${r.id}; asking ${step.service} whether it ran`);
    send(ctx, r.id, step.name, 'query', r.attempt);
    return setRun(logged, { ...r, querying: true });
  }
  ctx.note(`O: no reply to ${step.name} for ${r.id}; treating it as failed and compensating it too`);
  return unwind(logged, r, r.step, ctx, step.name);
}

/** Rebuild every saga from the log (what a restarted orchestrator knows). */
export function rebuild(log: readonly SagaLogRecord[]): Record<SagaId, SagaRun & { uncertain: StepName | null; pending: OpKind | null }> {
  const runs: Record<SagaId, SagaRun & { uncertain: StepName | null; pending: OpKind | null }> = {};
  for (const rec of log) {
    const r = runs[rec.saga];
    const k = rec.step ? stepIndex(rec.step) : 0;
    switch (rec.kind) {
      case 'started':
        runs[rec.saga] = { id: rec.saga, phase: 'forward', step: 0, done: [], attempt: 1, querying: false, uncertain: null, pending: null };
        break;
      case 'requested':
        runs[rec.saga] = { ...r, step: k, pending: 'do' };
        break;
      case 'done':
        runs[rec.saga] = { ...r, done: [...r.done, rec.step as StepName], pending: null };
        break;
      case 'failed':
        runs[rec.saga] = { ...r, phase: 'unwinding', pending: null };
        break;
      case 'timed-out':
        runs[rec.saga] = { ...r, uncertain: rec.step ?? null };
        break;
      case 'undo-requested':
        runs[rec.saga] = { ...r, phase: 'unwinding', step: k, pending: 'undo' };
        break;
      case 'undone':
        runs[rec.saga] = { ...r, pending: null };
        break;
      case 'completed':
        runs[rec.saga] = { ...r, phase: 'completed', pending: null };
        break;
      case 'compensated':
        runs[rec.saga] = { ...r, phase: 'compensated', pending: null };
        break;
    }
  }
  return runs;
}

/** A crash keeps the saga log and loses everything in memory. */
export function crashOrchestrator(s: OrchestratorState): OrchestratorState {
  return { ...s, runs: {} };
}

/** Recovery: rebuild from the log and re-issue what each unfinished saga was waiting on. */
export function restartOrchestrator(s0: OrchestratorState, ctx: OCtx): OrchestratorState {
  let s = s0;
  const runs = rebuild(s.log);
  for (const sg of ctx.params.sagas) {
    if (!runs[sg.id]) ctx.setTimer(`start:${sg.id}`, Math.max(0, sg.at - ctx.now));
  }
  for (const id of Object.keys(runs)) {
    const { uncertain, pending, ...r } = runs[id];
    if (r.phase === 'completed' || r.phase === 'compensated') {
      s = setRun(s, r);
      continue;
    }
    const step = STEPS[r.step].name;
    if (pending === 'do') {
      ctx.note(`O recovers ${id} from its log: re-sending ${step} (a duplicate if it had arrived)`);
      s = setRun(s, r);
      send(ctx, id, step, 'do', r.attempt + 1);
      s = setRun(s, { ...r, attempt: r.attempt + 1 });
    } else if (pending === 'undo') {
      ctx.note(`O recovers ${id} from its log: re-sending the compensation of ${step}`);
      send(ctx, id, step, 'undo', r.attempt + 1);
      s = setRun(s, { ...r, attempt: r.attempt + 1 });
    } else if (r.phase === 'unwinding') {
      ctx.note(`O recovers ${id} from its log and continues compensating`);
      s = unwind(s, r, r.step - 1, ctx, uncertain);
    } else {
      ctx.note(`O recovers ${id} from its log and continues`);
      s = r.step + 1 < STEPS.length ? request(s, r, r.step + 1, 1, ctx) : setRun(s, r);
    }
  }
  return s;
}
