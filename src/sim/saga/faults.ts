/**
 * Random saga runs for the properties and the `saga` experiment, drawn from the kernel's PRNG:
 * business failures per step, transiently failing compensations, duplicating links, slow links
 * that trip the orchestrator's timeout, and crashes of the orchestrator and of services (each
 * restarted). The broker is never crashed: a publish sent to a down broker is lost, and the lab's
 * services have no outbox to resend it, which would stall a choreographed saga for a reason
 * this lab is not about.
 */
import type { LogEntry, RunSpec } from '../core/types';
import type { WorldAction } from '../core/actions';
import { cloneRng, createRng, intMut, nextFloatMut } from '../core/rng';
import { replay } from '../core/replay';
import { worldMechanism } from '../core/world';
import { sagaProtocol, sagaDefaults } from './protocol';
import { ORCHESTRATOR, SERVICES, type SagaCmd, type SagaMode, type SagaParams } from './types';
import { anomalies, sagaReport, type SagaReport, type SagaWorld } from './observe';

type A = WorldAction | SagaCmd;

/** Knobs of the random runs. */
export interface SagaFaultOptions {
  readonly mode: SagaMode | 'either';
  /** Per-step failure probability (each forward attempt). */
  readonly failRate: number;
  readonly undoFailRate: number;
  /** Chance of a duplicating link, of a slow link, of an orchestrator crash, of a service crash. */
  readonly dup: number;
  readonly slow: number;
  readonly crash: number;
  readonly serviceCrash: number;
  /** Run two concurrent sagas. */
  readonly two: boolean;
  readonly idempotent: boolean;
  /** Units in stock (default: random 2–6, so some orders find too little). */
  readonly stock?: number;
}

/** A random run (deterministic in `seed`). */
export function randomSagaSpec(seed: number, o: SagaFaultOptions): RunSpec<SagaParams, A> {
  const r = cloneRng(createRng(seed, 'saga-faults'));
  const f = (): number => nextFloatMut(r);
  const mode: SagaMode = o.mode === 'either' ? (f() < 0.5 ? 'orchestration' : 'choreography') : o.mode;
  const sagas = [{ id: 's1', at: 10, qty: intMut(r, 1, 3) }];
  if (o.two) sagas.push({ id: 's2', at: intMut(r, 10, 80), qty: intMut(r, 1, 3) });
  const params: SagaParams = {
    ...sagaDefaults,
    mode,
    sagas,
    stock: o.stock ?? intMut(r, 2, 6),
    idempotent: o.idempotent,
    failRate: o.failRate,
    undoFailRate: o.undoFailRate,
    onTimeout: f() < 0.5 ? 'compensate' : 'query',
  };
  const head = mode === 'orchestration' ? ORCHESTRATOR : 'B';
  const nodes = [head, ...SERVICES];
  const pick = (): string => nodes[intMut(r, 0, nodes.length - 1)];
  const log: LogEntry<A>[] = [];
  if (f() < o.dup) {
    const a = pick();
    const b = SERVICES[intMut(r, 0, SERVICES.length - 1)];
    if (a !== b) log.push({ at: 0, action: { type: 'net/link', from: a, to: b, dup: 0.5, both: true } });
  }
  if (f() < o.slow) {
    const a = pick();
    const b = SERVICES[intMut(r, 0, SERVICES.length - 1)];
    const at = intMut(r, 0, 120);
    if (a !== b) {
      log.push({ at, action: { type: 'net/link', from: b, to: a, latency: { kind: 'uniform', min: 80, max: 250 } } });
      log.push({ at: at + intMut(r, 50, 400), action: { type: 'net/link', from: b, to: a, latency: sagaDefaults.latency } });
    }
  }
  if (mode === 'orchestration' && f() < o.crash) {
    const at = intMut(r, 10, 200);
    log.push({ at, action: { type: 'node/crash', node: ORCHESTRATOR } }, { at: at + intMut(r, 10, 400), action: { type: 'node/restart', node: ORCHESTRATOR } });
  }
  if (f() < o.serviceCrash) {
    const n = SERVICES[intMut(r, 0, SERVICES.length - 1)];
    const at = intMut(r, 10, 200);
    log.push({ at, action: { type: 'node/crash', node: n } }, { at: at + intMut(r, 10, 300), action: { type: 'node/restart', node: n } });
  }
  return { mechanism: 'saga', seed, params, log: log.sort((x, y) => x.at - y.at) };
}

/** A saga mechanism with the trace off, for experiments and properties. */
export const sagaFast = worldMechanism(sagaProtocol, { trace: false });

/** Run a spec until `horizon` and check every saga. */
export function runSagaTrial(spec: RunSpec<SagaParams, A>, horizon = 6000): { world: SagaWorld; reports: SagaReport[]; stockDrift: number } {
  const world = replay(sagaFast, spec, horizon) as SagaWorld;
  const reports = spec.params.sagas.map((s) => sagaReport(world, s.id, true));
  return { world, reports, stockDrift: anomalies(world).stockDrift };
}
