/**
 * "Dropped or slow?": a client calls a server through a lossy, variable-latency link and gives
 * up after a timeout. In an asynchronous network a missing reply has several causes — the
 * request was lost, the server is down, the server crashed mid-request, the reply was lost,
 * or everything is merely slow — and the client's view is identical in all of them. This is
 * why failure detectors built from timeouts are unreliable (Chandra & Toueg 1996) and why the
 * server may have done the work even though the client saw a failure.
 *
 * Runs on the kernel's message-passing world (src/sim/core): latency distributions, loss,
 * crashes and restarts are the kernel's; this file is only the two nodes' behaviour.
 */
import type { Sanitized, TraceEntry } from '../core/types';
import type { Dist } from '../core/dist';
import type { Ctx, Protocol } from '../core/protocol';
import { inFlight, worldMechanism, type WorldState } from '../core/world';
import { timeoutScenarios } from './scenarios';
import type { Call, ClientNode, ServerNode, TimeoutCommand, TimeoutMsg, TimeoutNode, TimeoutParams, Truth } from './types';
import { clampNumber } from '../core/clamp';

/** Default parameters. */
export const TIMEOUT_DEFAULTS: TimeoutParams = { timeout: 300, latency: 80, jitter: 0.25, tail: 0, tailFactor: 8, loss: 0, service: 20 };

/** Validate and clamp untrusted params. Never throws. */
export function sanitizeTimeoutParams(raw: unknown): Sanitized<TimeoutParams> {
  const problems: string[] = [];
  if (raw !== undefined && (raw === null || typeof raw !== 'object')) problems.push('Settings were not an object; using defaults.');
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const d = TIMEOUT_DEFAULTS;
  return {
    value: {
      timeout: clampNumber(r.timeout, 10, 5000, d.timeout, 'Timeout', problems),
      latency: clampNumber(r.latency, 1, 2000, d.latency, 'Latency', problems),
      jitter: clampNumber(r.jitter, 0, 0.9, d.jitter, 'Jitter', problems),
      tail: clampNumber(r.tail, 0, 0.5, d.tail, 'Outlier probability', problems),
      tailFactor: clampNumber(r.tailFactor, 1, 20, d.tailFactor, 'Outlier factor', problems),
      loss: clampNumber(r.loss, 0, 0.9, d.loss, 'Loss', problems),
      service: clampNumber(r.service, 0, 1000, d.service, 'Service time', problems),
    },
    problems,
  };
}

/**
 * One-way delay: uniform within ±jitter of the mean, and with probability `tail` an outlier
 * `tailFactor` times slower (a two-part mixture, the shape of real RPC latency tails).
 */
export function latencyDist(mean: number, jitter: number, tail = 0, tailFactor = 1): Dist {
  const body: Dist = { kind: 'uniform', min: mean * (1 - jitter), max: mean * (1 + jitter) };
  if (tail <= 0 || tailFactor <= 1) return body;
  const slow: Dist = { kind: 'uniform', min: mean * (1 - jitter) * tailFactor, max: mean * (1 + jitter) * tailFactor };
  return { kind: 'mixture', parts: [{ weight: 1 - tail, dist: body }, { weight: tail, dist: slow }] };
}

const setCall = (n: ClientNode, c: Call): ClientNode => ({ ...n, calls: n.calls.map((x) => (x.id === c.id ? c : x)) });

