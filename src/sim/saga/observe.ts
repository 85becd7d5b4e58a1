/**
 * Pure observers over a saga run. The saga's history is rebuilt from the services' own effect
 * records (ghost state), the same in both modes, so the checker does not trust the orchestrator.
 *
 * Semantic atomicity (Garcia-Molina & Salem 1987 §1): a saga ends having run T1…Tn, or T1…Tj and
 * then Cj…C1. Checked here as: every effect at most once; no compensation of a step that never ran
 * (or before it ran); the pivot never compensated; and, if the saga did not complete, every completed
 * compensatable step compensated, in reverse order.
 */
import type { NodeId, Time } from '../core/types';
import type { WorldState } from '../core/world';
import { PIVOT, STEPS, stepIndex } from './steps';
import { SERVICES, type Effect, type SagaId, type SagaMsg, type SagaNode, type SagaParams, type ServiceState, type StepName } from './types';

/** The world state of a saga run. */
export type SagaWorld = WorldState<SagaParams, SagaNode, SagaMsg>;

/** Where a saga stands, as reconstructed from the services. */
export type SagaStatus = 'running' | 'completed' | 'compensated' | 'unwinding';

/** One saga's reconstructed history and verdict. */
export interface SagaReport {
  readonly saga: SagaId;
  readonly status: SagaStatus;
  /** Effects in time order. */
  readonly effects: readonly Effect[];
  /** Steps whose forward effect happened (first time). */
  readonly done: readonly StepName[];
  /** Steps compensated (first time), in the order they were compensated. */
  readonly undone: readonly StepName[];
  /** The first business failure, if any. */
  readonly failure: { readonly step: StepName; readonly at: Time } | null;
  /** Time from the failure to the last compensation (null if it has not finished unwinding). */
  readonly unwindMs: Time | null;
  /** Broken rules (empty when semantically atomic so far). */
  readonly problems: readonly string[];
}

function services(w: SagaWorld): ServiceState[] {
  return SERVICES.filter((n) => w.nodes[n]).map((n) => w.nodes[n].state as ServiceState);
}

/** Every effect of one saga across all services, in time order (ties by step order). */
export function sagaEffects(w: SagaWorld, saga: SagaId): Effect[] {
  const all = services(w).flatMap((s) => s.effects.filter((e) => e.saga === saga));
  return all.sort((a, b) => a.at - b.at || stepIndex(a.step) - stepIndex(b.step));
}

