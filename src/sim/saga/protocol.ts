/**
 * The order saga (Garcia-Molina & Salem 1987) on the kernel's message-passing world, coordinated
 * by an orchestrator with a durable saga log (orchestrator.ts) or by choreography through a broker
 * (choreography.ts). Services are nodes whose databases survive crashes (service.ts).
 */
import type { Protocol } from '../core/protocol';
import type { NodeId, Sanitized } from '../core/types';
import type { WorldAction } from '../core/actions';
import { sanitizeDist } from '../core/dist';
import { clampInteger, clampNumber } from '../core/clamp';
import { crashOrchestrator, initOrchestrator, orchestratorMessage, orchestratorTimer, restartOrchestrator } from './orchestrator';
import { brokerMessage, brokerTimer, initBroker, restartBroker, serviceDeliver, startChoreography } from './choreography';
import { cancelOrder, initService, runOp } from './service';
import { STEPS } from './steps';
import { BROKER, ORCHESTRATOR, SERVICES, type SagaCmd, type SagaMsg, type SagaNode, type SagaParams, type SagaSpec, type ServiceName, type ServiceState } from './types';
import { sagaScenarios } from './scenarios';

/** Default parameters: one orchestrated saga of 2 units from a stock of 5, idempotent services. */
export const sagaDefaults: SagaParams = {
  mode: 'orchestration',
  sagas: [{ id: 's1', at: 10, qty: 2 }],
  stock: 5,
  idempotent: true,
  failRate: 0,
  undoFailRate: 0,
  flakyUndo: null,
  timeoutMs: 100,
  onTimeout: 'compensate',
  retryMs: 60,
  latency: { kind: 'uniform', min: 5, max: 15 },
  counter: { semanticLock: false, commutative: true, reread: false },
};

const STEP_NAMES = STEPS.map((s) => s.name) as readonly string[];

/** Validate untrusted parameters; never throws. */
export function sanitizeSagaParams(raw: unknown): Sanitized<SagaParams> {
  const d = sagaDefaults;
  if (typeof raw !== 'object' || raw === null) return { value: d, problems: raw === undefined ? [] : ['params: not an object; using the defaults'] };
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  const num = (k: 'stock' | 'failRate' | 'undoFailRate' | 'timeoutMs' | 'retryMs', lo: number, hi: number): number =>
    r[k] === undefined ? d[k] : k === 'stock' ? clampInteger(r[k], lo, hi, d[k], k, problems) : clampNumber(r[k], lo, hi, d[k], k, problems);
  const bool = (v: unknown, dv: boolean, name: string): boolean => {
    if (v === undefined) return dv;
    if (typeof v === 'boolean') return v;
    problems.push(`${name} must be true or false; using ${dv}`);
    return dv;
  };
  let sagas: SagaSpec[] = [...d.sagas];
  if (r.sagas !== undefined) {
    const list = Array.isArray(r.sagas) ? r.sagas.slice(0, 2) : [];
    const ok = list.flatMap((x, i): SagaSpec[] => {
      if (typeof x !== 'object' || x === null) return [];
      const o = x as Record<string, unknown>;
      const at = clampNumber(o.at ?? 10, 0, 10_000, 10, `sagas[${i}].at`, problems);
      const qty = clampInteger(o.qty ?? 1, 1, 100, 1, `sagas[${i}].qty`, problems);
      const fail = typeof o.fail === 'string' && STEP_NAMES.includes(o.fail) ? (o.fail as SagaSpec['fail']) : undefined;
      return [fail ? { id: `s${i + 1}`, at, qty, fail } : { id: `s${i + 1}`, at, qty }];
    });
    if (ok.length === 0) problems.push('sagas must list one or two sagas; using the default');
    else sagas = ok;
  }
  const c = (typeof r.counter === 'object' && r.counter !== null ? r.counter : {}) as Record<string, unknown>;
  const fu = r.flakyUndo as Record<string, unknown> | null | undefined;
  const flakyUndo =
    fu && typeof fu === 'object' && typeof fu.step === 'string' && ['reserve', 'authorise', 'book'].includes(fu.step)
      ? { step: fu.step as SagaSpec['fail'] & string, times: clampInteger(fu.times, 0, 20, 1, 'flakyUndo.times', problems) }
      : null;
  const latency = r.latency === undefined ? { value: d.latency, problems: [] } : sanitizeDist(r.latency, d.latency, 'latency');
  problems.push(...latency.problems);
  return {
    value: {
      mode: r.mode === 'choreography' ? 'choreography' : 'orchestration',
      sagas,
      stock: num('stock', 0, 1000),
      idempotent: bool(r.idempotent, d.idempotent, 'idempotent'),
      failRate: num('failRate', 0, 1),
      undoFailRate: num('undoFailRate', 0, 0.95),
      flakyUndo: flakyUndo as SagaParams['flakyUndo'],
      timeoutMs: num('timeoutMs', 1, 10_000),
      onTimeout: r.onTimeout === 'query' ? 'query' : 'compensate',
      retryMs: num('retryMs', 5, 10_000),
      latency: latency.value,
      counter: {
        semanticLock: bool(c.semanticLock, d.counter.semanticLock, 'counter.semanticLock'),
        commutative: bool(c.commutative, d.counter.commutative, 'counter.commutative'),
        reread: bool(c.reread, d.counter.reread, 'counter.reread'),
      },
    },
    problems,
  };
}

