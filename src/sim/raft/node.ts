/**
 * One Raft server's rules as pure functions: Figure 2 of Ongaro & Ousterhout (2014), "Rules for
 * Servers", RequestVote RPC and AppendEntries RPC, plus §5.3's nextIndex repair and §5.4.2's
 * commit restriction.
 *
 * Each handler takes a server and one input and returns the new server plus the messages to send.
 * Handlers never draw random numbers or read clocks: they ask the caller to re-arm the election
 * timer (`resetElection`), and protocol.ts turns that into a kernel timer with a random timeout.
 */
import type { NodeId } from '../core/types';
import type {
  AppendEntries,
  AppendEntriesReply,
  Entry,
  RaftMsg,
  RequestVote,
  RequestVoteReply,
  RaftNode as Server,
} from './types';
import { RaftLog } from './log';

/** What a handler needs to know about the cluster. */
export interface NodeCtx {
  /** Every other server's id. */
  readonly peers: readonly NodeId[];
  /** Votes or replicas needed: floor(n/2) + 1. */
  readonly majority: number;
  /** Use the deliberately unsafe commit rule (count replicas of entries from any term). */
  readonly brokenCommit: boolean;
}

/** A message to send. */
export interface Out {
  readonly to: NodeId;
  readonly msg: RaftMsg;
}

/** A handler's result. */
export interface Step {
  readonly s: Server;
  readonly out: readonly Out[];
  /** Re-arm the election timer with a fresh random timeout. */
  readonly resetElection: boolean;
  /** This step won an election: the caller arms the heartbeat timer. */
  readonly becameLeader: boolean;
}

const none = (s: Server): Step => ({ s, out: [], resetElection: false, becameLeader: false });

/** Index of the last log entry (0 for an empty log). */
export const lastIndex = (s: Server): number => s.log.length;

/** Term of the entry at `index` (0 for index 0, the empty prefix). */
export const termAt = (s: Server, index: number): number => s.log.termAt(index);

/** A server as a handler fills it in before returning it. */
export type ServerDraft = { -readonly [K in keyof Server]: Server[K] };

/**
 * A copy of `s` for a handler to change, built with every field (optional ones too, possibly
 * undefined) in one fixed order. Why not `{ ...s, … }`: spreading servers whose optional fields
 * differed went megamorphic in V8, and those spreads were the top self-time lines of the
 * experiment-mode profile (a quarter of its time); one literal gives every server one shape.
 */
export function copyServer(s: Server): ServerDraft {
  return {
    id: s.id,
    currentTerm: s.currentTerm,
    votedFor: s.votedFor,
    log: s.log,
    role: s.role,
    commitIndex: s.commitIndex,
    leaderId: s.leaderId,
    votes: s.votes,
    nextIndex: s.nextIndex,
    matchIndex: s.matchIndex,
    elected: s.elected,
    heard: s.heard,
    clockRate: s.clockRate,
    pending: s.pending,
  };
}

/** A fresh server with empty persistent state. */
export function newServer(id: NodeId): Server {
  return copyServer({
    id,
    currentTerm: 0,
    votedFor: null,
    log: RaftLog.empty,
    role: 'follower',
    commitIndex: 0,
    leaderId: null,
    votes: [],
    nextIndex: {},
    matchIndex: {},
  });
}

/** Figure 2, all servers: a higher term in any RPC makes a server adopt it and become a follower. */
function adoptTerm(s: Server, term: number): Server {
  if (term <= s.currentTerm) return s;
  const n = copyServer(s);
  n.currentTerm = term;
  n.votedFor = null;
  n.role = 'follower';
  n.votes = [];
  n.leaderId = null;
  return n;
}

/** A copy of a string-keyed record with one key set (nextIndex, matchIndex). */
function setKey(r: Readonly<Record<NodeId, number>>, k: NodeId, v: number): Record<NodeId, number> {
  const out: Record<NodeId, number> = {};
  for (const key in r) out[key] = r[key];
  out[k] = v;
  return out;
}

/** §5.4.1: is a candidate's log (lastTerm, lastIndex) at least as up-to-date as the voter's? */
export function candidateUpToDate(s: Server, lastLogTerm: number, lastLogIndex: number): boolean {
  const myTerm = termAt(s, lastIndex(s));
  return lastLogTerm > myTerm || (lastLogTerm === myTerm && lastLogIndex >= lastIndex(s));
}

/** The AppendEntries a leader sends to `peer`: everything from nextIndex[peer] on. */
export function appendEntriesFor(s: Server, peer: NodeId): AppendEntries {
  const next = s.nextIndex[peer] ?? lastIndex(s) + 1;
  const prevLogIndex = next - 1;
  return {
    type: 'AppendEntries',
    term: s.currentTerm,
    leaderId: s.id,
    prevLogIndex,
    prevLogTerm: termAt(s, prevLogIndex),
    entries: s.log.slice(prevLogIndex),
    leaderCommit: s.commitIndex,
  };
}

function broadcastAppend(s: Server, ctx: NodeCtx): Out[] {
  return ctx.peers.map((to) => ({ to, msg: appendEntriesFor(s, to) }));
}