/** Reconstruct and check one saga. `finished` asks for the end-state rules too (use after a run settles). */
export function sagaReport(w: SagaWorld, saga: SagaId, finished = false): SagaReport {
  const effects = sagaEffects(w, saga);
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const done: StepName[] = [];
  const undone: StepName[] = [];
  const doAt: Partial<Record<StepName, Time>> = {};
  for (const e of effects) {
    const k = `${e.op}:${e.step}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
    if (seen.get(k) === 2) problems.push(`${e.op === 'do' ? STEPS[stepIndex(e.step)].label : STEPS[stepIndex(e.step)].undo} ran twice`);
    if (e.op === 'do') {
      if (doAt[e.step] === undefined) {
        doAt[e.step] = e.at;
        done.push(e.step);
      }
    } else {
      if (stepIndex(e.step) === PIVOT) problems.push('the pivot was compensated');
      if (doAt[e.step] === undefined) problems.push(`${STEPS[stepIndex(e.step)].undo} ran for a step that never ran`);
      if (!undone.includes(e.step)) undone.push(e.step);
    }
  }
  const compensatable = done.filter((s) => STEPS[stepIndex(s)].kind === 'compensatable');
  const complete = STEPS.every((s) => done.includes(s.name));
  const pastPivot = done.includes(STEPS[PIVOT].name);
  if (pastPivot && undone.length > 0) problems.push('compensation after the pivot');
  // Reverse order: the compensations happened in decreasing step order.
  for (let i = 1; i < undone.length; i++) if (stepIndex(undone[i]) > stepIndex(undone[i - 1])) problems.push(`compensations out of order (${undone.join(' then ')})`);
  const allUndone = compensatable.every((s) => undone.includes(s));
  const failed = failureOf(w, saga) !== null;
  const over = ended(w, saga);
  let status: SagaStatus = 'running';
  if (complete) status = 'completed';
  else if ((over || failed || undone.length > 0) && allUndone && !pastPivot && (over || failed || undone.length === compensatable.length)) status = 'compensated';
  else if (over || failed || undone.length > 0) status = 'unwinding';
  if (finished && !complete) {
    if (pastPivot) problems.push('passed the pivot but did not complete');
    else if (!allUndone) problems.push(`not compensated: ${compensatable.filter((s) => !undone.includes(s)).join(', ')}`);
  }
  const failure = failureOf(w, saga);
  const lastUndo = effects.filter((e) => e.op === 'undo').reduce((m, e) => Math.max(m, e.at), -Infinity);
  const unwindMs = failure && status === 'compensated' ? (Number.isFinite(lastUndo) ? Math.max(0, lastUndo - failure.at) : 0) : null;
  return { saga, status, effects, done, undone, failure, unwindMs, problems: [...new Set(problems)] };
}

/**
 * Whether the coordination side considers the saga over: the orchestrator logged its end, or (in
 * choreography) ORD closed the order. A saga abandoned before any step ran has no effects to show.
 */
function ended(w: SagaWorld, saga: SagaId): boolean {
  const o = w.nodes.O?.state;
  if (o && o.role === 'orchestrator') return o.log.some((r) => r.saga === saga && (r.kind === 'completed' || r.kind === 'compensated'));
  const ord = w.nodes.ORD?.state as ServiceState | undefined;
  const st = ord?.orders[saga];
  return st === 'completed' || st === 'rejected';
}

/** The first non-retriable business failure of a saga (retriable failures are retried, not unwound). */
function failureOf(w: SagaWorld, saga: SagaId): { step: StepName; at: Time } | null {
  let best: { step: StepName; at: Time } | null = null;
  for (const s of services(w)) {
    for (const f of s.failures) {
      if (f.saga !== saga || STEPS[stepIndex(f.step)].kind === 'retriable') continue;
      if (!best || f.at < best.at) best = { step: f.step, at: f.at };
    }
  }
  return best;
}

/** Isolation anomalies visible in the services' data. */
export interface Anomalies {
  /** A saga refused for lack of stock that another saga held and later released. */
  readonly dirtyRead: readonly SagaId[];
  /** Units in stock plus units reserved no longer equal the stock at the start. */
  readonly stockDrift: number;
  /** Orders confirmed although the customer cancelled them. */
  readonly lostCancel: readonly SagaId[];
}

/** Detect the isolation anomalies of chapter 13 (Richardson 2018 §4.3). */
export function anomalies(w: SagaWorld): Anomalies {
  const inv = w.nodes.INV?.state as ServiceState | undefined;
  const ord = w.nodes.ORD?.state as ServiceState | undefined;
  const dirtyRead: SagaId[] = [];
  let stockDrift = 0;
  if (inv) {
    for (const [saga, holders] of Object.entries(inv.refusedWhile)) {
      if (holders.some((h) => inv.effects.some((e) => e.saga === h && e.step === 'reserve' && e.op === 'undo'))) dirtyRead.push(saga);
    }
    const reserved = Object.values(inv.reservations).reduce((a, r) => a + r.qty, 0);
    stockDrift = inv.stock + reserved - w.params.stock;
  }
  const lostCancel = ord ? ord.cancelRequested.filter((s) => ord.orders[s] === 'confirmed' || ord.orders[s] === 'completed') : [];
  return { dirtyRead, stockDrift, lostCancel };
}

/** A service's rows for the view: what it holds for each saga. */
export interface ServiceRow {
  readonly node: NodeId;
  readonly up: boolean;
  readonly stock: number | null;
  readonly rows: readonly { readonly saga: SagaId; readonly step: StepName; readonly status: string; readonly pending: boolean }[];
  readonly orders: Readonly<Record<SagaId, string>>;
}

/** The services' data as the view shows it. */
export function serviceRows(w: SagaWorld): ServiceRow[] {
  return SERVICES.filter((n) => w.nodes[n]).map((n) => {
    const s = w.nodes[n].state as ServiceState;
    const rows = Object.entries(s.steps).map(([k, status]) => {
      const [saga, step] = k.split(':') as [SagaId, StepName];
      return { saga, step, status, pending: step === 'reserve' && s.reservations[saga]?.pending === true && w.params.counter.semanticLock };
    });
    return { node: n, up: w.nodes[n].up, stock: n === 'INV' ? s.stock : null, rows, orders: s.orders };
  });
}
