/**
 * Pure selectors from a saga world to what SagaLab draws: each saga's step track (with the
 * compensation front while it unwinds), the services' data, the orchestrator's saga log or the
 * broker's event trail, the verdict, and the one "what just happened, and why" caption.
 */
import { inFlight, type WorldAction } from '../../sim/core';
import type { Tagged, TraceEntry } from '../../sim/core';
import {
  anomalies,
  route,
  sagaReport,
  serviceRows,
  STEPS,
  type BrokerState,
  type OrchestratorState,
  type SagaCmd,
  type SagaMsg,
  type SagaWorld,
  type ServiceState,
  type StepName,
} from '../../sim/saga';

/** How a step stands in one saga. */
export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'compensating' | 'compensated';

/** One box of a saga's track. */
export interface StepBox {
  readonly name: StepName;
  readonly kind: 'compensatable' | 'pivot' | 'retriable';
  readonly status: StepStatus;
  /** Times the forward effect ran (2 or more is a duplicate). */
  readonly runs: number;
  /** Times the compensation ran. */
  readonly undos: number;
}

/** One saga's track. */
export interface SagaTrack {
  readonly saga: string;
  readonly status: 'running' | 'completed' | 'compensated' | 'unwinding';
  /** The status in words: a saga refused at its first step had nothing to compensate, so it simply aborted. */
  readonly label: string;
  readonly steps: readonly StepBox[];
  /** While unwinding: the step being compensated and how far its request has travelled (0–1). */
  readonly front: { readonly step: StepName; readonly progress: number } | null;
  readonly problems: readonly string[];
}

/** Steps with a request (or an event that triggers one) in flight, and compensations likewise. */
function inFlightOps(w: SagaWorld): { saga: string; step: StepName; op: 'do' | 'undo'; progress: number }[] {
  const out: { saga: string; step: StepName; op: 'do' | 'undo'; progress: number }[] = [];
  for (const f of inFlight(w)) {
    const m = f.msg as SagaMsg;
    const progress = f.arrive > f.sent ? Math.min(1, Math.max(0, (w.now - f.sent) / (f.arrive - f.sent))) : 1;
    if (m.type === 'op' && (m.op === 'do' || m.op === 'undo')) out.push({ saga: m.saga, step: m.step, op: m.op, progress });
    if (m.type === 'deliver') {
      const r = route(m.event);
      if (r && r.step && (r.op === 'do' || r.op === 'undo')) out.push({ saga: m.event.saga, step: r.step, op: r.op, progress });
    }
  }
  return out;
}

/** Every saga's track. */
export function tracks(w: SagaWorld): SagaTrack[] {
  const ops = inFlightOps(w);
  return w.params.sagas.map((sg) => {
    const rep = sagaReport(w, sg.id);
    const count = (step: StepName, op: 'do' | 'undo') => rep.effects.filter((e) => e.step === step && e.op === op).length;
    const steps = STEPS.map((st): StepBox => {
      const runs = count(st.name, 'do');
      const undos = count(st.name, 'undo');
      const flying = ops.filter((o) => o.saga === sg.id && o.step === st.name);
      let status: StepStatus = 'pending';
      if (undos > 0) status = 'compensated';
      else if (flying.some((o) => o.op === 'undo')) status = 'compensating';
      else if (runs > 0) status = 'done';
      else if (rep.failure?.step === st.name) status = 'failed';
      else if (flying.some((o) => o.op === 'do')) status = 'running';
      return { name: st.name, kind: st.kind, status, runs, undos };
    });
    const undoing = ops.filter((o) => o.saga === sg.id && o.op === 'undo').sort((a, b) => b.progress - a.progress)[0];
    return {
      saga: sg.id,
      status: rep.status,
      label: rep.status === 'compensated' && rep.effects.length === 0 ? 'aborted (nothing to undo)' : rep.status,
      steps,
      front: undoing ? { step: undoing.step, progress: undoing.progress } : null,
      problems: rep.problems,
    };
  });
}

