/**
 * Data types of the Raft core: servers, RPC messages, reader actions and the whole-cluster state.
 *
 * Field names follow Figure 2 of Ongaro & Ousterhout, "In Search of an Understandable
 * Consensus Algorithm" (USENIX ATC 2014), so the code reads against the paper.
 * Log indices are 1-based, as in the paper; `log[i - 1]` holds entry i.
 */
import type { NodeId, Time } from '../core/types';
import type { WorldAction } from '../core/actions';
import type { WorldState } from '../core/world';
import type { RaftLog } from './log';
import type { SharedVec } from './sharedVec';

/** Role of a server (paper §5.1). */
export type Role = 'follower' | 'candidate' | 'leader';

/** One log entry. `id` is unique per created entry so invariants can tell two commands apart. */
export interface Entry {
  readonly term: number;
  readonly cmd: string;
  readonly id: string;
}

/**
 * One server's own state (the protocol's node state on the kernel). Timers are the kernel's named
 * node timers ('election', 'heartbeat'), and whether the server is up is the kernel's too.
 */
export interface RaftNode {
  readonly id: NodeId;
  // Persistent on all servers (Figure 2): kept across crash and restart.
  readonly currentTerm: number;
  readonly votedFor: NodeId | null;
  /** The log, a persistent value (log.ts): `log.at(i)` holds entry i + 1; `length`, `map` and iteration as on an array. */
  readonly log: RaftLog;
  // Volatile on all servers: reset by a crash.
  readonly role: Role;
  readonly commitIndex: number;
  /** Who this server believes leads its current term (for display and client redirects). */
  readonly leaderId: NodeId | null;
  /** Votes received as a candidate in currentTerm. */
  readonly votes: readonly NodeId[];
  // Volatile on leaders, reinitialised after each election.
  readonly nextIndex: Readonly<Record<NodeId, number>>;
  readonly matchIndex: Readonly<Record<NodeId, number>>;
  /**
   * Experiments only (set when `params.preset` is): when and in which term this server first won an
   * election. A permanent mark, so batched runs can tell an election happened even if the winner
   * was deposed again within the batch.
   */
  readonly elected?: { readonly t: Time; readonly term: number };
  /**
   * Experiments only: when this server first accepted an AppendEntries from a leader of a term
   * after the preset's term 1, i.e. received the new leader's first heartbeat (Figure 16's end point).
   */
  readonly heard?: Time;
  /**
   * This server's clock rate relative to true time (1 + drift), drawn once when `driftPpm` > 0 and
   * kept across crashes; its timers run by its own clock. Absent means a perfect clock.
   */
  readonly clockRate?: number;
  /**
   * Messages waiting for this server's disk write to finish (`diskWrite` > 0): Figure 2 requires
   * currentTerm, votedFor and the log to be on stable storage before a server answers an RPC.
   * Lost if the server crashes before the write completes.
   */
  readonly pending?: readonly { readonly to: NodeId; readonly msg: RaftMsg }[];
}

/** A server as views show it: its own state plus what the world knows (up, the election timer). */
export interface Server extends RaftNode {
  readonly up: boolean;
  /** When the election timer fires (Infinity when not armed). */
  readonly electionAt: Time;
  /** When the current election timer was armed, so views can draw its progress. */
  readonly electionArmedAt: Time;
}

