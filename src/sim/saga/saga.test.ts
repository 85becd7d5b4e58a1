import { describe, expect, it } from 'vitest';
import { replay } from '../core/replay';
import { anomalies, PIVOT, rebuild, route, sagaMechanism, sagaReport, sagaScenarios, sanitizeSagaParams, STEPS, type SagaWorld, type ServiceState, type OrchestratorState, type BrokerState } from '.';

function run(id: string, until?: number): SagaWorld {
  const sc = sagaScenarios.find((s) => s.id === id);
  if (!sc) throw new Error(id);
  return replay(sagaMechanism, { mechanism: 'saga', seed: sc.seed, params: sc.params, log: sc.log }, until ?? sc.until ?? 500) as SagaWorld;
}
const svc = (w: SagaWorld, n: string): ServiceState => w.nodes[n].state as ServiceState;

describe('saga scenarios', () => {
  it('completes: six steps, no compensation, stock taken', () => {
    const w = run('saga-completes');
    const r = sagaReport(w, 's1', true);
    expect(r.status).toBe('completed');
    expect(r.done).toEqual(STEPS.map((s) => s.name));
    expect(r.problems).toEqual([]);
    expect(svc(w, 'INV').stock).toBe(3);
  });

  it('booking fails: refund then release, in reverse, and the stock comes back', () => {
    const w = run('saga-unwinds');
    const r = sagaReport(w, 's1', true);
    expect(r.status).toBe('compensated');
    expect(r.undone).toEqual(['authorise', 'reserve']);
    expect(r.problems).toEqual([]);
    expect(r.unwindMs).toBe(40);
    expect(svc(w, 'INV').stock).toBe(5);
  });

  it('the pivot failing unwinds all three compensatable steps; the pivot itself is never compensated', () => {
    const r = sagaReport(run('pivot-fails'), 's1', true);
    expect(r.undone).toEqual(['book', 'authorise', 'reserve']);
    expect(r.undone).not.toContain(STEPS[PIVOT].name);
  });

  it('after the pivot a failure is retried, not compensated', () => {
    const w = run('retriable-after-pivot');
    const r = sagaReport(w, 's1', true);
    expect(r.status).toBe('completed');
    expect(r.undone).toEqual([]);
    expect(svc(w, 'PAY').failures.map((f) => f.step)).toEqual(['capture']);
  });

  it('the orchestrator resumes from its durable log; the re-sent request is a harmless duplicate', () => {
    const mid = run('orchestrator-crash-resumes', 100);
    const o = mid.nodes.O.state as OrchestratorState;
    expect(mid.nodes.O.up).toBe(false);
    expect(o.runs).toEqual({});
    expect(rebuild(o.log).s1.done).toEqual(['reserve']);
    const w = run('orchestrator-crash-resumes');
    const r = sagaReport(w, 's1', true);
    expect(r.status).toBe('completed');
    expect(r.problems).toEqual([]);
    expect(r.effects.filter((e) => e.step === 'authorise')).toHaveLength(1);
  });

  it('a duplicated refund runs twice on a service that is not idempotent, once on one that is', () => {
    const bad = sagaReport(run('duplicate-not-idempotent'), 's1', true);
    expect(bad.problems).toContain('refund ran twice');
    const sc = sagaScenarios.find((s) => s.id === 'duplicate-not-idempotent')!;
    const good = replay(sagaMechanism, { mechanism: 'saga', seed: 1, params: { ...sc.params, idempotent: true }, log: sc.log }, 300) as SagaWorld;
    expect(sagaReport(good, 's1', true).problems).toEqual([]);
  });

  it('a failing compensation is retried until it succeeds, and the unwinding waits for it', () => {
    const w = run('compensation-retried');
    const r = sagaReport(w, 's1', true);
    expect(svc(w, 'PAY').undoFailures['s1:authorise']).toBe(2);
    expect(r.undone).toEqual(['authorise', 'reserve']);
    expect(r.unwindMs).toBeGreaterThan(150);
  });

  it('timeout with compensation undoes the booking that did happen; with a query the saga goes forward', () => {
    const c = sagaReport(run('timeout-compensate'), 's1', true);
    expect(c.status).toBe('compensated');
    expect(c.undone).toEqual(['book', 'authorise', 'reserve']);
    expect(c.problems).toEqual([]);
    const q = sagaReport(run('timeout-query'), 's1', true);
    expect(q.status).toBe('completed');
    expect(q.problems).toEqual([]);
  });

  it('choreography unwinds in reverse through events, and only the broker’s event trail shows the whole story', () => {
    const w = run('choreography-unwinds');
    const r = sagaReport(w, 's1', true);
    expect(r.undone).toEqual(['authorise', 'reserve']);
    expect(svc(w, 'ORD').orders.s1).toBe('rejected');
    const b = w.nodes.B.state as BrokerState;
    expect(b.events.map((e) => `${e.step}:${e.result}`)).toEqual(['start:started', 'reserve:done', 'authorise:done', 'book:failed', 'authorise:undone', 'reserve:undone']);
    expect(w.nodes.O).toBeUndefined();
  });

  it('dirty read without a semantic lock; with PENDING the second saga waits and completes', () => {
    expect(anomalies(run('dirty-read')).dirtyRead).toEqual(['s2']);
    const w = run('semantic-lock');
    expect(anomalies(w).dirtyRead).toEqual([]);
    expect(sagaReport(w, 's2', true).status).toBe('completed');
  });

  it('lost update with before-image compensation; none with commutative updates', () => {
    expect(anomalies(run('lost-update')).stockDrift).toBe(3);
    expect(anomalies(run('commutative-update')).stockDrift).toBe(0);
    expect(svc(run('commutative-update'), 'INV').stock).toBe(7);
  });

  it('confirm overwrites a cancellation unless it rereads the order first', () => {
    expect(anomalies(run('cancel-overwritten')).lostCancel).toEqual(['s1']);
    const w = run('reread-before-acting');
    expect(anomalies(w).lostCancel).toEqual([]);
    expect(sagaReport(w, 's1', true).status).toBe('compensated');
  });

  it('scenario ids are unique; the first completes', () => {
    expect(new Set(sagaScenarios.map((s) => s.id)).size).toBe(sagaScenarios.length);
    expect(sagaScenarios[0].id).toBe('saga-completes');
  });
});

