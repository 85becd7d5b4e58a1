/**
 * Pure selectors from the Raft core's state to what the Raft lab draws. No React here, so they
 * are unit-tested directly.
 */
import type { NodeId, Time } from '../../sim/core';
import { inFlight } from '../../sim/core';
import { describeWorldAction } from '../../sim/core';
import type { InvariantId, RaftAction, RaftMsg, RaftState, Role, Server, Violation } from '../../sim/raft';
import { describeMsg } from '../../sim/raft';
import { leaderOf, serversOf } from '../../sim/raft';

/** Every server of the state, as views show it (own state, up, election timer). */
export const servers = (s: RaftState): readonly Server[] => serversOf(s.world);

/** One server as the picture shows it. */
export interface ServerView {
  readonly id: NodeId;
  readonly up: boolean;
  readonly role: Role;
  readonly term: number;
  readonly votedFor: NodeId | null;
  /** Fraction of the election timeout already elapsed (0..1), or null when no timer runs. */
  readonly timer: number | null;
  readonly commitIndex: number;
  readonly logLength: number;
}

/** Server summaries at the state's current time. */
export function serverViews(s: RaftState): ServerView[] {
  const now = s.world.now;
  return servers(s).map((sv) => {
    const span = sv.electionAt - sv.electionArmedAt;
    const timer =
      sv.up && sv.role !== 'leader' && Number.isFinite(sv.electionAt) && span > 0
        ? Math.min(1, Math.max(0, (now - sv.electionArmedAt) / span))
        : null;
    return {
      id: sv.id,
      up: sv.up,
      role: sv.role,
      term: sv.currentTerm,
      votedFor: sv.votedFor,
      timer,
      commitIndex: sv.commitIndex,
      logLength: sv.log.length,
    };
  });
}

/** A message drawn in flight, with its progress along the link from simulation time. */
export interface FlightView {
  /** Message id (a duplicated message's copies share it; dropping it drops both). */
  readonly id: number;
  /** Unique per drawn copy, for React keys. */
  readonly key: string;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly kind: RaftMsg['type'];
  readonly label: string;
  /** Short glyph label: type and term, e.g. "AE t2" (HB for an empty AppendEntries, V✓/V✗ for votes). */
  readonly short: string;
  /** The message's term. */
  readonly term: number;
  readonly sentAt: Time;
  readonly deliverAt: Time;
  /** Why it will not arrive (a drop or a partition), or null. */
  readonly doomed: string | null;
  /** 0 at send, 1 at delivery. */
  readonly progress: number;
}

/** The short label drawn beside a message glyph: its type and term. */
export function shortMsg(m: RaftMsg): string {
  switch (m.type) {
    case 'RequestVote':
      return `RV t${m.term}`;
    case 'RequestVoteReply':
      return `${m.voteGranted ? 'V✓' : 'V✗'} t${m.term}`;
    case 'AppendEntries':
      return m.entries.length === 0 ? `HB t${m.term}` : `AE t${m.term} +${m.entries.length}`;
    case 'AppendEntriesReply':
      return `${m.success ? 'ok' : 'no'} t${m.term}`;
  }
}

/** Messages in flight at the state's time (sorted by id, so keys and tab order are stable). */
export function flightViews(s: RaftState): FlightView[] {
  return inFlight(s.world)
    .sort((a, b) => a.msgId - b.msgId || Number(a.dup) - Number(b.dup))
    .map((f) => ({
      id: f.msgId,
      key: `${f.msgId}${f.dup ? 'd' : ''}`,
      from: f.from,
      to: f.to,
      kind: f.msg.type,
      label: describeMsg(f.msg),
      short: shortMsg(f.msg),
      term: f.msg.term,
      sentAt: f.sent,
      deliverAt: f.arrive,
      doomed: f.doomed === null || f.doomed === undefined ? null : String(f.doomed),
      progress: progressAt(f.sent, f.arrive, s.world.now),
    }));
}

/** Progress of a message along its link at time `now`. */
export function progressAt(sentAt: Time, deliverAt: Time, now: Time): number {
  if (deliverAt <= sentAt) return 1;
  return Math.min(1, Math.max(0, (now - sentAt) / (deliverAt - sentAt)));
}

/** One cell of the log grid. */
export interface LogCell {
  readonly index: number;
  readonly term: number;
  readonly cmd: string;
  readonly committed: boolean;
}

/** One row of the log grid: a server's log and, on a leader, its view of each follower. */
export interface LogRow {
  readonly id: NodeId;
  readonly up: boolean;
  readonly role: Role;
  readonly commitIndex: number;
  readonly cells: readonly LogCell[];
}

/** The log grid (every server's log, oldest entry first). */
export function logRows(s: RaftState): LogRow[] {
  return servers(s).map((sv) => ({
    id: sv.id,
    up: sv.up,
    role: sv.role,
    commitIndex: sv.commitIndex,
    cells: sv.log.map((e, i) => ({ index: i + 1, term: e.term, cmd: e.cmd, committed: i + 1 <= sv.commitIndex })),
  }));
}

