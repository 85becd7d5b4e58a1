/**
 * The clock lab's simulation: nodes with drifting physical clocks exchange messages, and every
 * event is stamped at once by the node's physical clock, a Lamport clock (Lamport 1978), a
 * vector clock (Fidge 1988, Mattern 1989) and a hybrid logical clock (Kulkarni et al. 2014).
 * Writes to one key replicate everywhere and are resolved last-writer-wins by physical
 * timestamp, as in Cassandra or Dynamo-style stores without vector clocks.
 */
import type { Mechanism, TraceEntry, TraceKind } from '../core/types';
import { hlcReceive, hlcTick, lamportReceive, lamportTick, vectorReceive, vectorTick } from './logical';
import { clockDefaults, parseClockAction, sanitizeClockParams } from './params';
import { makeClock, readClock, setDrift, slewClock, stepClock, stepRateToBase } from './physical';
import { nextInt } from './prng';
import { clockScenarios } from './scenarios';
import { NODE_IDS, type ClockAction, type ClockEvent, type ClockEventKind, type ClockNode, type ClockParams, type ClockState, type InFlight, type LwwWrite, type Pending } from './types';

/** Initial HLC l: below every physical reading the lab can produce (and JSON-safe, unlike -Infinity). */
export const HLC_START = Number.MIN_SAFE_INTEGER;

/** A fresh run. */
export function initClocks(seed: number, params: ClockParams): ClockState {
  const nodes: ClockNode[] = NODE_IDS.slice(0, params.nodes).map((id, i) => {
    const s = params.clocks[i] ?? { offsetMs: 0, driftPpm: 0 };
    // The paper starts l at 0, assuming clocks read ≥ 0. Our clocks may start negative (a node
    // whose clock is behind at t = 0), so l starts below any reading instead; the first event
    // then takes l = pt, c = 0, exactly as l = 0 does for a clock already past 0.
    return { id, clock: makeClock(s.offsetMs, s.driftPpm), lamport: 0, vector: {}, hlc: { l: HLC_START, c: 0 }, lastEvent: null, stored: null };
  });
  return { params, now: 0, rng: seed >>> 0, nodes, pending: [], events: [], writes: [], trace: [], nextMsg: 1, nextSeq: 0 };
}

/** Whole-ms physical clock reading of `node` now. */
export function physicalNow(s: ClockState, node: string): number {
  return Math.floor(readClock(nodeOf(s, node).clock, s.now));
}

function nodeOf(s: ClockState, id: string): ClockNode {
  const n = s.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`unknown node ${id}`);
  return n;
}

function withNode(s: ClockState, id: string, f: (n: ClockNode) => ClockNode): ClockState {
  return { ...s, nodes: s.nodes.map((n) => (n.id === id ? f(n) : n)) };
}

function addTrace(s: ClockState, kind: TraceKind, label: string, extra: Partial<TraceEntry> = {}): ClockState {
  const entry: TraceEntry = { seq: s.trace.length, t: s.now, kind, label, ...extra };
  return { ...s, trace: [...s.trace, entry] };
}

/** Record a local, send or write event at `node`: Lamport IR1, vector tick, HLC send/local rule. */
function localEvent(s: ClockState, node: string, kind: ClockEventKind, msgIds: number[], writeId?: number): { s: ClockState; ev: ClockEvent } {
  const n = nodeOf(s, node);
  const pt = physicalNow(s, node);
  const ev: ClockEvent = {
    id: s.events.length,
    node,
    kind,
    t: s.now,
    pt,
    lamport: lamportTick(n.lamport),
    vector: vectorTick(n.vector, node),
    hlc: hlcTick(n.hlc, pt),
    causes: n.lastEvent === null ? [] : [n.lastEvent],
    msgIds,
    writeId,
  };
  const s2 = withNode({ ...s, events: [...s.events, ev] }, node, (x) => ({ ...x, lamport: ev.lamport, vector: ev.vector, hlc: ev.hlc, lastEvent: ev.id }));
  return { s: s2, ev };
}

/** Queue a message from an event; the delay comes from the action or the seeded PRNG. */
function queueMessage(s: ClockState, ev: ClockEvent, to: string, delay: number | undefined, writeId?: number): ClockState {
  let rng = s.rng;
  let d = delay;
  if (d === undefined) {
    const r = nextInt(rng, s.params.delayMin, s.params.delayMax);
    rng = r.state;
    d = r.value;
  }
  const msg: InFlight = { msgId: s.nextMsg, from: ev.node, to, sentAt: s.now, at: s.now + d, sendEvent: ev.id, stamp: { lamport: ev.lamport, vector: ev.vector, hlc: ev.hlc }, writeId };
  const s2: ClockState = { ...s, rng, nextMsg: s.nextMsg + 1, nextSeq: s.nextSeq + 1, pending: [...s.pending, { kind: 'deliver', seq: s.nextSeq, ...msg }] };
  const label = writeId === undefined ? `${ev.node} → ${to}: message m${msg.msgId}` : `${ev.node} → ${to}: replicate write w${writeId} (m${msg.msgId})`;
  return addTrace(s2, 'send', label, { node: ev.node, from: ev.node, to, msgId: msg.msgId, data: { event: ev.id } });
}