describe('pieces', () => {
  it('choreography routing: forward to the next service, failures and compensations backwards', () => {
    expect(route({ step: 'start', result: 'started' })).toEqual({ node: 'INV', op: 'do', step: 'reserve' });
    expect(route({ step: 'reserve', result: 'done' })).toEqual({ node: 'PAY', op: 'do', step: 'authorise' });
    expect(route({ step: 'book', result: 'failed' })).toEqual({ node: 'PAY', op: 'undo', step: 'authorise' });
    expect(route({ step: 'authorise', result: 'undone' })).toEqual({ node: 'INV', op: 'undo', step: 'reserve' });
    expect(route({ step: 'reserve', result: 'undone' })).toEqual({ node: 'ORD', op: 'reject', step: null });
    expect(route({ step: 'allocate', result: 'done' })).toEqual({ node: 'ORD', op: 'finish', step: null });
  });

  it('step kinds: three compensatable, the pivot, two retriable', () => {
    expect(STEPS.map((s) => s.kind)).toEqual(['compensatable', 'compensatable', 'compensatable', 'pivot', 'retriable', 'retriable']);
    expect(STEPS.filter((s) => s.undo).map((s) => s.undo)).toEqual(['release', 'refund', 'cancel']);
  });

  it('sanitizes bad params and never throws', () => {
    const r = sanitizeSagaParams({ mode: 'telepathy', stock: -4, failRate: 7, sagas: [{ qty: 0, fail: 'dance' }, 3], counter: { reread: 'yes' } });
    expect(r.value.mode).toBe('orchestration');
    expect(r.value.stock).toBe(0);
    expect(r.value.failRate).toBe(1);
    expect(r.value.sagas).toEqual([{ id: 's1', at: 10, qty: 1 }]);
    expect(r.value.counter.reread).toBe(false);
    expect(r.problems.length).toBeGreaterThanOrEqual(4);
  });

  it('parses only valid commands', () => {
    expect(sagaMechanism.parseAction({ type: 'saga/cancel', saga: 's1' })).toEqual({ type: 'saga/cancel', saga: 's1' });
    expect(sagaMechanism.parseAction({ type: 'saga/cancel', saga: 'x' })).toBeNull();
  });
});