const isService = (id: NodeId): id is ServiceName => (SERVICES as readonly string[]).includes(id);

/** The saga protocol (see the file comment). */
export const sagaProtocol: Protocol<SagaParams, SagaNode, SagaMsg, SagaCmd> = {
  id: 'saga',
  defaults: sagaDefaults,
  sanitizeParams: sanitizeSagaParams,
  topology(p) {
    const head = p.mode === 'orchestration' ? ORCHESTRATOR : BROKER;
    return { nodes: [head, ...SERVICES], net: { defaults: { latency: p.latency, loss: 0, dup: 0, fifo: false } } };
  },
  initNode(id, ctx) {
    if (id === ORCHESTRATOR) return initOrchestrator(ctx);
    if (id === BROKER) return initBroker();
    if (id === 'ORD' && ctx.params.mode === 'choreography') for (const sg of ctx.params.sagas) ctx.setTimer(`start:${sg.id}`, sg.at);
    return initService(id as ServiceName, ctx.params);
  },
  onMessage(s, msg, from, ctx) {
    if (s.role === 'orchestrator') return orchestratorMessage(s, msg, from, ctx);
    if (s.role === 'broker') return brokerMessage(s, msg, from, ctx);
    if (msg.type === 'deliver') return serviceDeliver(s, msg.event, ctx);
    if (msg.type !== 'op') return s;
    const { s: next, result } = runOp(s, msg.saga, msg.step, msg.op, msg.attempt, ctx);
    ctx.send(from, { type: 'reply', saga: msg.saga, step: msg.step, op: msg.op, attempt: msg.attempt, result });
    return next;
  },
  onTimer(s, name, ctx) {
    if (s.role === 'orchestrator') return orchestratorTimer(s, name, ctx);
    if (s.role === 'broker') return brokerTimer(s, name, ctx);
    if (name.startsWith('start:')) return startChoreography(s, name.slice(6), ctx);
    return s;
  },
  onCommand: (s, cmd, ctx) => (s.role === 'service' ? cancelOrder(s, cmd.saga, ctx) : s),
  commandTarget: () => 'ORD',
  parseCommand(raw) {
    if (typeof raw !== 'object' || raw === null) return null;
    const r = raw as Record<string, unknown>;
    return r.type === 'saga/cancel' && (r.saga === 's1' || r.saga === 's2') ? { type: 'saga/cancel', saga: r.saga } : null;
  },
  onCrash: (s) => (s.role === 'orchestrator' ? crashOrchestrator(s) : s),
  onRestart(s, ctx) {
    if (s.role === 'orchestrator') return restartOrchestrator(s, ctx);
    if (s.role === 'broker') return restartBroker(s, ctx);
    if (isService(ctx.self) && ctx.self === 'ORD' && ctx.params.mode === 'choreography') {
      for (const sg of ctx.params.sagas) if (!(s as ServiceState).orders[sg.id]) ctx.setTimer(`start:${sg.id}`, Math.max(0, sg.at - ctx.now));
    }
    return s;
  },
  describe(m) {
    switch (m.type) {
      case 'op': {
        const st = STEPS.find((x) => x.name === m.step);
        const what = m.op === 'do' ? st?.label : m.op === 'undo' ? st?.undo : `did ${m.step} run?`;
        return `${m.saga}: ${what}${m.attempt > 1 ? ` (#${m.attempt})` : ''}`;
      }
      case 'reply':
        return `${m.saga}: ${m.op === 'undo' ? STEPS.find((x) => x.name === m.step)?.undo : m.step} ${m.result}`;
      case 'publish':
        return `${m.event.saga}: ${m.event.step} ${m.event.result}`;
      case 'deliver':
        return `${m.event.id} ${m.event.saga}: ${m.event.step} ${m.event.result}`;
      case 'ack':
        return `ack ${m.id}`;
    }
  },
  describeCommand: (c) => `customer cancels order ${c.saga}`,
  describeWorldAction(a: WorldAction) {
    if (a.type === 'node/crash' && a.node === ORCHESTRATOR) return 'O crashed (its saga log survives)';
    if (a.type === 'node/restart' && a.node === ORCHESTRATOR) return 'O restarted and replays its saga log';
    return undefined;
  },
  scenarios: sagaScenarios,
};
