/**
 * The simulated cluster: servers from node.ts, a network that delays, drops, duplicates and
 * partitions messages, randomised election timers (Ongaro & Ousterhout 2014, §5.2), and the
 * live invariant monitor. A discrete-event simulation: `stepOnce` processes the single earliest
 * pending event (a delivery or a timer), so a run is a pure function of (seed, params, actions).
 */
import type { NodeId, Time, TraceEntry, TraceKind } from '../core/types';
import { crash, newServer, onClientRequest, onElectionTimeout, onHeartbeat, onMessage, restart } from './node';
import type { NodeCtx, Out, Step } from './node';
import { emptyMonitor, observe } from './invariants';
import { streamSeed, uniform, draw } from './prng';
import type { Flight, RaftAction, RaftMsg, RaftParams, RaftState, Server, TraceBuf } from './types';

/** Server ids S1…Sn, as in the paper's figures. */
export function serverIds(n: number): NodeId[] {
  return Array.from({ length: n }, (_, i) => `S${i + 1}`);
}

/** Votes or replicas needed in a cluster of n. */
export const majorityOf = (n: number): number => Math.floor(n / 2) + 1;

/** A new cluster at time 0: all followers in term 0 with randomly armed election timers. */
export function initCluster(seed: number, params: RaftParams): RaftState {
  let rngTimers = streamSeed(seed, 'timers');
  const servers = serverIds(params.servers).map((id) => {
    const d = uniform(rngTimers, params.electionMin, params.electionMax);
    rngTimers = d.next;
    return { ...newServer(id), electionAt: d.value, electionArmedAt: 0 };
  });
  return {
    params,
    seed,
    now: 0,
    servers,
    inFlight: [],
    groups: null,
    rngNet: streamSeed(seed, 'net'),
    rngTimers,
    nextMsgId: 1,
    nextCmd: 1,
    monitor: emptyMonitor,
    traceBuf: { entries: [] },
    traceLen: 0,
  };
}

/** The trace visible from this state. */
export function traceOf(s: RaftState): readonly TraceEntry[] {
  return s.traceBuf.entries.length === s.traceLen ? s.traceBuf.entries : s.traceBuf.entries.slice(0, s.traceLen);
}

/** Time of the next pending event, or Infinity. */
export function peekTime(s: RaftState): Time {
  let t = s.inFlight.length > 0 ? s.inFlight[0].deliverAt : Infinity;
  for (const sv of s.servers) {
    if (sv.electionAt < t) t = sv.electionAt;
    if (sv.heartbeatAt < t) t = sv.heartbeatAt;
  }
  return t;
}

/** Short text for a message, used in the trace, the event table and announcements. */
export function describeMsg(m: RaftMsg): string {
  switch (m.type) {
    case 'RequestVote':
      return `RequestVote(term ${m.term}, last ${m.lastLogIndex}@${m.lastLogTerm})`;
    case 'RequestVoteReply':
      return `Vote ${m.voteGranted ? 'granted' : 'refused'} (term ${m.term})`;
    case 'AppendEntries':
      return m.entries.length === 0
        ? `Heartbeat(term ${m.term}, prev ${m.prevLogIndex}, commit ${m.leaderCommit})`
        : `AppendEntries(term ${m.term}, prev ${m.prevLogIndex}, ${m.entries.length} entr${m.entries.length === 1 ? 'y' : 'ies'}, commit ${m.leaderCommit})`;
    case 'AppendEntriesReply':
      return m.success ? `Append ok (term ${m.term}, match ${m.matchIndex})` : `Append refused (term ${m.term}, prev ${m.prevLogIndex})`;
  }
}

/**
 * A mutable scratch copy used while one step is computed; it is frozen back into a new RaftState at
 * the end, so callers only ever see a fresh state and the input is untouched.
 */
interface Draft {
  servers: Server[];
  inFlight: Flight[];
  rngNet: number;
  rngTimers: number;
  nextMsgId: number;
  nextCmd: number;
  monitor: RaftState['monitor'];
  traceBuf: TraceBuf;
  traceLen: number;
  groups: RaftState['groups'];
}

