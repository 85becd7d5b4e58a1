import { describe, expect, it } from 'vitest';
import {
  advanceCommit,
  candidateUpToDate,
  newServer,
  onAppendEntries,
  onAppendEntriesReply,
  onElectionTimeout,
  onRequestVote,
  onRequestVoteReply,
  crash,
} from './node';
import type { NodeCtx } from './node';
import type { AppendEntries, Entry, RaftNode as Server } from './types';
import { RaftLog } from './log';

const e = (term: number, cmd: string): Entry => ({ term, cmd, id: `${cmd}` });
const ctx = (id: string, brokenCommit = false): NodeCtx => ({
  peers: ['S1', 'S2', 'S3', 'S4', 'S5'].filter((p) => p !== id),
  majority: 3,
  brokenCommit,
});
// Tests write logs as arrays; the same array always gives the same RaftLog, so identity checks hold.
const logs = new WeakMap<readonly Entry[], RaftLog>();
const asLog = (a: readonly Entry[]): RaftLog => logs.get(a) ?? (logs.set(a, RaftLog.of(a)), logs.get(a)!);
type Over = Omit<Partial<Server>, 'log'> & { log?: readonly Entry[] };
const server = (id: string, over: Over = {}): Server => ({ ...newServer(id), ...over, log: over.log ? asLog(over.log) : RaftLog.empty });
const ae = (over: Partial<AppendEntries>): AppendEntries => ({
  type: 'AppendEntries',
  term: 1,
  leaderId: 'S1',
  prevLogIndex: 0,
  prevLogTerm: 0,
  entries: [],
  leaderCommit: 0,
  ...over,
});

describe('elections (Figure 2, §5.2)', () => {
  it('a timeout makes a follower a candidate of the next term that votes for itself and asks everyone', () => {
    const s = server('S1', { currentTerm: 2, log: [e(1, 'a'), e(2, 'b')] });
    const r = onElectionTimeout(s, ctx('S1'));
    expect(r.s).toMatchObject({ role: 'candidate', currentTerm: 3, votedFor: 'S1', votes: ['S1'] });
    expect(r.out).toHaveLength(4);
    expect(r.out[0].msg).toEqual({ type: 'RequestVote', term: 3, candidateId: 'S1', lastLogIndex: 2, lastLogTerm: 2 });
    expect(r.resetElection).toBe(true);
  });

  it('grants at most one vote per term', () => {
    const v = server('S2', { currentTerm: 1 });
    const first = onRequestVote(v, { type: 'RequestVote', term: 2, candidateId: 'S1', lastLogIndex: 0, lastLogTerm: 0 });
    const second = onRequestVote(first.s, { type: 'RequestVote', term: 2, candidateId: 'S3', lastLogIndex: 0, lastLogTerm: 0 });
    expect(first.out[0].msg).toMatchObject({ voteGranted: true, term: 2 });
    expect(second.out[0].msg).toMatchObject({ voteGranted: false, term: 2 });
    expect(second.s.votedFor).toBe('S1');
  });

  it('refuses a candidate whose log is less up-to-date (§5.4.1) but still adopts its term', () => {
    const v = server('S2', { currentTerm: 3, log: [e(1, 'a'), e(3, 'b')] });
    const r = onRequestVote(v, { type: 'RequestVote', term: 4, candidateId: 'S1', lastLogIndex: 5, lastLogTerm: 2 });
    expect(r.out[0].msg).toMatchObject({ voteGranted: false, term: 4 });
    expect(r.s).toMatchObject({ currentTerm: 4, votedFor: null });
    expect(candidateUpToDate(v, 3, 1)).toBe(false);
    expect(candidateUpToDate(v, 3, 2)).toBe(true);
  });

  it('a majority of votes makes a leader that initialises nextIndex and sends heartbeats', () => {
    let c = onElectionTimeout(server('S1', { log: [e(1, 'a')], currentTerm: 1 }), ctx('S1')).s;
    c = onRequestVoteReply(c, 'S2', { type: 'RequestVoteReply', term: 2, voteGranted: true }, ctx('S1')).s;
    const dup = onRequestVoteReply(c, 'S2', { type: 'RequestVoteReply', term: 2, voteGranted: true }, ctx('S1'));
    expect(dup.s.role).toBe('candidate'); // a duplicated vote does not count twice
    const won = onRequestVoteReply(c, 'S3', { type: 'RequestVoteReply', term: 2, voteGranted: true }, ctx('S1'));
    expect(won.becameLeader).toBe(true);
    expect(won.s.nextIndex).toEqual({ S2: 2, S3: 2, S4: 2, S5: 2 });
    expect(won.s.matchIndex).toEqual({ S2: 0, S3: 0, S4: 0, S5: 0 });
    expect(won.out.map((o) => o.msg.type)).toEqual(['AppendEntries', 'AppendEntries', 'AppendEntries', 'AppendEntries']);
  });
});

