/**
 * Raft (Ongaro & Ousterhout, "In Search of an Understandable Consensus Algorithm", USENIX ATC 2014,
 * Figure 2 and §5) as a kernel `Protocol`: node.ts's pure handlers, wrapped so that the kernel runs
 * the network (latency, loss, duplication, partitions), the crash/restart cycle and the timers.
 *
 * - Election and heartbeat timers are named node timers ('election', 'heartbeat'); the randomised
 *   election timeout (§5.2) is drawn from the node's own kernel stream (`ctx.random`).
 * - A crash keeps currentTerm, votedFor and the log (Figure 2's persistent state); everything else
 *   starts over, and a restarted server arms a fresh election timer.
 * - Client requests and "time this server out" are protocol commands; the mechanism (mechanism.ts)
 *   resolves the '@leader' alias and default command names before they reach a server.
 * - Role changes and commits are noted in the trace from inside the handler that caused them.
 */
import type { Ctx, Protocol } from '../core/protocol';
import type { WorldAction } from '../core/actions';
import type { NodeId, Sanitized } from '../core/types';
import { copyServer, crash, newServer, onClientRequest, onElectionTimeout, onHeartbeat, onMessage, type NodeCtx, type Step } from './node';
import { defaultParams, sanitizeParams } from './params';
import type { AppendEntries, Entry, RaftCommand, RaftMsg, RaftNode, RaftParams } from './types';
import { RaftLog } from './log';

type RCtx = Ctx<RaftMsg, RaftParams>;

/** Server ids S1…Sn, as in the paper's figures. */
export function serverIds(n: number): NodeId[] {
  return Array.from({ length: n }, (_, i) => `S${i + 1}`);
}

/** Votes or replicas needed in a cluster of n. */
export const majorityOf = (n: number): number => Math.floor(n / 2) + 1;

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

/** Text for a Raft command in the trace and the event table. */
export function describeCommand(c: RaftCommand): string {
  if (c.type === 'raft/timeout') return `${c.node} forced to time out`;
  return c.node === '@leader' ? `Client request ${c.cmd} refused: no leader` : `Client request ${c.cmd} to ${c.node}`;
}

// Handler contexts depend only on cluster size, server and rule: built once and shared, because
// they are needed on every event of the experiments' hot loop.
const ctxCache = new Map<number, NodeCtx[]>();

function nodeCtx(ctx: RCtx): NodeCtx {
  const ids = ctx.nodes;
  const key = ids.length * 2 + (ctx.params.brokenCommit ? 1 : 0);
  let list = ctxCache.get(key);
  if (!list) {
    list = ids.map((me) => ({ peers: ids.filter((x) => x !== me), majority: majorityOf(ids.length), brokenCommit: ctx.params.brokenCommit }));
    ctxCache.set(key, list);
  }
  const i = Number(ctx.self.slice(1)) - 1;
  return list[i] ?? list[ids.indexOf(ctx.self)];
}

/**
 * Real-time delay of a timer set for `local` ms by a server whose clock runs at `rate` (1 + drift),
 * plus the timer's processing jitter (it fires up to `timerJitter` ms late). With perfect clocks and
 * no jitter this draws nothing, so the lab's random streams are those of the plain model.
 */
function timerDelay(ctx: RCtx, rate: number | undefined, local: number): number {
  const j = ctx.params.timerJitter ?? 0;
  const d = rate === undefined ? local : local / rate;
  return j > 0 ? d + ctx.random.uniform(0, j) : d;
}

function armElection(ctx: RCtx, rate: number | undefined): void {
  ctx.setTimer('election', timerDelay(ctx, rate, ctx.random.uniform(ctx.params.electionMin, ctx.params.electionMax)));
}

function armHeartbeat(ctx: RCtx, rate: number | undefined): void {
  ctx.setTimer('heartbeat', timerDelay(ctx, rate, ctx.params.heartbeat));
}

/** A copy of a server with one field set (servers keep one shape: see copyServer in node.ts). */
function withField<K extends keyof RaftNode>(s: RaftNode, k: K, v: RaftNode[K]): RaftNode {
  const n = copyServer(s);
  n[k] = v as (typeof n)[K];
  return n;
}

/** Did a step change what Figure 2 keeps on stable storage? */
const persistentChanged = (a: RaftNode, b: RaftNode): boolean => a.currentTerm !== b.currentTerm || a.votedFor !== b.votedFor || a.log !== b.log;

