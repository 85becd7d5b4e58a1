/**
 * "Dropped or slow?": a client calls a server through a lossy, variable-latency link and gives
 * up after a timeout. In an asynchronous network a missing reply has several causes — the
 * request was lost, the server is down, the server crashed mid-request, the reply was lost,
 * or everything is merely slow — and the client's view is identical in all of them. This is
 * why failure detectors built from timeouts are unreliable (Chandra & Toueg 1996) and why the
 * server may have done the work even though the client saw a failure.
 */
import type { Mechanism, Sanitized, TraceKind, TraceEntry } from '../core/types';
import { nextUniform, seedWord } from '../partition/prng';
import { timeoutScenarios } from './scenarios';
import type { Call, LinkDir, TEvent, TMsg, TimeoutAction, TimeoutParams, TimeoutState, Truth } from './types';

/** Default parameters. */
export const TIMEOUT_DEFAULTS: TimeoutParams = { timeout: 300, latency: 80, jitter: 0.25, tail: 0, tailFactor: 8, loss: 0, service: 20 };

const clamp = (raw: unknown, lo: number, hi: number, def: number, name: string, problems: string[]) => {
  if (raw === undefined) return def;
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    problems.push(`${name} must be a number; using ${def}.`);
    return def;
  }
  if (raw < lo || raw > hi) problems.push(`${name} ${raw} is outside ${lo}–${hi}; clamped.`);
  return Math.min(hi, Math.max(lo, raw));
};

/** Validate and clamp untrusted params. Never throws. */
export function sanitizeTimeoutParams(raw: unknown): Sanitized<TimeoutParams> {
  const problems: string[] = [];
  if (raw !== undefined && (raw === null || typeof raw !== 'object')) problems.push('Settings were not an object; using defaults.');
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const d = TIMEOUT_DEFAULTS;
  return {
    value: {
      timeout: clamp(r.timeout, 10, 5000, d.timeout, 'Timeout', problems),
      latency: clamp(r.latency, 1, 2000, d.latency, 'Latency', problems),
      jitter: clamp(r.jitter, 0, 0.9, d.jitter, 'Jitter', problems),
      tail: clamp(r.tail, 0, 0.5, d.tail, 'Outlier probability', problems),
      tailFactor: clamp(r.tailFactor, 1, 20, d.tailFactor, 'Outlier factor', problems),
      loss: clamp(r.loss, 0, 0.9, d.loss, 'Loss', problems),
      service: clamp(r.service, 0, 1000, d.service, 'Service time', problems),
    },
    problems,
  };
}

const inRange = (x: unknown, lo: number, hi: number) => typeof x === 'number' && Number.isFinite(x) && x >= lo && x <= hi;

/** Validate an untrusted action. */
export function parseTimeoutAction(raw: unknown): TimeoutAction | null {
  if (!raw || typeof raw !== 'object') return null;
  const a = raw as Record<string, unknown>;
  switch (a.type) {
    case 'client/call':
    case 'server/crash':
    case 'server/restart':
      return { type: a.type };
    case 'link/set': {
      if (a.dir !== 'request' && a.dir !== 'reply' && a.dir !== 'both') return null;
      if (a.latency === undefined && a.loss === undefined) return null;
      if (a.latency !== undefined && !inRange(a.latency, 1, 5000)) return null;
      if (a.loss !== undefined && !inRange(a.loss, 0, 1)) return null;
      const out: { type: 'link/set'; dir: 'request' | 'reply' | 'both'; latency?: number; loss?: number } = { type: 'link/set', dir: a.dir };
      if (a.latency !== undefined) out.latency = a.latency as number;
      if (a.loss !== undefined) out.loss = a.loss as number;
      return out;
    }
    default:
      return null;
  }
}

function note(s: TimeoutState, kind: TraceKind, label: string, extra: Partial<Omit<TraceEntry, 'seq' | 't' | 'kind' | 'label'>> = {}): TimeoutState {
  return { ...s, trace: [...s.trace, { seq: s.trace.length, t: s.now, kind, label, ...extra }] };
}