/** LWW order: higher physical timestamp wins, node id breaks ties (as Cassandra does with cell timestamps). */
function lwwBeats(a: LwwWrite, b: LwwWrite): boolean {
  return a.ts > b.ts || (a.ts === b.ts && a.node > b.node);
}

/**
 * Offer write `wid` to `node`'s replica. The loser of the comparison is discarded silently; if the
 * loser was made later in true time than the winner, skew cost us a write: mark it lost.
 */
function offerWrite(s: ClockState, node: string, wid: number): ClockState {
  const n = nodeOf(s, node);
  const incoming = s.writes[wid];
  const current = n.stored === null ? null : s.writes[n.stored];
  if (current && current.id === incoming.id) return s;
  const incomingWins = current === null || lwwBeats(incoming, current);
  const winner = incomingWins ? incoming : current!;
  const loser = incomingWins ? current : incoming;
  let writes = s.writes;
  if (loser && loser.t > winner.t && loser.lostTo === null) writes = writes.map((w) => (w.id === loser.id ? { ...w, lostTo: winner.id } : w));
  const s2 = withNode({ ...s, writes }, node, (x) => ({ ...x, stored: winner.id }));
  if (loser && loser.t > winner.t && loser.lostTo === null) {
    return addTrace(s2, 'note', `${node}: keeps w${winner.id} (ts ${winner.ts}) over w${loser.id} (ts ${loser.ts}), which was written later: w${loser.id} is lost`, { node, data: { lost: loser.id } });
  }
  return s2;
}

/** Apply one reader action at the current time. */
export function applyClockAction(s: ClockState, a: ClockAction): ClockState {
  const known = (id: string) => s.nodes.some((n) => n.id === id);
  switch (a.type) {
    case 'local': {
      if (!known(a.node)) return s;
      const { s: s2, ev } = localEvent(s, a.node, 'local', []);
      return addTrace(s2, 'action', `${a.node}: local event e${ev.id}`, { node: a.node, data: { event: ev.id } });
    }
    case 'send': {
      if (!known(a.from) || !known(a.to) || a.from === a.to) return s;
      const msgId = s.nextMsg;
      const { s: s2, ev } = localEvent(s, a.from, 'send', [msgId]);
      return queueMessage(s2, ev, a.to, a.delay);
    }
    case 'write': {
      if (!known(a.node)) return s;
      const others = s.nodes.filter((n) => n.id !== a.node).map((n) => n.id);
      const wid = s.writes.length;
      const msgIds = others.map((_, i) => s.nextMsg + i);
      const { s: s1, ev } = localEvent(s, a.node, 'write', msgIds, wid);
      const w: LwwWrite = { id: wid, node: a.node, value: a.value, t: s.now, ts: ev.pt, event: ev.id, lostTo: null };
      let s2 = addTrace({ ...s1, writes: [...s1.writes, w] }, 'action', `${a.node}: write x = ${a.value} as w${wid}, timestamp ${ev.pt}`, { node: a.node, data: { event: ev.id, write: wid } });
      s2 = offerWrite(s2, a.node, wid);
      for (const to of others) s2 = queueMessage(s2, ev, to, undefined, wid);
      return s2;
    }
    case 'clock/set': {
      if (!known(a.node)) return s;
      const before = physicalNow(s, a.node);
      const s2 = withNode(s, a.node, (n) => {
        const stepped = stepClock(n.clock, s.now, s.now + a.offsetMs);
        return { ...n, clock: a.driftPpm === undefined ? stepped : setDrift(stepped, s.now, a.driftPpm) };
      });
      return addTrace(s2, 'action', `${a.node}: clock set ${before} → ${physicalNow(s2, a.node)} ms${a.driftPpm === undefined ? '' : `, drift ${a.driftPpm} ppm`}`, { node: a.node });
    }
    case 'ntp/sync': {
      if (!known(a.node)) return s;
      const before = physicalNow(s, a.node);
      const target = s.now + a.serverErrorMs;
      const bad = a.serverErrorMs !== 0 ? ` from a server ${a.serverErrorMs > 0 ? '+' : ''}${a.serverErrorMs} ms off` : '';
      if (a.mode === 'step') {
        const s2 = withNode(s, a.node, (n) => ({ ...n, clock: stepClock(n.clock, s.now, target) }));
        const dir = target < before ? ` — backwards by ${before - Math.floor(target)} ms` : '';
        return addTrace({ ...s2, pending: s2.pending.filter((p) => !(p.kind === 'slew-end' && p.node === a.node)) }, 'action', `${a.node}: NTP step${bad}: ${before} → ${Math.floor(target)} ms${dir}`, { node: a.node });
      }
      const clock = slewClock(nodeOf(s, a.node).clock, s.now, target, s.params.slewPpm);
      let s2 = withNode(s, a.node, (n) => ({ ...n, clock }));
      s2 = { ...s2, pending: s2.pending.filter((p) => !(p.kind === 'slew-end' && p.node === a.node)) };
      if (clock.slewUntil !== null) s2 = { ...s2, nextSeq: s2.nextSeq + 1, pending: [...s2.pending, { kind: 'slew-end', seq: s2.nextSeq, at: clock.slewUntil, node: a.node }] };
      return addTrace(s2, 'action', `${a.node}: NTP slew${bad}: correcting ${Math.round(target - before)} ms gradually`, { node: a.node });
    }
    case 'leap': {
      if (!known(a.node)) return s;
      const before = physicalNow(s, a.node);
      // A positive leap second as most kernels apply it: 23:59:59 is repeated, i.e. a 1 s step back.
      const s2 = withNode(s, a.node, (n) => ({ ...n, clock: stepClock(n.clock, s.now, readClock(n.clock, s.now) - 1000) }));
      return addTrace(s2, 'action', `${a.node}: leap second — clock repeats a second (${before} → ${physicalNow(s2, a.node)} ms)`, { node: a.node });
    }
  }
}