/** Carry out a handler's result: timers, trace notes for role changes and commits, then the sends. */
function install(before: RaftNode, step: Step, ctx: RCtx): RaftNode {
  let after = step.s;
  if (step.becameLeader && ctx.params.preset && !after.elected) after = withField(after, 'elected', { t: ctx.now, term: after.currentTerm });
  if (step.becameLeader) {
    ctx.cancelTimer('election');
    armHeartbeat(ctx, after.clockRate);
  } else if (before.role === 'leader' && after.role !== 'leader') {
    ctx.cancelTimer('heartbeat');
  }
  if (step.resetElection) armElection(ctx, after.clockRate);
  if (ctx.params.recordTrace) {
    if (after.role !== before.role || after.currentTerm !== before.currentTerm) {
      const what =
        after.role === 'leader'
          ? `${after.id} won the election: leader of term ${after.currentTerm}`
          : after.role === 'candidate'
            ? `${after.id} timed out: candidate for term ${after.currentTerm}`
            : `${after.id} is a follower in term ${after.currentTerm}`;
      ctx.note(what, { role: after.role, term: after.currentTerm });
    }
    if (after.commitIndex > before.commitIndex && after.role === 'leader') ctx.note(`${after.id} committed up to index ${after.commitIndex}`);
  }
  // Persist before answering (Figure 2: persistent state is "updated on stable storage before
  // responding to RPCs"). A change to currentTerm, votedFor or the log starts a disk write (changes
  // made while one is in progress join it); until it ends the server holds its replies, and a new
  // leader its first AppendEntries (it may not act on a vote that is not yet stable). Requests are not
  // held: a candidate's RequestVotes and a leader's AppendEntries go out while it writes (a leader
  // writes its own entries in parallel, dissertation §10.2.1).
  const disk = ctx.params.diskWrite ?? 0;
  if (disk > 0) {
    let writing = ctx.timerAt('disk') !== undefined;
    if (!writing && !(before.role === 'leader' && after.role === 'leader') && persistentChanged(before, after)) {
      ctx.setTimer('disk', disk);
      writing = true;
    }
    if (writing && step.out.length > 0) {
      const held: { to: NodeId; msg: RaftMsg }[] = after.pending ? [...after.pending] : [];
      for (const o of step.out) {
        if (step.becameLeader || after.pending !== undefined || o.msg.type === 'RequestVoteReply' || o.msg.type === 'AppendEntriesReply') held.push(o);
        else ctx.send(o.to, o.msg);
      }
      return held.length > 0 ? withField(after, 'pending', held) : after;
    }
  }
  for (const o of step.out) ctx.send(o.to, o.msg);
  return after;
}

const FULL_LOG: readonly Entry[] = [1, 2, 3].map((i) => ({ term: 1, cmd: `c${i}`, id: `c${i}` }));

/**
 * Figure 16's starting point (experiments only): term 1, S1 leads with three entries, followers
 * hold `logLengths[i]` of them, and S1 sends one empty AppendEntries that passes each follower's
 * consistency check, so every follower re-arms its timer one network delay after time 0.
 */
function presetNode(id: NodeId, lengths: readonly number[], ctx: RCtx, rate: number | undefined): RaftNode {
  const i = ctx.nodes.indexOf(id);
  const lenOf = (j: number) => (j === 0 ? FULL_LOG.length : Math.max(0, Math.min(FULL_LOG.length, lengths[j] ?? FULL_LOG.length)));
  const base = copyServer(newServer(id));
  base.currentTerm = 1;
  base.log = RaftLog.of(FULL_LOG.slice(0, lenOf(i)));
  base.commitIndex = 1;
  base.votedFor = 'S1';
  base.leaderId = 'S1';
  base.clockRate = rate;
  if (i !== 0) {
    armElection(ctx, rate);
    return base;
  }
  const nextIndex: Record<NodeId, number> = {};
  const matchIndex: Record<NodeId, number> = {};
  ctx.nodes.forEach((peer, j) => {
    if (j === 0) return;
    nextIndex[peer] = lenOf(j) + 1;
    matchIndex[peer] = lenOf(j);
    const ae: AppendEntries = { type: 'AppendEntries', term: 1, leaderId: id, prevLogIndex: lenOf(j), prevLogTerm: 1, entries: [], leaderCommit: 1 };
    ctx.send(peer, ae);
  });
  armHeartbeat(ctx, rate);
  base.role = 'leader';
  base.nextIndex = nextIndex;
  base.matchIndex = matchIndex;
  return base;
}

const SERVER_RE = /^S[1-9]$/;
const CMD_RE = /^[\w.-]{1,12}$/;