function schedule(s: TimeoutState, at: number, ev: TEvent): TimeoutState {
  const item = { at, seq: s.seq, ev };
  const q = [...s.queue];
  let i = q.length;
  while (i > 0 && (q[i - 1].at > at || (q[i - 1].at === at && q[i - 1].seq > item.seq))) i--;
  q.splice(i, 0, item);
  return { ...s, queue: q, seq: s.seq + 1 };
}

function setCall(s: TimeoutState, c: Call): TimeoutState {
  return { ...s, calls: s.calls.map((x) => (x.id === c.id ? c : x)) };
}

/** Draw a one-way delay: uniform jitter around the mean, sometimes a slow outlier. */
function draw(s: TimeoutState, dir: LinkDir): { s: TimeoutState; delay: number; lost: boolean } {
  const [u1, r1] = nextUniform(s.rng);
  const [u2, r2] = nextUniform(r1);
  const [u3, r3] = nextUniform(r2);
  const { jitter, tail, tailFactor } = s.params;
  let delay = Math.max(1, dir.latency * (1 - jitter + 2 * jitter * u1));
  if (u2 < tail) delay *= tailFactor;
  return { s: { ...s, rng: r3 }, delay, lost: u3 < dir.loss };
}

function sendMsg(s: TimeoutState, kind: 'request' | 'reply', call: number): TimeoutState {
  const d = draw(s, kind === 'request' ? s.request : s.reply);
  const msg: TMsg = { id: d.s.nextMsg, kind, call, sentAt: s.now, deliverAt: s.now + d.delay, lost: d.lost };
  const [from, to] = kind === 'request' ? ['client', 'server'] : ['server', 'client'];
  let st: TimeoutState = { ...d.s, nextMsg: msg.id + 1 };
  st = note(st, 'send', `${kind} #${call} ${from}→${to}`, { node: from, from, to, msgId: msg.id, data: { deliverAt: msg.deliverAt } });
  return schedule(st, msg.deliverAt, { kind: 'deliver', msg });
}

/** Settle what really happened to a call that timed out, once the facts are in. */
function settle(c: Call, truth: Truth): Call {
  return c.truth === 'in-flight' || c.truth === 'ok' ? { ...c, truth } : c;
}

function init(seed: number, params: TimeoutParams): TimeoutState {
  const dir = { latency: params.latency, loss: params.loss };
  return { params, now: 0, rng: seedWord(seed, 7), seq: 0, nextMsg: 1, request: dir, reply: dir, serverUp: true, epoch: 0, calls: [], queue: [], trace: [] };
}

function apply(s: TimeoutState, a: TimeoutAction): TimeoutState {
  switch (a.type) {
    case 'client/call': {
      const id = s.calls.length + 1;
      const call: Call = { id, sentAt: s.now, deadline: s.now + s.params.timeout, status: 'waiting', truth: 'in-flight' };
      let st = note({ ...s, calls: [...s.calls, call] }, 'action', `client calls the server (#${id}), timeout ${s.params.timeout} ms`, { node: 'client' });
      st = schedule(st, call.deadline, { kind: 'timeout', call: id });
      return sendMsg(st, 'request', id);
    }
    case 'server/crash':
      if (!s.serverUp) return note(s, 'note', 'server is already down', { node: 'server' });
      return note({ ...s, serverUp: false, epoch: s.epoch + 1 }, 'crash', 'server crashes (work in progress is lost)', { node: 'server' });
    case 'server/restart':
      if (s.serverUp) return note(s, 'note', 'server is already up', { node: 'server' });
      return note({ ...s, serverUp: true }, 'restart', 'server restarts', { node: 'server' });
    case 'link/set': {
      const patch = (d: LinkDir): LinkDir => ({ latency: a.latency ?? d.latency, loss: a.loss ?? d.loss });
      const request = a.dir === 'reply' ? s.request : patch(s.request);
      const reply = a.dir === 'request' ? s.reply : patch(s.reply);
      const parts = [a.latency !== undefined ? `latency ${a.latency} ms` : '', a.loss !== undefined ? `loss ${Math.round(a.loss * 100)}%` : ''].filter(Boolean);
      const which = a.dir === 'both' ? 'both directions' : a.dir === 'request' ? 'client→server' : 'server→client';
      return note({ ...s, request, reply }, 'note', `link ${which}: ${parts.join(', ')}`);
    }
  }
}