/** The two nodes' behaviour. */
export const timeoutProtocol: Protocol<TimeoutParams, TimeoutNode, TimeoutMsg, TimeoutCommand> = {
  id: 'timeout',
  defaults: TIMEOUT_DEFAULTS,
  sanitizeParams: sanitizeTimeoutParams,
  topology: (p) => ({
    nodes: ['client', 'server'],
    net: { defaults: { latency: latencyDist(p.latency, p.jitter, p.tail, p.tailFactor), loss: p.loss, dup: 0, fifo: false } },
  }),
  initNode: (id) => (id === 'client' ? { role: 'client', calls: [] } : { role: 'server', executed: {}, working: [] }),
  onCommand(s, _cmd, ctx: Ctx<TimeoutMsg, TimeoutParams>) {
    if (s.role !== 'client') return s;
    const id = s.calls.length + 1;
    const call: Call = { id, sentAt: ctx.now, deadline: ctx.now + ctx.params.timeout, status: 'waiting' };
    ctx.note(`client calls the server (#${id}), timeout ${ctx.params.timeout} ms`);
    ctx.setTimer(`timeout#${id}`, ctx.params.timeout);
    ctx.send('server', { type: 'request', call: id });
    return { ...s, calls: [...s.calls, call] };
  },
  onMessage(s, msg, from, ctx) {
    if (s.role === 'server' && msg.type === 'request') {
      ctx.setTimer(`serve#${msg.call}`, ctx.params.service);
      return { ...s, working: [...s.working, msg.call] };
    }
    if (s.role === 'client' && msg.type === 'reply') {
      const c = s.calls.find((x) => x.id === msg.call);
      if (!c) return s;
      if (c.status === 'waiting') {
        ctx.cancelTimer(`timeout#${c.id}`);
        ctx.note(`call #${c.id} succeeded in ${Math.round(ctx.now - c.sentAt)} ms`, { call: c.id, ok: true });
        return setCall(s, { ...c, status: 'ok', doneAt: ctx.now });
      }
      ctx.note(`late reply to #${c.id} after ${Math.round(ctx.now - c.sentAt)} ms: the server was alive, only slow`, { call: c.id, late: true });
      return setCall(s, { ...c, lateReplyAt: ctx.now });
    }
    void from;
    return s;
  },
  onTimer(s, name, ctx) {
    const id = Number(name.slice(name.indexOf('#') + 1));
    if (s.role === 'client' && name.startsWith('timeout#')) {
      const c = s.calls.find((x) => x.id === id);
      if (!c || c.status !== 'waiting') return s;
      ctx.note(`client: no reply to #${id} within ${ctx.params.timeout} ms — timed out (cause unknown to the client)`, { call: id, timedOut: true });
      return setCall(s, { ...c, status: 'timed-out', doneAt: ctx.now });
    }
    if (s.role === 'server' && name.startsWith('serve#')) {
      ctx.note(`server did the work for #${id} and replies`, { call: id, executed: true });
      ctx.send('client', { type: 'reply', call: id });
      return { ...s, executed: { ...s.executed, [id]: ctx.now }, working: s.working.filter((w) => w !== id) };
    }
    return s;
  },
  // A crash loses work in progress (and its timers); what was already done stays done.
  onCrash: (s) => (s.role === 'server' ? { ...s, working: [] } : s),
  commandTarget: () => 'client',
  parseCommand: (raw) => ((raw as TimeoutCommand | null)?.type === 'client/call' ? { type: 'client/call' } : null),
  describe: (m) => `${m.type} #${m.call}`,
  describeCommand: () => 'client calls the server',
  scenarios: timeoutScenarios,
};

/** The "dropped or slow?" mechanism. */
export const timeoutMechanism = worldMechanism(timeoutProtocol);

/** World state of a timeout run. */
export type TimeoutState = WorldState<TimeoutParams, TimeoutNode, TimeoutMsg>;

/** The client's calls. */
export function calls(s: TimeoutState): readonly Call[] {
  return (s.nodes.client.state as ClientNode).calls;
}

/** The server's durable record of executed calls. */
export function executed(s: TimeoutState): Readonly<Record<number, number>> {
  return (s.nodes.server.state as ServerNode).executed;
}

/**
 * What really happened to each call, reconstructed from the omniscient trace (message sends,
 * drops with their reason, deliveries) and the server's record. The client sees none of this.
 */
export function callTruths(s: TimeoutState, trace: readonly TraceEntry[]): Map<number, Truth> {
  const msgOf = new Map<number, { type: string; call: number }>();
  const fate = new Map<string, string>(); // "request#3" → 'loss' | 'node down' | 'delivered'
  for (const e of trace) {
    if (e.msgId === undefined) continue;
    if (e.kind === 'send') msgOf.set(e.msgId, e.data as { type: string; call: number });
    const m = msgOf.get(e.msgId);
    if (!m) continue;
    const key = `${m.type}#${m.call}`;
    if (e.kind === 'drop') fate.set(key, (e.data as { reason?: string } | undefined)?.reason ?? 'loss');
    if (e.kind === 'deliver') fate.set(key, 'delivered');
  }
  const done = executed(s);
  const out = new Map<number, Truth>();
  for (const c of calls(s)) {
    let t: Truth = 'in-flight';
    if (c.status === 'ok') t = 'ok';
    else if (c.lateReplyAt !== undefined) t = 'late-reply';
    else if (done[c.id] !== undefined) t = fate.get(`reply#${c.id}`) && fate.get(`reply#${c.id}`) !== 'delivered' ? 'reply-lost' : 'in-flight';
    else {
      const req = fate.get(`request#${c.id}`);
      if (req === 'node down') t = 'server-down';
      else if (req === 'delivered') t = (s.nodes.server.state as ServerNode).working.includes(c.id) && s.nodes.server.up ? 'in-flight' : 'crashed-mid-request';
      else if (req) t = 'request-lost';
    }
    out.set(c.id, t);
  }
  return out;
}

/** Messages on the wire, for the cluster view. */
export function timeoutInFlight(s: TimeoutState) {
  return inFlight(s);
}

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