function draftOf(s: RaftState): Draft {
  return {
    servers: s.servers.slice(),
    inFlight: s.inFlight as Flight[],
    rngNet: s.rngNet,
    rngTimers: s.rngTimers,
    nextMsgId: s.nextMsgId,
    nextCmd: s.nextCmd,
    monitor: s.monitor,
    traceBuf: s.traceBuf,
    traceLen: s.traceLen,
    groups: s.groups,
  };
}

// An explicit literal (not a spread) keeps every state object the same shape, which the hot loop of
// the experiments depends on: it made stepping about twice as fast.
function finish(s: RaftState, d: Draft, now: Time): RaftState {
  return {
    params: s.params,
    seed: s.seed,
    now,
    servers: d.servers,
    inFlight: d.inFlight,
    groups: d.groups,
    rngNet: d.rngNet,
    rngTimers: d.rngTimers,
    nextMsgId: d.nextMsgId,
    nextCmd: d.nextCmd,
    monitor: d.monitor,
    traceBuf: d.traceBuf,
    traceLen: d.traceLen,
  };
}

function record(s: RaftState, d: Draft, now: Time, kind: TraceKind, label: string, extra: Partial<TraceEntry> = {}): void {
  if (!s.params.recordTrace) return;
  if (d.traceBuf.entries.length !== d.traceLen) d.traceBuf = { entries: d.traceBuf.entries.slice(0, d.traceLen) };
  d.traceBuf.entries.push({ seq: d.traceLen, t: now, kind, label, ...extra });
  d.traceLen++;
}

/** Can `a` and `b` talk under the current partition? */
export function connected(groups: RaftState['groups'], a: NodeId, b: NodeId): boolean {
  if (groups === null) return true;
  const ga = groups.findIndex((g) => g.includes(a));
  const gb = groups.findIndex((g) => g.includes(b));
  // A server named in no group is alone.
  return ga !== -1 && ga === gb;
}

function insertFlight(list: Flight[], f: Flight): Flight[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = list[mid];
    if (m.deliverAt < f.deliverAt || (m.deliverAt === f.deliverAt && m.id < f.id)) lo = mid + 1;
    else hi = mid;
  }
  const next = list.slice();
  next.splice(lo, 0, f);
  return next;
}

function send(s: RaftState, d: Draft, now: Time, from: NodeId, o: Out): void {
  const p = s.params;
  const id = d.nextMsgId++;
  const label = p.recordTrace ? describeMsg(o.msg) : '';
  record(s, d, now, 'send', label, { node: from, from, to: o.to, msgId: id, data: o.msg });
  if (!connected(d.groups, from, o.to)) {
    record(s, d, now, 'drop', `${label} lost: partition`, { node: from, from, to: o.to, msgId: id });
    return;
  }
  if (p.dropRate > 0) {
    const r = draw(d.rngNet);
    d.rngNet = r.next;
    if (r.value < p.dropRate) {
      record(s, d, now, 'drop', `${label} lost by the network`, { node: from, from, to: o.to, msgId: id });
      return;
    }
  }
  const lat = uniform(d.rngNet, p.latencyMin, p.latencyMax);
  d.rngNet = lat.next;
  d.inFlight = insertFlight(d.inFlight, { id, from, to: o.to, sentAt: now, deliverAt: now + lat.value, msg: o.msg });
  if (p.duplicateRate > 0) {
    const r = draw(d.rngNet);
    d.rngNet = r.next;
    if (r.value < p.duplicateRate) {
      const lat2 = uniform(d.rngNet, p.latencyMin, p.latencyMax);
      d.rngNet = lat2.next;
      const dupId = d.nextMsgId++;
      d.inFlight = insertFlight(d.inFlight, { id: dupId, from, to: o.to, sentAt: now, deliverAt: now + lat2.value, msg: o.msg });
      record(s, d, now, 'duplicate', `${label} duplicated`, { node: from, from, to: o.to, msgId: dupId, data: { of: id } });
    }
  }
}

// Contexts depend only on cluster size, server and rule, so they are built once and shared
// (this runs on every event of the experiments' hot loop).
const ctxCache = new Map<number, NodeCtx[]>();

