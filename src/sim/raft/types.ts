/**
 * Data types of the Raft core: servers, RPC messages, reader actions and the whole-cluster state.
 *
 * Field names follow Figure 2 of Ongaro & Ousterhout, "In Search of an Understandable
 * Consensus Algorithm" (USENIX ATC 2014), so the code reads against the paper.
 * Log indices are 1-based, as in the paper; `log[i - 1]` holds entry i.
 */
import type { NodeId, Time, TraceEntry } from '../core/types';

/** Role of a server (paper §5.1). */
export type Role = 'follower' | 'candidate' | 'leader';

/** One log entry. `id` is unique per created entry so invariants can tell two commands apart. */
export interface Entry {
  readonly term: number;
  readonly cmd: string;
  readonly id: string;
}

/** One server: persistent state (survives a crash), volatile state, and timers. */
export interface Server {
  readonly id: NodeId;
  readonly up: boolean;
  // Persistent on all servers (Figure 2): kept across crash and restart.
  readonly currentTerm: number;
  readonly votedFor: NodeId | null;
  readonly log: readonly Entry[];
  // Volatile on all servers: reset by a restart.
  readonly role: Role;
  readonly commitIndex: number;
  /** Who this server believes leads its current term (for display and client redirects). */
  readonly leaderId: NodeId | null;
  /** Votes received as a candidate in currentTerm. */
  readonly votes: readonly NodeId[];
  // Volatile on leaders, reinitialised after each election.
  readonly nextIndex: Readonly<Record<NodeId, number>>;
  readonly matchIndex: Readonly<Record<NodeId, number>>;
  // Timers, as absolute virtual times (Infinity when not armed).
  readonly electionAt: Time;
  /** When the current election timer was armed, so views can draw its progress. */
  readonly electionArmedAt: Time;
  readonly heartbeatAt: Time;
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

/** A message in the network, with the virtual times that animate it. */
export interface Flight {
  readonly id: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly sentAt: Time;
  readonly deliverAt: Time;
  readonly msg: RaftMsg;
}

/**
 * A reader (or narration, or test) action. `node` may be the alias '@leader' (the up leader with the
 * highest term at the moment the action applies), so scripts need not know who won an election.
 */
export type RaftAction =
  | { readonly type: 'crash'; readonly node: NodeId }
  | { readonly type: 'restart'; readonly node: NodeId }
  | { readonly type: 'timeout'; readonly node: NodeId }
  | { readonly type: 'partition'; readonly groups: readonly (readonly NodeId[])[] }
  | { readonly type: 'heal' }
  | { readonly type: 'drop'; readonly msgId: number }
  | { readonly type: 'request'; readonly node?: NodeId; readonly cmd?: string };

/** Parameters of a run. Times in virtual milliseconds. */
export interface RaftParams {
  /** Cluster size, 3 to 9. */
  readonly servers: number;
  readonly electionMin: number;
  readonly electionMax: number;
  readonly heartbeat: number;
  /** One-way message latency, uniform in [latencyMin, latencyMax]. */
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
  /** applied[i - 1] = id of the entry first applied at index i by any server (dense: cheap to copy). */
  readonly applied: readonly (string | undefined)[];
  /** committed[i - 1] = the first commit recorded at index i by a leader. */
  readonly committed: readonly (CommitRecord | undefined)[];
  readonly violations: readonly Violation[];
}

/**
 * Append-only trace shared between successive states: a state sees `entries[0 .. len)`.
 * Appending from the newest state pushes in place; appending from an older state copies first,
 * so no state ever observes a change to its own prefix.
 */
export interface TraceBuf {
  readonly entries: TraceEntry[];
}

/** The whole cluster at one virtual instant. */
export interface RaftState {
  readonly params: RaftParams;
  readonly seed: number;
  readonly now: Time;
  readonly servers: readonly Server[];
  /** Messages in the network, sorted by (deliverAt, id). */
  readonly inFlight: readonly Flight[];
  /** Partition groups, or null when the network is whole. */
  readonly groups: readonly (readonly NodeId[])[] | null;
  readonly rngNet: number;
  readonly rngTimers: number;
  readonly nextMsgId: number;
  /** Counter for entry ids and client command names. */
  readonly nextCmd: number;
  readonly monitor: Monitor;
  readonly traceBuf: TraceBuf;
  readonly traceLen: number;
}