/** One line of a service's data. */
export interface DataLine {
  readonly text: string;
  readonly tone?: 'ok' | 'warn' | 'bad' | 'muted';
}

/** A service's data block. */
export interface ServiceBlock {
  readonly node: string;
  readonly title: string;
  readonly up: boolean;
  readonly lines: readonly DataLine[];
}

const TITLES: Record<string, string> = { INV: 'INV inventory', PAY: 'PAY payments', SHIP: 'SHIP shipping', ORD: 'ORD orders' };
const WORD: Record<string, [string, string]> = {
  reserve: ['reserved', 'released'],
  authorise: ['authorised', 'refunded'],
  book: ['booked', 'cancelled'],
  confirm: ['confirmed', '—'],
  capture: ['captured', '—'],
  allocate: ['allocated', '—'],
};

/** Each service's own rows, as that service would show them. */
export function serviceBlocks(w: SagaWorld): ServiceBlock[] {
  return serviceRows(w).map((r) => {
    const s = w.nodes[r.node].state as ServiceState;
    const lines: DataLine[] = [];
    if (r.stock !== null) lines.push({ text: `${r.stock} units free (of ${w.params.stock})`, tone: anomalies(w).stockDrift !== 0 ? 'bad' : undefined });
    for (const row of r.rows) {
      const runs = s.effects.filter((e) => e.saga === row.saga && e.step === row.step && e.op === 'do').length;
      const undos = s.effects.filter((e) => e.saga === row.saga && e.step === row.step && e.op === 'undo').length;
      const [did, undid] = WORD[row.step];
      let text = `${row.saga}: ${row.status === 'done' ? did : row.status === 'undone' ? `${did}, then ${undid}` : row.status === 'failed' ? `${row.step} failed` : `${row.step} refused (tombstone)`}`;
      if (row.step === 'reserve' && s.reservations[row.saga]) text += ` ${s.reservations[row.saga].qty}`;
      if (row.pending) text += ' PENDING';
      if (runs > 1) text += ` ×${runs}!`;
      if (undos > 1) text += ` (${undid} ×${undos}!)`;
      lines.push({ text, tone: runs > 1 || undos > 1 ? 'bad' : row.status === 'undone' ? 'muted' : row.status === 'failed' ? 'warn' : row.pending ? 'warn' : 'ok' });
    }
    if (r.node === 'ORD') for (const [saga, st] of Object.entries(s.orders)) lines.push({ text: `order ${saga}: ${st.toUpperCase()}${s.cancelRequested.includes(saga) && st !== 'cancelled' ? ' (customer had cancelled!)' : ''}`, tone: s.cancelRequested.includes(saga) && (st === 'confirmed' || st === 'completed') ? 'bad' : undefined });
    return { node: r.node, title: TITLES[r.node], up: r.up, lines };
  });
}

/** The coordination record: O's durable saga log, or the broker's event trail (newest last). */
export function coordinationLines(w: SagaWorld, max = 8): { title: string; lines: string[]; total: number } {
  const o = w.nodes.O?.state as OrchestratorState | undefined;
  if (o && o.role === 'orchestrator') {
    const all = o.log.map((r) => `${Math.round(r.at)} ${r.saga} ${r.kind}${r.step ? ` ${r.step}` : ''}`);
    return { title: `O's saga log (durable${w.nodes.O.up ? '' : '; O is down'})`, lines: all.slice(-max), total: all.length };
  }
  const b = w.nodes.B?.state as BrokerState | undefined;
  const all = (b?.events ?? []).map((e) => `${e.id} ${e.saga} ${e.step === 'start' ? 'OrderCreated' : `${e.step} ${e.result}`}`);
  return { title: 'Broker B: the event trail (no node holds the saga)', lines: all.slice(-max), total: all.length };
}