/** RequestVote RPC arguments (Figure 2). */
export interface RequestVote {
  readonly type: 'RequestVote';
  readonly term: number;
  readonly candidateId: NodeId;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

/** RequestVote RPC results. */
export interface RequestVoteReply {
  readonly type: 'RequestVoteReply';
  readonly term: number;
  readonly voteGranted: boolean;
}

/** AppendEntries RPC arguments (Figure 2); an empty `entries` is a heartbeat. */
export interface AppendEntries {
  readonly type: 'AppendEntries';
  readonly term: number;
  readonly leaderId: NodeId;
  readonly prevLogIndex: number;
  readonly prevLogTerm: number;
  readonly entries: readonly Entry[];
  readonly leaderCommit: number;
}

/**
 * AppendEntries RPC results. Besides Figure 2's term and success, the reply echoes which request it
 * answers (prevLogIndex) and how far the follower now matches, because our network may reorder and
 * duplicate replies: the leader must not move nextIndex on a stale answer.
 */
export interface AppendEntriesReply {
  readonly type: 'AppendEntriesReply';
  readonly term: number;
  readonly success: boolean;
  readonly prevLogIndex: number;
  readonly matchIndex: number;
}

/** Every RPC message. */
export type RaftMsg = RequestVote | RequestVoteReply | AppendEntries | AppendEntriesReply;

/** A client request, routed to `node` (a server id, or '@leader' for the up leader with the highest term). */
export interface RequestCmd {
  readonly type: 'raft/request';
  readonly node?: NodeId;
  readonly cmd?: string;
}

/** Force a server's election timer to expire now ('@leader' is refused: leaders have none). */
export interface TimeoutCmd {
  readonly type: 'raft/timeout';
  readonly node: NodeId;
}

/** Raft's own commands, as the protocol receives them (node and command name resolved). */
export type RaftCommand =
  | { readonly type: 'raft/request'; readonly node: NodeId; readonly cmd: string }
  | { readonly type: 'raft/timeout'; readonly node: NodeId };

/**
 * A reader (or narration, or test) action: the kernel's network and crash actions plus Raft's
 * commands. `node` may be the alias '@leader' (the up leader with the highest term when the action
 * applies), so scripts need not know who won an election; the mechanism resolves it.
 */
export type RaftAction = WorldAction | RequestCmd | TimeoutCmd;

/** Parameters of a run. Times in virtual milliseconds. */
export interface RaftParams {
  /** Cluster size, 3 to 9. */
  readonly servers: number;
  readonly electionMin: number;
  readonly electionMax: number;
  readonly heartbeat: number;
  /** One-way message latency, uniform in [latencyMin, latencyMax] (the kernel's link latency). */
  readonly latencyMin: number;
  readonly latencyMax: number;
  /** Probability that the network loses a message. */
  readonly dropRate: number;
  /** Probability that the network delivers a second copy of a message. */
  readonly duplicateRate: number;
  /** The deliberately broken commit rule: count replicas for entries of earlier terms too. */
  readonly brokenCommit: boolean;
  /** Run the four safety checks after every step (off only in timing experiments). */
  readonly checkInvariants: boolean;
  /** Record a trace (off only in timing experiments). */
  readonly recordTrace: boolean;
  /**
   * Time to write persistent state (currentTerm, votedFor, log) to disk, in ms. A server that
   * changed it sends its replies (and a candidate its RequestVotes) only when the write is done.
   * 0 (the lab's default) sends at once.
   */
  readonly diskWrite?: number;
  /** Each server's clock drifts by a constant rate drawn uniformly in ±driftPpm parts per million (0: perfect clocks). */
  readonly driftPpm?: number;
  /** Timer processing jitter: each election and heartbeat timer fires up to this many ms late, uniformly (0: exact). */
  readonly timerJitter?: number;
  /**
   * Experiments only (never read from URLs): start in term 1 with S1 leading and these log lengths,
   * S1 sending one synchronised empty AppendEntries at time 0 (the setup of Figure 16).
   */
  readonly preset?: { readonly logLengths: readonly number[] };
}

/** The four safety properties of Figure 3. */
export type InvariantId = 'election-safety' | 'log-matching' | 'leader-completeness' | 'state-machine-safety';

/** A detected violation, with where in the run it happened. */
export interface Violation {
  readonly invariant: InvariantId;
  readonly t: Time;
  /** Trace length when detected, so the view can jump to it. */
  readonly seq: number;
  readonly message: string;
}

/** An entry known to be committed: at `index`, committed by the leader of `term`. */
export interface CommitRecord {
  readonly index: number;
  readonly entryId: string;
  readonly entryTerm: number;
  readonly term: number;
}

/** Bookkeeping for the live invariant checks (ghost state: no server reads it). */
export interface Monitor {
  /** term → leader elected in it. */
  readonly leaders: Readonly<Record<number, NodeId>>;
  /** applied.at(i - 1) = id of the entry first applied at index i by any server (persistent: sharedVec.ts). */
  readonly applied: SharedVec<string>;
  /** committed.at(i - 1) = the first commit recorded at index i by a leader. */
  readonly committed: SharedVec<CommitRecord>;
  readonly violations: readonly Violation[];
}

/** The kernel world running Raft. */
export type RaftWorld = WorldState<RaftParams, RaftNode, RaftMsg>;

/**
 * The Raft mechanism's state: the kernel world, plus the live invariant monitor (ghost state no
 * server reads, observed after every world step) and a counter for default client command names.
 */
export interface RaftState {
  readonly world: RaftWorld;
  readonly monitor: Monitor;
  readonly nextCmd: number;
}
