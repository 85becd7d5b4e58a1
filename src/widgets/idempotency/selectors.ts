/**
 * Pure selectors from the idempotency core's state (and trace) to what the lab draws: messages
 * in flight, the key table, the ledger, the verdict, and the one-sentence "what just happened,
 * and why" caption under the picture (also what the live region announces).
 */
import type { Tagged, Time, TraceEntry } from '../../sim/core';
import { describeWorldAction, inFlight, isWorldAction, type WorldAction } from '../../sim/core';
import {
  brokerOf,
  clientOf,
  consumerOf,
  effectCounts,
  paymentViews,
  retryHorizon,
  serverOf,
  type IdemCmd,
  type IdemMsg,
  type IdemParams,
  type IdemState,
  type Payment,
} from '../../sim/idempotency';
import type { Tone } from '../shared';

/** A message in flight, placed on its lane. */
export interface FlightView {
  readonly id: number;
  /** True for left-to-right (client → server, broker → consumer). */
  readonly rightward: boolean;
  /** 0 at the sender, 1 at the receiver. */
  readonly progress: number;
  readonly label: string;
  readonly short: string;
  readonly tone: Tone | undefined;
  /** Why it will not arrive, if it will not. */
  readonly doomed: string | null;
}

const LEFT = new Set(['C', 'B']);

function shortLabel(m: IdemMsg): string {
  switch (m.type) {
    case 'pay':
      return `pay${m.key ? ` ${m.key}` : ''} #${m.attempt}`;
    case 'reply':
      return m.status === 201 ? `201 ${m.charge}${m.replayed ? '↺' : ''}` : String(m.status);
    case 'deliver':
      return `${m.msg} #${m.delivery}`;
    case 'ack':
      return `ack ${m.msg}`;
  }
}

function longLabel(m: IdemMsg): string {
  switch (m.type) {
    case 'pay':
      return `POST €${m.amount}${m.key ? ` key ${m.key}` : ' (no key)'} #${m.attempt}`;
    case 'reply':
      return m.status === 201 ? `201 ${m.charge}${m.replayed ? ' (replayed)' : ''}` : m.status === 409 ? '409 in progress' : '422 key reused';
    case 'deliver':
      return `deliver ${m.msg} #${m.delivery}`;
    case 'ack':
      return `ack ${m.msg}`;
  }
}

function toneOf(m: IdemMsg): Tone | undefined {
  if (m.type === 'reply') return m.status === 201 ? (m.replayed ? 'ok' : undefined) : 'warn';
  if (m.type === 'pay') return m.attempt > 1 ? 'warn' : undefined;
  if (m.type === 'deliver') return m.delivery > 1 ? 'warn' : undefined;
  return 'muted';
}

/** Messages in the air at the state's time, oldest first. */
export function flights(s: IdemState): FlightView[] {
  const now = s.now;
  return inFlight(s).map((f) => ({
    id: f.msgId,
    rightward: LEFT.has(f.from),
    progress: f.arrive > f.sent ? Math.min(1, Math.max(0, (now - f.sent) / (f.arrive - f.sent))) : 1,
    label: longLabel(f.msg),
    short: shortLabel(f.msg),
    tone: f.doomed ? 'bad' : toneOf(f.msg),
    doomed: f.doomed,
  }));
}

/** The first message in flight matching a fault button (for "drop the request/reply in flight"). */
export function flightFor(s: IdemState, kind: 'request' | 'reply'): number | null {
  for (const f of inFlight(s)) {
    if (f.doomed) continue;
    const req = f.msg.type === 'pay' || f.msg.type === 'deliver';
    if ((kind === 'request') === req) return f.msgId;
  }
  return null;
}

/** One row of the key table. */
export interface KeyRow {
  readonly key: string;
  readonly text: string;
  readonly state: 'done' | 'running' | 'expired-soon';
  /** Milliseconds left before the record is purged (done rows). */
  readonly left: number | null;
}

/** The server's key table: completed records (durable) and keys in progress (in memory). */
export function keyRows(s: IdemState, p: IdemParams): KeyRow[] {
  const srv = serverOf(s);
  if (!srv) return [];
  const up = s.nodes.S?.up ?? false;
  const rows: KeyRow[] = srv.keys.map((k) => {
    const left = Math.max(0, k.createdAt + p.retention - s.now);
    return { key: k.key, text: `${k.key} → 201 ${k.charge} (€${k.amount}), purged in ${Math.round(left)} ms`, state: left < p.retention / 4 ? 'expired-soon' : 'done', left };
  });
  if (up)
    for (const j of srv.jobs)
      if (j.key !== null) rows.push({ key: j.key, text: `${j.key}: in progress (${j.phase === 'working' ? 'working' : `${j.charge} written, not recorded`})`, state: 'running', left: null });
  return rows;
}