/**
 * How many log indices the grid draws: the last LOG_WINDOW of the longest log. Appends, conflicting
 * entries and commits happen at the tail, and a 400-entry log drawn in full was 3,600 animated cells
 * re-rendered on every seek (about 170 ms per seek in Chromium; bench:browser).
 */
export const LOG_WINDOW = 40;

/** The indices the grid draws, [first, last], for logs (and nextIndex ticks) reaching `width`. */
export function logWindow(width: number, size = LOG_WINDOW): { first: number; last: number } {
  const last = Math.max(1, width);
  return { first: Math.max(1, last - size + 1), last };
}

/** nextIndex and matchIndex of one follower, as its leader sees it. */
export interface ProgressRow {
  readonly peer: NodeId;
  readonly nextIndex: number;
  readonly matchIndex: number;
}

/** The leader's replication state (for the up leader with the highest term), or null. */
export function leaderProgress(s: RaftState): { leader: NodeId; term: number; rows: ProgressRow[] } | null {
  const id = leaderOf(s.world);
  if (id === undefined) return null;
  const leader = s.world.nodes[id].state;
  return {
    leader: leader.id,
    term: leader.currentTerm,
    rows: Object.keys(leader.nextIndex)
      .sort()
      .map((peer) => ({ peer, nextIndex: leader.nextIndex[peer], matchIndex: leader.matchIndex[peer] ?? 0 })),
  };
}

/** Display names of the four properties, in Figure 3's order. */
export const INVARIANTS: readonly { id: InvariantId; name: string; meaning: string }[] = [
  { id: 'election-safety', name: 'Election Safety', meaning: 'at most one leader per term' },
  { id: 'log-matching', name: 'Log Matching', meaning: 'same index and term ⇒ same log up to there' },
  { id: 'leader-completeness', name: 'Leader Completeness', meaning: 'committed entries appear in every later leader’s log' },
  { id: 'state-machine-safety', name: 'State Machine Safety', meaning: 'no two servers apply different commands at one index' },
];

/** Status of each property so far, with its first violation if any. */
export function invariantStatus(s: RaftState): { id: InvariantId; name: string; meaning: string; first: Violation | null }[] {
  return INVARIANTS.map((inv) => ({ ...inv, first: s.monitor.violations.find((v) => v.invariant === inv.id) ?? null }));
}

/** First violation of any property, or null. */
export function firstViolation(s: RaftState): Violation | null {
  return s.monitor.violations[0] ?? null;
}

/**
 * Colour of a term: a hue walk by the golden angle so adjacent terms differ strongly. Lightness is
 * fixed at a level where white text passes contrast in both themes.
 */
export function termColor(term: number): string {
  if (term <= 0) return 'var(--fg-muted)';
  return `hsl(${Math.round((term * 137.508 + 200) % 360)} 60% 36%)`;
}

/** Human text for an action in the event table and controls. */
export function describeRaftAction(a: RaftAction): string {
  const who = (n: NodeId) => (n === '@leader' ? 'the leader' : n);
  switch (a.type) {
    case 'node/crash':
      return `Crash ${who(a.node)}`;
    case 'node/restart':
      return `Restart ${who(a.node)}`;
    case 'raft/timeout':
      return `Time out ${who(a.node)}`;
    case 'net/partition':
      return `Partition ${a.groups.map((g) => g.join(',')).join(' | ')}`;
    case 'net/heal':
      return 'Heal the network';
    case 'net/drop':
      return `Drop message ${a.msgId}`;
    case 'raft/request':
      return `Client request${a.cmd ? ` ${a.cmd}` : ''} to ${who(a.node ?? '@leader')}`;
    default:
      return describeWorldAction(a);
  }
}

/** Partitions the lab offers as one-click presets, given the current state. */
export function partitionPresets(s: RaftState): { label: string; groups: NodeId[][] }[] {
  const ids = s.world.nodeIds;
  const leader = leaderOf(s.world);
  const out: { label: string; groups: NodeId[][] }[] = [];
  if (leader) {
    const others = ids.filter((i) => i !== leader);
    out.push({ label: `Isolate leader ${leader}`, groups: [[leader], others] });
    // A minority that still contains the old leader plus one follower (a "minority leader").
    const minoritySize = Math.floor((ids.length - 1) / 2);
    if (minoritySize >= 2) {
      const minority = [leader, ...others.slice(0, minoritySize - 1)];
      out.push({ label: `Leader in minority: ${minority.join(',')}`, groups: [minority, ids.filter((i) => !minority.includes(i))] });
    }
  }
  const half = Math.floor(ids.length / 2);
  out.push({ label: `Split ${ids.slice(0, half).join(',')} | ${ids.slice(half).join(',')}`, groups: [ids.slice(0, half), ids.slice(half)] });
  return out;
}