/** The verdict line: each saga's outcome, and any broken rule or anomaly. */
export function verdict(w: SagaWorld): { tone: 'ok' | 'warn' | 'bad' | 'muted'; text: string } {
  const ts = tracks(w);
  const an = anomalies(w);
  const bad: string[] = [];
  for (const t of ts) for (const p of t.problems) bad.push(`${t.saga}: ${p}`);
  if (an.dirtyRead.length) bad.push(`${an.dirtyRead.join(', ')} refused on stock another saga later released (dirty read)`);
  if (an.stockDrift !== 0) bad.push(`stock is off by ${an.stockDrift} (lost update)`);
  if (an.lostCancel.length) bad.push(`${an.lostCancel.join(', ')} confirmed after the customer cancelled`);
  const outcome = ts.map((t) => `${t.saga} ${t.label}`).join(', ');
  if (bad.length) return { tone: 'bad', text: `${outcome}. ${bad.join('; ')}.` };
  if (ts.every((t) => t.status === 'completed' || t.status === 'compensated')) return { tone: 'ok', text: `${outcome}: semantically atomic.` };
  return { tone: ts.some((t) => t.status === 'unwinding') ? 'warn' : 'muted', text: `${outcome}.` };
}

const KINDS = new Set(['note', 'crash', 'restart', 'partition', 'heal', 'action']);

/** Why things stand as they do (second half of the caption). */
export function why(w: SagaWorld): string {
  const ts = tracks(w);
  const an = anomalies(w);
  const p = w.params;
  if (ts.some((t) => t.problems.some((x) => /twice/.test(x)))) return 'The copy looked like a new request to a service that does not remember what it has done; an idempotent service answers it from its records instead.';
  if (an.stockDrift !== 0) return 'A compensation that restores an old value erases what other sagas did meanwhile; adding back what was taken commutes with them.';
  if (an.dirtyRead.length) return 'Sagas commit each step at once, so others see stock that may still come back: there is no isolation between sagas.';
  if (an.lostCancel.length) return 'Confirm wrote its value without rereading the order, so it silently undid the customer’s change.';
  if (ts.some((t) => t.status === 'unwinding')) return 'A saga cannot roll back: each completed step is undone by its own compensating transaction, newest first, and a compensation is retried until it succeeds.';
  if (p.mode === 'orchestration' && !w.nodes.O?.up) return 'O’s memory is gone, but every decision it made is in its saga log; on restart it replays the log and re-sends what it was waiting for.';
  if (ts.every((t) => t.status === 'completed')) return 'Past the pivot a saga only goes forward: the steps after it are retried until they succeed, never compensated.';
  if (ts.every((t) => t.status === 'compensated' || t.status === 'completed')) return 'Every step that ran was either kept or compensated: the saga is semantically atomic, though others could see its intermediate states.';
  return p.mode === 'orchestration' ? 'O logs each step before it asks for it, so it can always pick up where it left off.' : 'Each service reacts to the previous service’s event; nobody sees the whole saga.';
}

/** The caption: the latest thing that happened, then why it matters. */
export function stepCaption(trace: readonly TraceEntry[], w: SagaWorld): string {
  let last: TraceEntry | undefined;
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i];
    if (e.t <= w.now && KINDS.has(e.kind)) {
      last = e;
      break;
    }
  }
  if (!last) return `An order saga of six local transactions, ${w.params.mode === 'orchestration' ? 'driven by an orchestrator' : 'choreographed through events'}. Press Play to run it.`;
  const what = last.label.trim();
  return `${Math.round(last.t)} ms: ${what.charAt(0).toUpperCase()}${what.slice(1)}${/[.!?]$/.test(what) ? '' : '.'} ${why(w)}`;
}

/** Plain words for a logged reader action. */
export function describeSagaAction(a: Tagged): string {
  const x = a as WorldAction | SagaCmd;
  switch (x.type) {
    case 'saga/cancel':
      return `customer cancels order ${x.saga}`;
    case 'node/crash':
      return `crash ${x.node}`;
    case 'node/restart':
      return `restart ${x.node}`;
    case 'net/link':
      return `change link ${x.from}→${x.to}`;
    case 'net/heal':
      return 'heal the network';
    default:
      return x.type;
  }
}