/** One row of the ledger. */
export interface LedgerRow {
  readonly id: string;
  readonly text: string;
  /** committed; uncommitted (inside an open transaction); rolled back by a crash. */
  readonly state: 'committed' | 'uncommitted' | 'rolled-back';
  /** True on the second and later charges of one payment. */
  readonly duplicate: boolean;
}

/** The ledger: committed charges (duplicates marked), charges inside open transactions, and rolled-back ones. */
export function ledgerRows(s: IdemState): LedgerRow[] {
  const srv = serverOf(s);
  if (!srv) return [];
  const seen = new Map<string, number>();
  const rows: LedgerRow[] = srv.ledger.map((c) => {
    const n = (seen.get(c.payment) ?? 0) + 1;
    seen.set(c.payment, n);
    return { id: c.id, text: `${c.id}: €${c.amount} for ${c.payment}${c.key ? ` (key ${c.key})` : ''}${n > 1 ? ` — charge ${n} of ${c.payment}` : ''}`, state: 'committed', duplicate: n > 1 };
  });
  const up = s.nodes.S?.up ?? false;
  if (up) for (const j of srv.jobs) if (j.charge && !srv.ledger.some((c) => c.id === j.charge)) rows.push({ id: j.charge, text: `${j.charge}: €${j.amount} for ${j.payment}, not committed yet`, state: 'uncommitted', duplicate: false });
  for (const c of srv.rolledBack) rows.push({ id: `${c.id}-rb`, text: `${c.id}: €${c.amount} for ${c.payment}, rolled back by the crash`, state: 'rolled-back', duplicate: false });
  return rows;
}

/** One line about a payment as the client sees it. */
export function paymentText(p: Payment): string {
  const last = p.attempts[p.attempts.length - 1];
  const head = `${p.id} €${p.amount}${p.key ? ` ${p.key}` : ''}`;
  if (p.status === 'ok') return `${head}: paid, ${p.charge}${p.replayed ? ' (replayed)' : ''}`;
  if (p.status === 'rejected') return `${head}: 422, rejected`;
  if (p.status === 'unknown') return `${head}: gave up, outcome unknown`;
  return `${head}: attempt ${last?.n ?? 1}${last?.answer === 'timeout' ? ' timed out, retrying' : last?.answer === 409 ? ' got 409, retrying' : ', waiting'}`;
}

/** The verdict under the picture. */
export interface Verdict {
  readonly tone: Tone;
  readonly text: string;
}

/** Whether anything was applied twice, in words a reader cannot miss. */
export function verdict(s: IdemState): Verdict {
  if (brokerOf(s)) {
    const counts = effectCounts(s);
    const dup = counts.filter((c) => c.effects > 1);
    if (dup.length) return { tone: 'bad', text: `DUPLICATE EFFECT: ${dup.map((c) => `${c.msg} applied ${c.effects}×`).join(', ')}. Delivery was at least once and the consumer did not deduplicate.` };
    if (counts.length === 0) return { tone: 'muted', text: 'No messages yet.' };
    const redelivered = counts.filter((c) => c.deliveries > 1).length;
    return { tone: 'ok', text: `Each message took effect at most once${redelivered ? `, although ${redelivered} ${redelivered > 1 ? 'were' : 'was'} delivered more than once` : ''}.` };
  }
  const views = paymentViews(s);
  const dup = views.filter((v) => v.charges.length > 1);
  if (dup.length)
    return {
      tone: 'bad',
      text: `DOUBLE CHARGE: ${dup.map((v) => `${v.payment.id} (€${v.payment.amount}) was charged ${v.charges.length}× = €${v.payment.amount * v.charges.length}`).join('; ')}.`,
    };
  if (views.length === 0) return { tone: 'muted', text: 'No payments yet.' };
  const why: Record<Payment['status'], string> = { pending: 'not yet', ok: 'not charged', rejected: 'rejected, not charged', unknown: 'client gave up, not charged' };
  const parts = views.map((v) => (v.charges.length === 1 ? `${v.payment.id} charged once` : `${v.payment.id} ${why[v.payment.status]}`));
  return { tone: 'ok', text: `No payment charged twice: ${parts.join(', ')}.` };
}

