/** Pure selectors for the timeout lab: timeout and FLP states → pictures and tables. */
import type { Tagged, TraceEntry } from '../../sim/core';
import {
  FLP_PROCS,
  TRUTH_TEXT,
  callTruths,
  calls,
  executed,
  isCritical,
  sampleValence,
  timeoutInFlight,
  type FlpAction,
  type FlpMsg,
  type FlpState,
  type ServerNode,
  type TimeoutAction,
  type TimeoutState,
} from '../../sim/timeout';
import type { ClusterModel, Tone } from '../shared';
import { messageViews } from '../shared/viewModel';
import { traceView } from '../../sim/core';

/** One row of the "client's view vs what really happened" table. */
export interface CallRow {
  readonly id: number;
  readonly clientSaw: string;
  readonly truth: string;
  readonly workDone: string;
  readonly tone: Tone;
}

/** Client and server with the link between them; messages come from the kernel's in-flight list. */
export function timeoutCluster(s: TimeoutState): ClusterModel {
  const cs = calls(s);
  const waiting = cs.filter((c) => c.status === 'waiting');
  const last = cs[cs.length - 1];
  const clientLine = waiting.length
    ? `waiting on #${waiting[0].id}: ${Math.max(0, Math.round(waiting[0].deadline - s.now))} ms left`
    : last
      ? last.status === 'ok'
        ? `#${last.id} ok`
        : `#${last.id} timed out`
      : 'idle';
  const server = s.nodes.server;
  const working = (server.state as ServerNode).working.length;
  const messages = messageViews(
    timeoutInFlight(s),
    (m) => `${m.msg.type} #${m.msg.call}`,
    (m) => (m.msg.type === 'reply' ? 'ok' : undefined),
  );
  return {
    nodes: [
      { id: 'client', label: 'client', up: true, lines: [clientLine], tone: last && last.status === 'timed-out' && !waiting.length ? 'warn' : undefined },
      { id: 'server', label: 'server', up: server.up, lines: [server.up ? (working ? `working (${working})` : 'idle') : 'down'], tone: server.up ? undefined : 'bad' },
    ],
    groups: null,
    messages,
  };
}

/** The client's view next to the truth, one row per call. */
export function callRows(s: TimeoutState, trace: readonly TraceEntry[]): CallRow[] {
  const truth = callTruths(s, trace);
  const done = executed(s);
  return calls(s).map((c) => {
    const t = truth.get(c.id) ?? 'in-flight';
    return {
      id: c.id,
      clientSaw: c.status === 'waiting' ? 'waiting…' : c.status === 'ok' ? `reply after ${Math.round(c.doneAt! - c.sentAt)} ms` : `timed out at ${Math.round(c.deadline - c.sentAt)} ms`,
      truth: TRUTH_TEXT[t],
      workDone: done[c.id] !== undefined ? 'yes' : t === 'in-flight' ? '?' : 'no',
      tone: c.status === 'ok' ? 'ok' : c.status === 'waiting' ? 'muted' : t === 'late-reply' || t === 'reply-lost' ? 'warn' : 'bad',
    };
  });
}

/** False alarms: calls that timed out although the server was alive and did the work. */
export function falseAlarms(s: TimeoutState): { timedOut: number; aliveAnyway: number } {
  const timedOut = calls(s).filter((c) => c.status === 'timed-out');
  const done = executed(s);
  return { timedOut: timedOut.length, aliveAnyway: timedOut.filter((c) => done[c.id] !== undefined).length };
}

/** Current mean one-way latency and loss of the client→server link (for the controls). */
export function linkNow(s: TimeoutState): { latency: number; loss: number } {
  const l = s.net.links['client>server'] ?? s.net.defaults;
  const d = l.latency;
  const mean = d.kind === 'uniform' ? (d.min + d.max) / 2 : d.kind === 'constant' ? d.value : d.kind === 'mixture' && d.parts[0].dist.kind === 'uniform' ? (d.parts[0].dist.min + d.parts[0].dist.max) / 2 : NaN;
  return { latency: Math.round(mean), loss: l.loss };
}

const show = (v: number | null) => (v === null ? '⊥' : String(v));

/** Message text for FLP lists. */
export function flpMsgText(m: FlpMsg): string {
  return `${m.from}→${m.to} ${m.kind} r${m.round} ${show(m.v)}`;
}

/** Three processes with their value, round and decision; pending messages wait mid-link. */
export function flpCluster(s: FlpState): ClusterModel {
  return {
    nodes: FLP_PROCS.map((id) => {
      const p = s.procs[id];
      return {
        id,
        label: id,
        up: true,
        lines: [`x=${p.x} (input ${p.input})`, `round ${p.round}, phase ${p.phase}`],
        badge: p.decided !== null ? `decided ${p.decided}` : undefined,
        tone: p.decided !== null ? ('ok' as const) : undefined,
      };
    }),
    groups: null,
    messages: s.pending.map((m) => ({ id: m.id, from: m.from, to: m.to, sentAt: m.sentAt, label: flpMsgText(m), tone: m.kind === 'decide' ? ('ok' as const) : undefined })),
  };
}

/** Pending messages with the adversary's verdict on each. */
export function flpPending(s: FlpState): { msg: FlpMsg; text: string; critical: boolean }[] {
  return s.pending.map((m) => ({ msg: m, text: flpMsgText(m), critical: isCritical(s, m) }));
}

const valenceCache = new WeakMap<FlpState, readonly number[]>();

/** Decisions still reachable (memoised per state object: sampling runs continuations). */
export function flpValence(s: FlpState): readonly number[] {
  let v = valenceCache.get(s);
  if (!v) {
    v = sampleValence(s).reachable;
    valenceCache.set(s, v);
  }
  return v;
}

/** One sentence on where the run stands. */
export function flpStatus(s: FlpState): string {
  const decided = FLP_PROCS.map((id) => s.procs[id].decided).filter((d) => d !== null);
  const deliveries = traceView(s.trace).filter((e) => e.kind === 'deliver').length;
  if (decided.length === 3) return `All three decided ${decided[0]} after ${deliveries} deliveries.`;
  const v = flpValence(s);
  const valence =
    v.length === 2
      ? 'Bivalent: from here some schedule decides 0 and another decides 1.'
      : v.length === 1
        ? `Only ${v[0]} was reached in sampled continuations: the outcome looks fixed (${v[0]}-valent).`
        : 'No sampled continuation decided.';
  return `${deliveries} deliveries, ${decided.length ? `${decided.length} decided so far` : 'no decision'}; the adversary postponed ${s.postponed} critical messages. ${valence}`;
}

/** Short description of a logged action (timeline markers). */
export function describeTimeoutAction(a: Tagged): string {
  const x = a as TimeoutAction | FlpAction;
  switch (x.type) {
    case 'client/call':
      return 'client calls';
    case 'node/crash':
      return `${x.node} crashes`;
    case 'node/restart':
      return `${x.node} restarts`;
    case 'net/link':
      return `link ${x.from}→${x.to}${x.both ? ' (both ways)' : ''}: ${x.latency ? 'latency changed ' : ''}${x.loss !== undefined ? `loss ${Math.round(x.loss * 100)}%` : ''}`;
    case 'flp/deliver':
      return `deliver message #${x.msg}`;
    case 'flp/scheduler':
      return `scheduler: ${x.mode}`;
    default:
      return a.type;
  }
}