/** Followers and candidates: the election timer fired, so start an election (§5.2). */
export function onElectionTimeout(s: Server, ctx: NodeCtx): Step {
  if (s.role === 'leader') return none(s);
  const term = s.currentTerm + 1;
  const cand = copyServer(s);
  cand.role = 'candidate';
  cand.currentTerm = term;
  cand.votedFor = s.id;
  cand.votes = [s.id];
  cand.leaderId = null;
  let next: Server = cand;
  const rv: RequestVote = {
    type: 'RequestVote',
    term,
    candidateId: s.id,
    lastLogIndex: lastIndex(s),
    lastLogTerm: termAt(s, lastIndex(s)),
  };
  if (next.votes.length >= ctx.majority) {
    next = becomeLeader(next, ctx);
    return { s: next, out: broadcastAppend(next, ctx), resetElection: false, becameLeader: true };
  }
  return { s: next, out: ctx.peers.map((to) => ({ to, msg: rv })), resetElection: true, becameLeader: false };
}

function becomeLeader(s: Server, ctx: NodeCtx): Server {
  const nextIndex: Record<NodeId, number> = {};
  const matchIndex: Record<NodeId, number> = {};
  for (const p of ctx.peers) {
    nextIndex[p] = lastIndex(s) + 1;
    matchIndex[p] = 0;
  }
  const n = copyServer(s);
  n.role = 'leader';
  n.leaderId = s.id;
  n.nextIndex = nextIndex;
  n.matchIndex = matchIndex;
  return n;
}

/** RequestVote RPC receiver implementation (Figure 2). */
export function onRequestVote(s0: Server, m: RequestVote): Step {
  const s = adoptTerm(s0, m.term);
  const wasLeader = s !== s0 && s0.role === 'leader';
  const grant =
    m.term === s.currentTerm &&
    (s.votedFor === null || s.votedFor === m.candidateId) &&
    candidateUpToDate(s, m.lastLogTerm, m.lastLogIndex);
  const reply: RequestVoteReply = { type: 'RequestVoteReply', term: s.currentTerm, voteGranted: grant };
  return {
    s: grant ? voteFor(s, m.candidateId) : s,
    out: [{ to: m.candidateId, msg: reply }],
    // Granting a vote resets the timer (Figure 2, followers); a deposed leader needs a timer again.
    resetElection: grant || wasLeader,
    becameLeader: false,
  };
}

function voteFor(s: Server, candidate: NodeId): Server {
  const n = copyServer(s);
  n.votedFor = candidate;
  return n;
}

/** A candidate counts a vote; a majority makes it leader, which at once asserts itself with heartbeats. */
export function onRequestVoteReply(s0: Server, from: NodeId, m: RequestVoteReply, ctx: NodeCtx): Step {
  const s = adoptTerm(s0, m.term);
  if (s !== s0) return { s, out: [], resetElection: s0.role === 'leader', becameLeader: false };
  if (s.role !== 'candidate' || m.term !== s.currentTerm || !m.voteGranted || s.votes.includes(from)) return none(s);
  const draft = copyServer(s);
  draft.votes = [...s.votes, from];
  const voted: Server = draft;
  if (voted.votes.length < ctx.majority) return none(voted);
  const leader = becomeLeader(voted, ctx);
  return { s: leader, out: broadcastAppend(leader, ctx), resetElection: false, becameLeader: true };
}

/** AppendEntries RPC receiver implementation (Figure 2), including the consistency check (§5.3). */
export function onAppendEntries(s0: Server, m: AppendEntries): Step {
  const s1 = adoptTerm(s0, m.term);
  // 1. Reply false if term < currentTerm.
  if (m.term < s1.currentTerm) return refuse(s1, m, false);
  // A current-term AppendEntries means a legitimate leader exists: candidates step down (§5.2).
  // One copy serves both this and the log and commit changes below (the handler owns it until it returns).
  const s = copyServer(s1);
  s.role = 'follower';
  s.leaderId = m.leaderId;
  s.votes = s1.votes.length === 0 ? s1.votes : [];
  // 2. Reply false if log doesn't contain an entry at prevLogIndex whose term matches prevLogTerm.
  if (m.prevLogIndex > lastIndex(s) || termAt(s, m.prevLogIndex) !== m.prevLogTerm) return refuse(s, m, true);
  // 3–4. Delete a conflicting entry and all that follow it; append entries not already in the log.
  // Entries that already match are kept, so a delayed, shorter AppendEntries never truncates the log.
  // The log is persistent (log.ts): appending from the newest state copies nothing, and truncating
  // shares the prefix (copying the log on every append was the top entry of the experiment profile).
  let log = s.log;
  for (let i = 0; i < m.entries.length; i++) {
    const index = m.prevLogIndex + 1 + i;
    if (index <= log.length && log.termAt(index) === m.entries[i].term) continue;
    log = log.truncate(index - 1).append(m.entries, i);
    break;
  }
  const lastNew = m.prevLogIndex + m.entries.length;
  // 5. If leaderCommit > commitIndex, commitIndex = min(leaderCommit, index of last new entry).
  const commitIndex = m.leaderCommit > s.commitIndex ? Math.max(s.commitIndex, Math.min(m.leaderCommit, lastNew)) : s.commitIndex;
  s.log = log;
  s.commitIndex = commitIndex;
  return {
    s,
    out: [{ to: m.leaderId, msg: reply(s.currentTerm, true, m.prevLogIndex, lastNew) }],
    resetElection: true,
    becameLeader: false,
  };
}