/** Retention against the retry horizon, in a sentence. */
export function retentionNote(p: IdemParams): Verdict {
  const h = retryHorizon(p);
  if (!Number.isFinite(h)) return { tone: 'warn', text: 'The network delay has no upper bound, so no retention covers every retry.' };
  return p.retention >= h
    ? { tone: 'ok', text: `Keys are kept ${p.retention} ms, at least the ${Math.round(h)} ms retry horizon (the last retry can arrive that long after the first attempt).` }
    : { tone: 'bad', text: `Keys are kept ${p.retention} ms, less than the ${Math.round(h)} ms retry horizon: a late retry can find its key gone.` };
}

const MEANINGFUL = new Set(['note', 'crash', 'restart', 'drop', 'action', 'partition', 'heal']);

/**
 * "What just happened, and why": one sentence from the latest meaningful trace entry at or
 * before the state's time. Core notes already carry their reason; kernel events get one here.
 */
export function stepCaption(trace: readonly TraceEntry[], s: IdemState): string {
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i];
    if (e.t > s.now || !MEANINGFUL.has(e.kind)) continue;
    const at = `At ${Math.round(e.t)} ms, `;
    if (e.kind === 'note') return at + sentence(e.label.replace(/^([A-Z]): /, (_, n: string) => `${n} `));
    if (e.kind === 'crash') {
      const srv = serverOf(s);
      if (e.node === 'S')
        return `${at}S crashed. Only what it had committed survives: ${srv ? `${srv.ledger.length} committed charge${srv.ledger.length === 1 ? '' : 's'} and ${srv.keys.length} key record${srv.keys.length === 1 ? '' : 's'}` : 'its durable tables'}${s.params.atomic ? '; any transaction still open was rolled back, charge included' : '; a charge already written stays, even if its key was never recorded'}. Requests sent to it now are lost.`;
      if (e.node === 'Q') {
        const q = consumerOf(s);
        return `${at}Q crashed before acknowledging. Its ${q?.effects.length ?? 0} applied effect${q?.effects.length === 1 ? '' : 's'} ${q?.effects.length === 1 ? 'is' : 'are'} durable, but B never got the ack, so B will deliver again.`;
      }
    }
    if (e.kind === 'restart') return `${at}${e.node} restarted with only its durable state.`;
    if (e.kind === 'drop') {
      const reason = (e.data as { reason?: string } | undefined)?.reason;
      const sent = e.msgId === undefined ? undefined : trace.find((x) => x.kind === 'send' && x.msgId === e.msgId);
      const what = sent ? sent.label : e.label.split(' dropped')[0];
      return reason === 'dropped'
        ? `${at}a message was lost in the network (${what}). The sender cannot tell this from a slow answer.`
        : `${at}${what} was lost (${reason ?? 'dropped'}). The sender cannot tell this from a slow answer.`;
    }
    if (e.kind === 'action') return `${at}${sentence(e.label)}`;
    return `${at}${sentence(e.label)}`;
  }
  return 'Press Play, or step with →, to watch the payment.';
}

function sentence(x: string): string {
  const t = x.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** Timeline label for a logged action. */
export function describeIdemAction(a: Tagged): string {
  if (isWorldAction(a)) {
    const w = a as WorldAction;
    if (w.type === 'net/drop') return `drop message #${w.msgId}`;
    return describeWorldAction(w);
  }
  const c = a as IdemCmd;
  return c.type === 'idem/pay' ? `pay €${c.amount}${c.reuseKey ? ' (reused key)' : ''}` : c.type === 'idem/publish' ? 'publish' : a.type;
}

/** Client lines for the picture. */
export function clientLines(s: IdemState): string[] {
  const c = clientOf(s);
  return c ? c.payments.slice(-3).map(paymentText) : [];
}

/** Broker and consumer rows (queue mode). */
export function queueRows(s: IdemState): { msg: string; text: string; tone: Tone }[] {
  const q = consumerOf(s);
  const dedup = s.params.dedup;
  return effectCounts(s).map((c) => ({
    msg: c.msg,
    text: `${c.msg}: delivered ${c.deliveries}×, ${c.acked ? 'acknowledged' : 'not acknowledged yet'}; effect applied ${c.effects}×${dedup && q?.processed.includes(c.msg) ? ' (id in the processed table)' : ''}`,
    tone: c.effects > 1 ? 'bad' : c.effects === 1 ? 'ok' : 'muted',
  }));
}

/** The latest virtual time anything is scheduled, for "run to" buttons. */
export function lastScheduled(s: IdemState): Time {
  return s.queue.reduce((m, e) => Math.max(m, e.t), s.now);
}