function ctxOf(s: RaftState, id: NodeId): NodeCtx {
  const n = s.servers.length;
  const key = n * 2 + (s.params.brokenCommit ? 1 : 0);
  let list = ctxCache.get(key);
  if (!list) {
    const ids = s.servers.map((sv) => sv.id);
    list = ids.map((me) => ({ peers: ids.filter((x) => x !== me), majority: majorityOf(n), brokenCommit: s.params.brokenCommit }));
    ctxCache.set(key, list);
  }
  const i = indexOf(s, id);
  return list[i];
}

/** Index of a server by id: ids are S1…Sn, so this is arithmetic, with a search as a fallback. */
function indexOf(s: RaftState, id: NodeId): number {
  const i = Number(id.slice(1)) - 1;
  return s.servers[i]?.id === id ? i : s.servers.findIndex((sv) => sv.id === id);
}

/** Install a handler's result: arm timers, send messages, update the monitor, trace role changes. */
function install(s: RaftState, d: Draft, now: Time, idx: number, step: Step): void {
  const before = d.servers[idx];
  let after = step.s;
  if (step.resetElection) {
    const t = uniform(d.rngTimers, s.params.electionMin, s.params.electionMax);
    d.rngTimers = t.next;
    after = { ...after, electionAt: now + t.value, electionArmedAt: now };
  }
  if (step.becameLeader) after = { ...after, electionAt: Infinity, heartbeatAt: now + s.params.heartbeat };
  d.servers[idx] = after;
  if (after.role !== before.role || after.currentTerm !== before.currentTerm) {
    const what =
      after.role === 'leader'
        ? `${after.id} won the election: leader of term ${after.currentTerm}`
        : after.role === 'candidate'
          ? `${after.id} timed out: candidate for term ${after.currentTerm}`
          : `${after.id} is a follower in term ${after.currentTerm}`;
    record(s, d, now, 'note', what, { node: after.id, data: { role: after.role, term: after.currentTerm } });
  }
  if (after.commitIndex > before.commitIndex && after.role === 'leader') {
    record(s, d, now, 'note', `${after.id} committed up to index ${after.commitIndex}`, { node: after.id });
  }
  if (s.params.checkInvariants) {
    const n = d.monitor.violations.length;
    d.monitor = observe(d.monitor, before, after, d.servers, { t: now, seq: d.traceLen });
    for (const v of d.monitor.violations.slice(n)) {
      record(s, d, now, 'note', `Invariant violated (${v.invariant}): ${v.message}`, { node: after.id, data: v });
    }
  }
  for (const o of step.out) send(s, d, now, after.id, o);
}

/** Process the single earliest pending event. Returns the same state if nothing is pending. */
export function stepOnce(s: RaftState): RaftState {
  const t = peekTime(s);
  if (t === Infinity) return s;
  const d = draftOf(s);
  if (s.inFlight.length > 0 && s.inFlight[0].deliverAt === t) {
    const f = s.inFlight[0];
    d.inFlight = s.inFlight.slice(1);
    const idx = indexOf(s, f.to);
    const target = s.servers[idx];
    const label = s.params.recordTrace ? describeMsg(f.msg) : '';
    if (!target.up) {
      record(s, d, t, 'drop', `${label} lost: ${f.to} is down`, { node: f.to, from: f.from, to: f.to, msgId: f.id });
    } else if (!connected(s.groups, f.from, f.to)) {
      record(s, d, t, 'drop', `${label} lost: partition`, { node: f.to, from: f.from, to: f.to, msgId: f.id });
    } else {
      record(s, d, t, 'deliver', label, { node: f.to, from: f.from, to: f.to, msgId: f.id, data: f.msg });
      install(s, d, t, idx, onMessage(target, f.from, f.msg, ctxOf(s, target.id)));
    }
    return finish(s, d, t);
  }
  const idx = s.servers.findIndex((sv) => sv.electionAt === t || sv.heartbeatAt === t);
  const sv = s.servers[idx];
  if (sv.heartbeatAt === t) {
    d.servers[idx] = { ...sv, heartbeatAt: t + s.params.heartbeat };
    record(s, d, t, 'timer', `${sv.id} heartbeat timer`, { node: sv.id });
    install(s, d, t, idx, onHeartbeat(d.servers[idx], ctxOf(s, sv.id)));
  } else {
    d.servers[idx] = { ...sv, electionAt: Infinity };
    record(s, d, t, 'timer', `${sv.id} election timeout`, { node: sv.id });
    install(s, d, t, idx, onElectionTimeout(d.servers[idx], ctxOf(s, sv.id)));
  }
  return finish(s, d, t);
}