function earliest(pending: readonly Pending[]): Pending | undefined {
  let best: Pending | undefined;
  for (const p of pending) if (!best || p.at < best.at || (p.at === best.at && p.seq < best.seq)) best = p;
  return best;
}

/** Process the next delivery or slew end. */
export function nextClockEvent(s: ClockState): ClockState {
  const p = earliest(s.pending);
  if (!p) return s;
  const base: ClockState = { ...s, now: Math.max(s.now, p.at), pending: s.pending.filter((x) => x !== p) };
  if (p.kind === 'slew-end') {
    const s2 = withNode(base, p.node, (n) => ({ ...n, clock: stepRateToBase(n.clock, base.now) }));
    return addTrace(s2, 'note', `${p.node}: slew finished, clock reads ${physicalNow(s2, p.node)} ms`, { node: p.node });
  }
  // Receive: Lamport IR2, vector element-wise max then own increment, HLC receive rule.
  const n = nodeOf(base, p.to);
  const pt = physicalNow(base, p.to);
  const ev: ClockEvent = {
    id: base.events.length,
    node: p.to,
    kind: 'receive',
    t: base.now,
    pt,
    lamport: lamportReceive(n.lamport, p.stamp.lamport),
    vector: vectorReceive(n.vector, p.stamp.vector, p.to),
    hlc: hlcReceive(n.hlc, p.stamp.hlc, pt),
    causes: n.lastEvent === null ? [p.sendEvent] : [n.lastEvent, p.sendEvent],
    msgIds: [p.msgId],
    writeId: p.writeId,
  };
  let s2 = withNode({ ...base, events: [...base.events, ev] }, p.to, (x) => ({ ...x, lamport: ev.lamport, vector: ev.vector, hlc: ev.hlc, lastEvent: ev.id }));
  s2 = addTrace(s2, 'deliver', `${p.to} receives m${p.msgId} from ${p.from}`, { node: p.to, from: p.from, to: p.to, msgId: p.msgId, data: { event: ev.id } });
  return p.writeId === undefined ? s2 : offerWrite(s2, p.to, p.writeId);
}

/** The clock lab as a kernel {@link Mechanism}. */
export const clocksMechanism: Mechanism<ClockParams, ClockState, ClockAction> = {
  id: 'clocks',
  defaults: clockDefaults,
  sanitizeParams: sanitizeClockParams,
  parseAction: parseClockAction,
  init: initClocks,
  apply: applyClockAction,
  peek: (s) => earliest(s.pending)?.at ?? Infinity,
  next: nextClockEvent,
  advanceTo: (s, t) => (t > s.now ? { ...s, now: t } : s),
  now: (s) => s.now,
  trace: (s) => s.trace,
  scenarios: clockScenarios,
};
