/** Pure selectors for the timeout lab: timeout and FLP states → pictures and tables. */
import type { Tagged } from '../../sim/core/types';
import {
  FLP_PROCS,
  TRUTH_TEXT,
  isCritical,
  sampleValence,
  type FlpAction,
  type FlpMsg,
  type FlpState,
  type TimeoutAction,
  type TimeoutState,
} from '../../sim/timeout';
import type { ClusterModel, MessageView, Tone } from '../shared';

/** One row of the "client's view vs what really happened" table. */
export interface CallRow {
  readonly id: number;
  readonly clientSaw: string;
  readonly truth: string;
  readonly workDone: string;
  readonly tone: Tone;
}

/** Client and server with the link between them. */
export function timeoutCluster(s: TimeoutState): ClusterModel {
  const waiting = s.calls.filter((c) => c.status === 'waiting');
  const last = s.calls[s.calls.length - 1];
  const clientLine = waiting.length
    ? `waiting on #${waiting[0].id}: ${Math.max(0, Math.round(waiting[0].deadline - s.now))} ms left`
    : last
      ? last.status === 'ok'
        ? `#${last.id} ok`
        : `#${last.id} timed out`
      : 'idle';
  const messages: MessageView[] = s.queue.flatMap((q) =>
    q.ev.kind === 'deliver'
      ? [
          {
            id: q.ev.msg.id,
            from: q.ev.msg.kind === 'request' ? 'client' : 'server',
            to: q.ev.msg.kind === 'request' ? 'server' : 'client',
            sentAt: q.ev.msg.sentAt,
            deliverAt: q.ev.msg.deliverAt,
            label: `${q.ev.msg.kind} #${q.ev.msg.call}`,
            tone: q.ev.msg.kind === 'reply' ? ('ok' as const) : undefined,
          },
        ]
      : [],
  );
  const working = s.queue.filter((q) => q.ev.kind === 'served').length;
  return {
    nodes: [
      { id: 'client', label: 'client', up: true, lines: [clientLine], tone: last && last.status === 'timed-out' && !waiting.length ? 'warn' : undefined },
      {
        id: 'server',
        label: 'server',
        up: s.serverUp,
        lines: [s.serverUp ? (working ? `working (${working})` : 'idle') : 'down'],
        tone: s.serverUp ? undefined : 'bad',
      },
    ],
    groups: null,
    messages,
  };
}

/** The client's view next to the truth, one row per call. */
export function callRows(s: TimeoutState): CallRow[] {
  return s.calls.map((c) => ({
    id: c.id,
    clientSaw: c.status === 'waiting' ? 'waiting…' : c.status === 'ok' ? `reply after ${Math.round(c.doneAt! - c.sentAt)} ms` : `timed out at ${s.params.timeout} ms`,
    truth: c.status === 'ok' ? TRUTH_TEXT.ok : TRUTH_TEXT[c.truth],
    workDone: c.executedAt !== undefined ? 'yes' : c.truth === 'in-flight' ? '?' : 'no',
    tone: c.status === 'ok' ? 'ok' : c.status === 'waiting' ? 'muted' : c.truth === 'late-reply' || c.truth === 'reply-lost' ? 'warn' : 'bad',
  }));
}

/** False alarms: calls that timed out although the server was alive and did the work. */
export function falseAlarms(s: TimeoutState): { timedOut: number; aliveAnyway: number } {
  const timedOut = s.calls.filter((c) => c.status === 'timed-out');
  return { timedOut: timedOut.length, aliveAnyway: timedOut.filter((c) => c.executedAt !== undefined).length };
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
  const deliveries = s.trace.filter((e) => e.kind === 'deliver').length;
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
    case 'server/crash':
      return 'server crashes';
    case 'server/restart':
      return 'server restarts';
    case 'link/set':
      return `link ${x.dir}: ${x.latency !== undefined ? `${x.latency} ms ` : ''}${x.loss !== undefined ? `loss ${Math.round(x.loss * 100)}%` : ''}`;
    case 'flp/deliver':
      return `deliver message #${x.msg}`;
    case 'flp/scheduler':
      return `scheduler: ${x.mode}`;
    default:
      return a.type;
  }
}