function next(s: TimeoutState): TimeoutState {
  const [head, ...rest] = s.queue;
  if (!head) return s;
  let st: TimeoutState = { ...s, queue: rest, now: Math.max(s.now, head.at) };
  const ev = head.ev;
  if (ev.kind === 'timeout') {
    const c = st.calls.find((x) => x.id === ev.call)!;
    if (c.status !== 'waiting') return st;
    st = setCall(st, { ...c, status: 'timed-out', doneAt: st.now });
    return note(st, 'timer', `client: no reply to #${c.id} within ${st.params.timeout} ms — timed out (cause unknown to the client)`, { node: 'client', data: { call: c.id } });
  }
  if (ev.kind === 'served') {
    const c = st.calls.find((x) => x.id === ev.call)!;
    if (!st.serverUp || ev.epoch !== st.epoch) {
      st = setCall(st, settle(c, 'crashed-mid-request'));
      return note(st, 'note', `server crashed before finishing #${c.id}`, { node: 'server' });
    }
    st = setCall(st, { ...c, executedAt: st.now });
    st = note(st, 'note', `server did the work for #${c.id} and replies`, { node: 'server' });
    return sendMsg(st, 'reply', c.id);
  }
  const m = ev.msg;
  const [from, to] = m.kind === 'request' ? ['client', 'server'] : ['server', 'client'];
  const c = st.calls.find((x) => x.id === m.call)!;
  if (m.lost) {
    st = setCall(st, settle(c, m.kind === 'request' ? 'request-lost' : 'reply-lost'));
    return note(st, 'drop', `${m.kind} #${m.call} lost on the link`, { node: to, from, to, msgId: m.id });
  }
  if (m.kind === 'request') {
    if (!st.serverUp) {
      st = setCall(st, settle(c, 'server-down'));
      return note(st, 'drop', `request #${m.call} reaches a crashed server: ignored`, { node: 'server', from, to, msgId: m.id });
    }
    st = note(st, 'deliver', `server receives request #${m.call}`, { node: 'server', from, to, msgId: m.id });
    return schedule(st, st.now + st.params.service, { kind: 'served', call: m.call, epoch: st.epoch });
  }
  st = note(st, 'deliver', `client receives reply #${m.call}`, { node: 'client', from, to, msgId: m.id });
  if (c.status === 'waiting') {
    st = setCall(st, { ...c, status: 'ok', doneAt: st.now, truth: 'ok' });
    return note(st, 'note', `call #${c.id} succeeded in ${Math.round(st.now - c.sentAt)} ms`, { node: 'client' });
  }
  st = setCall(st, { ...c, lateReplyAt: st.now, truth: 'late-reply' });
  return note(st, 'note', `late reply to #${c.id} after ${Math.round(st.now - c.sentAt)} ms: the server was alive, only slow`, { node: 'client' });
}

/** The "dropped or slow?" mechanism. */
export const timeoutMechanism: Mechanism<TimeoutParams, TimeoutState, TimeoutAction> = {
  id: 'timeout',
  defaults: TIMEOUT_DEFAULTS,
  sanitizeParams: sanitizeTimeoutParams,
  parseAction: parseTimeoutAction,
  init,
  apply,
  peek: (s) => (s.queue.length ? s.queue[0].at : Infinity),
  next,
  advanceTo: (s, t) => (t > s.now ? { ...s, now: t } : s),
  now: (s) => s.now,
  trace: (s) => s.trace,
  scenarios: timeoutScenarios,
};

/** Human text for the truth behind a call. */
export const TRUTH_TEXT: Record<Truth, string> = {
  'in-flight': 'still in flight',
  ok: 'reply arrived in time',
  'request-lost': 'the request was lost: the server never saw it',
  'server-down': 'the server was down: nothing was done',
  'crashed-mid-request': 'the server crashed while working on it: maybe half done',
  'reply-lost': 'the reply was lost: the server DID the work',
  'late-reply': 'only slow: the server did the work and the reply came late',
};