/** The up leader with the highest term, if any. */
export function currentLeader(s: RaftState): Server | undefined {
  let best: Server | undefined;
  for (const sv of s.servers) if (sv.up && sv.role === 'leader' && (!best || sv.currentTerm > best.currentTerm)) best = sv;
  return best;
}

/** Resolve '@leader' (and check ids); undefined if no such server. */
export function resolveNode(s: RaftState, node: NodeId): number {
  if (node === '@leader') {
    const l = currentLeader(s);
    return l ? s.servers.indexOf(l) : -1;
  }
  return s.servers.findIndex((sv) => sv.id === node);
}

/** Apply a reader action at the current virtual time. Invalid targets leave a note and change nothing else. */
export function applyAction(s: RaftState, a: RaftAction): RaftState {
  const d = draftOf(s);
  const now = s.now;
  const note = (text: string) => record(s, d, now, 'note', text);
  switch (a.type) {
    case 'crash':
    case 'restart':
    case 'timeout': {
      const idx = resolveNode(s, a.node);
      if (idx < 0) {
        note(a.node === '@leader' ? `No leader to ${a.type}.` : `No server ${a.node}.`);
        break;
      }
      const sv = s.servers[idx];
      if (a.type === 'crash') {
        if (!sv.up) break;
        d.servers[idx] = crash(sv);
        record(s, d, now, 'crash', `${sv.id} crashed`, { node: sv.id });
      } else if (a.type === 'restart') {
        if (sv.up) break;
        record(s, d, now, 'restart', `${sv.id} restarted`, { node: sv.id });
        install(s, d, now, idx, { s: restart(sv), out: [], resetElection: true, becameLeader: false });
      } else {
        if (!sv.up || sv.role === 'leader') {
          note(`${sv.id} cannot time out: it is ${sv.up ? 'the leader' : 'down'}.`);
          break;
        }
        record(s, d, now, 'timer', `${sv.id} forced to time out`, { node: sv.id });
        d.servers[idx] = { ...sv, electionAt: Infinity };
        install(s, d, now, idx, onElectionTimeout(d.servers[idx], ctxOf(s, sv.id)));
      }
      break;
    }
    case 'partition': {
      d.groups = a.groups.map((g) => [...g]);
      record(s, d, now, 'partition', `Partition ${a.groups.map((g) => g.join(',')).join(' | ')}`, { data: a.groups });
      break;
    }
    case 'heal': {
      d.groups = null;
      record(s, d, now, 'heal', 'Network healed');
      break;
    }
    case 'drop': {
      const f = s.inFlight.find((m) => m.id === a.msgId);
      if (!f) {
        note(`Message ${a.msgId} is not in flight.`);
        break;
      }
      d.inFlight = s.inFlight.filter((m) => m.id !== a.msgId);
      record(s, d, now, 'drop', `${describeMsg(f.msg)} dropped by the reader`, { node: f.to, from: f.from, to: f.to, msgId: f.id });
      break;
    }
    case 'request': {
      const idx = resolveNode(s, a.node ?? '@leader');
      const sv = idx >= 0 ? s.servers[idx] : undefined;
      const n = d.nextCmd++;
      const cmd = a.cmd ?? `x${n}`;
      const step = sv ? onClientRequest(sv, { term: sv.currentTerm, cmd, id: `e${n}` }, ctxOf(s, sv.id)) : null;
      if (!sv || !step) {
        record(s, d, now, 'action', `Client request ${cmd} refused: ${sv ? `${sv.id} is not the leader` : 'no leader'}`, {
          node: sv?.id,
        });
        break;
      }
      record(s, d, now, 'action', `Client request ${cmd} → ${sv.id} (index ${step.s.log.length}, term ${sv.currentTerm})`, {
        node: sv.id,
      });
      install(s, d, now, idx, step);
      break;
    }
  }
  return finish(s, d, now);
}

/** Process every event due at or before `t`, then move the clock to `t`. */
export function runUntil(s: RaftState, t: Time): RaftState {
  let cur = s;
  while (peekTime(cur) <= t) cur = stepOnce(cur);
  return cur.now === t || t < cur.now ? cur : { ...cur, now: t };
}