describe('AppendEntries receiver (Figure 2, §5.3)', () => {
  it('rejects a stale term and reports its own', () => {
    const r = onAppendEntries(server('S2', { currentTerm: 5 }), ae({ term: 4 }));
    expect(r.out[0].msg).toMatchObject({ success: false, term: 5 });
  });

  it('fails the consistency check when prevLogTerm does not match', () => {
    const r = onAppendEntries(server('S2', { currentTerm: 1, log: [e(1, 'a')] }), ae({ term: 3, prevLogIndex: 1, prevLogTerm: 2 }));
    expect(r.out[0].msg).toMatchObject({ success: false, prevLogIndex: 1 });
    expect(r.s.currentTerm).toBe(3);
  });

  it('deletes a conflicting suffix and appends the leader’s entries', () => {
    const s = server('S2', { currentTerm: 2, log: [e(1, 'a'), e(2, 'stale1'), e(2, 'stale2')] });
    const r = onAppendEntries(s, ae({ term: 3, prevLogIndex: 1, prevLogTerm: 1, entries: [e(3, 'b')], leaderCommit: 2 }));
    expect(r.s.log.map((x) => x.cmd)).toEqual(['a', 'b']);
    expect(r.s.commitIndex).toBe(2);
    expect(r.out[0].msg).toMatchObject({ success: true, matchIndex: 2 });
  });

  it('keeps matching entries beyond a delayed, shorter AppendEntries', () => {
    const s = server('S2', { currentTerm: 1, log: [e(1, 'a'), e(1, 'b'), e(1, 'c')] });
    const r = onAppendEntries(s, ae({ term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [e(1, 'a')], leaderCommit: 3 }));
    expect(r.s.log.map((x) => x.cmd)).toEqual(['a', 'b', 'c']);
    // commitIndex = min(leaderCommit, index of last new entry): entries past 1 are not vouched for by this RPC.
    expect(r.s.commitIndex).toBe(1);
  });

  it('a candidate that hears from a leader of its term steps down', () => {
    const c = server('S2', { currentTerm: 2, role: 'candidate', votedFor: 'S2', votes: ['S2'] });
    const r = onAppendEntries(c, ae({ term: 2 }));
    expect(r.s.role).toBe('follower');
    expect(r.s.leaderId).toBe('S1');
  });
});

describe('leader replication and commit (§5.3, §5.4.2)', () => {
  const leader = (over: Over = {}): Server =>
    server('S1', {
      role: 'leader',
      currentTerm: 3,
      log: [e(1, 'a'), e(3, 'b')],
      nextIndex: { S2: 3, S3: 3, S4: 3, S5: 3 },
      matchIndex: { S2: 0, S3: 0, S4: 0, S5: 0 },
      ...over,
    });

  it('a refusal decrements nextIndex and retries from one entry earlier', () => {
    const r = onAppendEntriesReply(leader(), 'S2', { type: 'AppendEntriesReply', term: 3, success: false, prevLogIndex: 2, matchIndex: 0 }, ctx('S1'));
    expect(r.s.nextIndex.S2).toBe(2);
    expect(r.out[0].msg).toMatchObject({ type: 'AppendEntries', prevLogIndex: 1, prevLogTerm: 1 });
  });

  it('a stale refusal (for an older probe) does not move nextIndex again', () => {
    const r = onAppendEntriesReply(leader({ nextIndex: { S2: 2, S3: 3, S4: 3, S5: 3 } }), 'S2', { type: 'AppendEntriesReply', term: 3, success: false, prevLogIndex: 2, matchIndex: 0 }, ctx('S1'));
    expect(r.s.nextIndex.S2).toBe(2);
    expect(r.out).toHaveLength(0);
  });

  it('commits a current-term entry once a majority stores it', () => {
    let s = leader();
    s = onAppendEntriesReply(s, 'S2', { type: 'AppendEntriesReply', term: 3, success: true, prevLogIndex: 0, matchIndex: 2 }, ctx('S1')).s;
    expect(s.commitIndex).toBe(0);
    s = onAppendEntriesReply(s, 'S3', { type: 'AppendEntriesReply', term: 3, success: true, prevLogIndex: 0, matchIndex: 2 }, ctx('S1')).s;
    expect(s.commitIndex).toBe(2);
  });

  it('never commits an earlier-term entry by counting replicas; the broken rule does', () => {
    const s = leader({ log: [e(1, 'a'), e(2, 'b')], matchIndex: { S2: 2, S3: 2, S4: 0, S5: 0 } });
    expect(advanceCommit(s, ctx('S1')).commitIndex).toBe(0);
    expect(advanceCommit(s, ctx('S1', true)).commitIndex).toBe(2);
  });

  it('a higher term in a reply deposes the leader', () => {
    const r = onAppendEntriesReply(leader(), 'S2', { type: 'AppendEntriesReply', term: 7, success: false, prevLogIndex: 2, matchIndex: 0 }, ctx('S1'));
    expect(r.s).toMatchObject({ role: 'follower', currentTerm: 7, votedFor: null });
    expect(r.resetElection).toBe(true);
  });
});

describe('crash (what the kernel keeps while a server is down)', () => {
  it('keeps currentTerm, votedFor and the log, and forgets volatile state', () => {
    const s = server('S1', { role: 'leader', currentTerm: 4, votedFor: 'S1', log: [e(4, 'a')], commitIndex: 1, nextIndex: { S2: 2 } });
    const r = crash(s);
    expect(r).toMatchObject({ role: 'follower', currentTerm: 4, votedFor: 'S1', commitIndex: 0, nextIndex: {}, matchIndex: {}, votes: [] });
    expect(r.log).toEqual(s.log);
  });
});