/** Validate a resolved Raft command (the mechanism resolves '@leader' before this). */
export function parseCommand(raw: unknown): RaftCommand | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (r.type === 'raft/timeout') return typeof r.node === 'string' && SERVER_RE.test(r.node) ? { type: 'raft/timeout', node: r.node } : null;
  if (r.type === 'raft/request' && typeof r.node === 'string' && (SERVER_RE.test(r.node) || r.node === '@leader') && typeof r.cmd === 'string' && CMD_RE.test(r.cmd)) {
    return { type: 'raft/request', node: r.node, cmd: r.cmd };
  }
  return null;
}

/** Raft on the kernel's message-passing world. */
export const raftProtocol: Protocol<RaftParams, RaftNode, RaftMsg, RaftCommand> = {
  id: 'raft',
  defaults: defaultParams,
  sanitizeParams: (raw: unknown): Sanitized<RaftParams> => sanitizeParams(raw),
  topology: (p) => ({
    nodes: serverIds(p.servers),
    net: { defaults: { latency: { kind: 'uniform', min: p.latencyMin, max: p.latencyMax }, loss: p.dropRate, dup: p.duplicateRate, fifo: false } },
  }),
  initNode(id, ctx) {
    const ppm = ctx.params.driftPpm ?? 0;
    const rate = ppm > 0 ? 1 + ctx.random.uniform(-ppm, ppm) * 1e-6 : undefined;
    if (ctx.params.preset) return presetNode(id, ctx.params.preset.logLengths, ctx, rate);
    armElection(ctx, rate);
    return rate === undefined ? newServer(id) : withField(newServer(id), 'clockRate', rate);
  },
  onMessage(s, msg, from, ctx) {
    const after = install(s, onMessage(s, from, msg, nodeCtx(ctx)), ctx);
    // Figure 16's end point: the first heartbeat this server accepts from a leader elected after the crash.
    if (ctx.params.preset && after.heard === undefined && msg.type === 'AppendEntries' && msg.term > 1 && msg.term >= s.currentTerm) {
      return withField(after, 'heard', ctx.now);
    }
    return after;
  },
  onTimer(s, name, ctx) {
    if (name === 'election') return install(s, onElectionTimeout(s, nodeCtx(ctx)), ctx);
    if (name === 'heartbeat' && s.role === 'leader') {
      armHeartbeat(ctx, s.clockRate);
      return install(s, onHeartbeat(s, nodeCtx(ctx)), ctx);
    }
    if (name === 'disk' && s.pending) {
      for (const o of s.pending) ctx.send(o.to, o.msg);
      return withField(s, 'pending', undefined);
    }
    return s;
  },
  onCommand(s, cmd, ctx) {
    if (cmd.type === 'raft/timeout') {
      if (s.role === 'leader') {
        ctx.note(`${s.id} cannot time out: it is the leader.`);
        return s;
      }
      ctx.cancelTimer('election');
      return install(s, onElectionTimeout(s, nodeCtx(ctx)), ctx);
    }
    // Entry ids must differ for every created entry: at most one leader per term appends at each index.
    const entry: Entry = { term: s.currentTerm, cmd: cmd.cmd, id: `${s.id}.${s.currentTerm}.${s.log.length + 1}` };
    const step = onClientRequest(s, entry, nodeCtx(ctx));
    if (!step) {
      ctx.note(`Client request ${cmd.cmd} refused: ${s.id} is not the leader`);
      return s;
    }
    ctx.note(`Client request ${cmd.cmd} → ${s.id} (index ${step.s.log.length}, term ${s.currentTerm})`);
    // The AppendEntries just sent to every follower asserts leadership too: heartbeats are needed
    // only when the leader is otherwise idle (§5.2), so the heartbeat interval starts again from now.
    armHeartbeat(ctx, s.clockRate);
    return install(s, step, ctx);
  },
  commandTarget: (cmd) => (SERVER_RE.test(cmd.node) ? cmd.node : null),
  parseCommand,
  onCrash: crash,
  onRestart(s, ctx) {
    armElection(ctx, s.clockRate);
    return s;
  },
  describe: describeMsg,
  describeCommand,
  describeWorldAction(a: WorldAction): string | undefined {
    if (a.type === 'node/crash') return `${a.node} crashed`;
    if (a.type === 'node/restart') return `${a.node} restarted`;
    return undefined;
  },
  // The lab's scenarios live on the mechanism (mechanism.ts): they may name '@leader'.
  scenarios: [],
};