/** A refused AppendEntries (a function, not a closure in the handler: it runs on every event). */
function refuse(s: Server, m: AppendEntries, reset: boolean): Step {
  return { s, out: [{ to: m.leaderId, msg: reply(s.currentTerm, false, m.prevLogIndex, 0) }], resetElection: reset, becameLeader: false };
}

function reply(term: number, success: boolean, prevLogIndex: number, matchIndex: number): AppendEntriesReply {
  return { type: 'AppendEntriesReply', term, success, prevLogIndex, matchIndex };
}

/** Leader: advance commitIndex per Figure 2 (only current-term entries count, §5.4.2) — or the broken rule. */
export function advanceCommit(s: Server, ctx: NodeCtx): Server {
  for (let n = lastIndex(s); n > s.commitIndex; n--) {
    if (!ctx.brokenCommit && s.log.termAt(n) !== s.currentTerm) continue;
    let count = 1; // the leader itself
    for (const p of ctx.peers) if ((s.matchIndex[p] ?? 0) >= n) count++;
    if (count >= ctx.majority) {
      const c = copyServer(s);
      c.commitIndex = n;
      return c;
    }
  }
  return s;
}

/** Leader: handle an AppendEntries reply; on failure decrement nextIndex and retry (§5.3). */
export function onAppendEntriesReply(s0: Server, from: NodeId, m: AppendEntriesReply, ctx: NodeCtx): Step {
  const s = adoptTerm(s0, m.term);
  if (s !== s0) return { s, out: [], resetElection: s0.role === 'leader', becameLeader: false };
  if (s.role !== 'leader' || m.term !== s.currentTerm) return none(s);
  const next = s.nextIndex[from] ?? lastIndex(s) + 1;
  if (m.success) {
    const match = Math.max(s.matchIndex[from] ?? 0, m.matchIndex);
    // Most replies (to heartbeats, duplicates) change nothing: keep the state, and the commit point,
    // which depends only on the log and matchIndex, as they are.
    if (match === s.matchIndex[from] && Math.max(next, match + 1) === next) return none(s);
    const updated = copyServer(s);
    updated.matchIndex = setKey(s.matchIndex, from, match);
    updated.nextIndex = setKey(s.nextIndex, from, Math.max(next, match + 1));
    const committed = advanceCommit(updated, ctx);
    return none(committed);
  }
  // Only the answer to the probe at the current nextIndex moves it; stale or duplicated replies do not.
  if (m.prevLogIndex + 1 !== next || next <= 1) return none(s);
  const retried = copyServer(s);
  retried.nextIndex = setKey(s.nextIndex, from, next - 1);
  return { s: retried, out: [{ to: from, msg: appendEntriesFor(retried, from) }], resetElection: false, becameLeader: false };
}

/** Leader: the heartbeat timer fired; send AppendEntries (with any missing entries) to every peer. */
export function onHeartbeat(s: Server, ctx: NodeCtx): Step {
  if (s.role !== 'leader') return none(s);
  return { s, out: broadcastAppend(s, ctx), resetElection: false, becameLeader: false };
}

/** Leader: a client command; append it and replicate at once. Non-leaders refuse (null). */
export function onClientRequest(s: Server, entry: Entry, ctx: NodeCtx): Step | null {
  if (s.role !== 'leader') return null;
  const next = copyServer(s);
  next.log = s.log.append([entry]);
  // A one-server majority would commit immediately; with ≥ 3 servers this is a no-op.
  const committed = advanceCommit(next, ctx);
  return { s: committed, out: broadcastAppend(committed, ctx), resetElection: false, becameLeader: false };
}

/** Dispatch one delivered message to its handler. */
export function onMessage(s: Server, from: NodeId, msg: RaftMsg, ctx: NodeCtx): Step {
  switch (msg.type) {
    case 'RequestVote':
      return onRequestVote(s, msg);
    case 'RequestVoteReply':
      return onRequestVoteReply(s, from, msg, ctx);
    case 'AppendEntries':
      return onAppendEntries(s, msg);
    case 'AppendEntriesReply':
      return onAppendEntriesReply(s, from, msg, ctx);
  }
}

/**
 * Crash: only persistent state (currentTerm, votedFor, log) survives; volatile state starts over
 * (follower, commitIndex 0, no votes, no nextIndex/matchIndex), as after a restart in Figure 2.
 */
export function crash(s: Server): Server {
  // Messages still waiting for a disk write (`pending`) are lost with the process.
  const n = copyServer(s);
  n.pending = undefined;
  n.role = 'follower';
  n.commitIndex = 0;
  n.leaderId = null;
  n.votes = [];
  n.nextIndex = {};
  n.matchIndex = {};
  return n;
}
