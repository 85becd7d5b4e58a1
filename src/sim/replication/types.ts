/**
 * Types of the single-leader replication core: a leader appends client writes to its log and ships
 * each entry to its followers, which apply entries in log order (DDIA ch. 5; MySQL and PostgreSQL
 * streaming replication). Asynchronous replication acknowledges a write once the leader has it;
 * semi-synchronous waits for one follower too. Failover promotes a follower under a new epoch, and
 * fencing makes replicas refuse entries stamped with an epoch older than one they have seen.
 */
import type { NodeId } from '../core/types';

/** When the leader acknowledges a write. */
export type ReplicationMode = 'async' | 'semisync';

/** Where a client sends its reads. */
export type ReadPolicy =
  /** Any follower: a load balancer rotates requests over them (each key of a read separately). */
  | 'any'
  /** Always the leader. */
  | 'leader'
  /** The leader for keys this client has written, any follower otherwise (read your own writes). */
  | 'leader-own'
  /** One follower per client, always the same (monotonic reads). */
  | 'sticky'
  /** Rotating like `any`, but a follower answers only once it has applied the client's session token. */
  | 'token';

/** Parameters of a run. */
export interface ReplicationParams {
  /** Followers besides the leader A, 1–4 (replicas B–E). */
  readonly followers: number;
  /** Clients c1–c3. */
  readonly clients: number;
  /** One-way delay between replicas (ms): the replication lag a follower sees. */
  readonly lag: number;
  /** One-way delay between a client and a replica (ms). */
  readonly clientLatency: number;
  readonly mode: ReplicationMode;
  readonly readPolicy: ReadPolicy;
  /** Replicas refuse entries from an epoch older than the newest they know. */
  readonly fencing: boolean;
  /** A client gives up on an operation after this many ms. */
  readonly timeout: number;
}

/** One log entry: a write of `value` to `key`, at log position `seq`, by the leader of `epoch`. */
export interface Entry {
  readonly seq: number;
  readonly epoch: number;
  readonly key: string;
  readonly value: string;
  /** The client operation that made it. */
  readonly op: string;
}

/** A write the leader holds until a follower confirms it (semi-synchronous mode). */
export interface PendingAck {
  readonly op: string;
  readonly client: NodeId;
  readonly seq: number;
}

/** A read waiting until this replica has applied the client's token. */
export interface WaitingRead {
  readonly op: string;
  readonly client: NodeId;
  readonly key: string;
  readonly minSeq: number;
}

/** A replica. `log`, `epoch`, `role` and `leader` are durable; the rest is lost in a crash. */
export interface ReplicaState {
  readonly kind: 'replica';
  readonly role: 'leader' | 'follower';
  /** Highest epoch this replica knows of. */
  readonly epoch: number;
  /** Who it believes leads. */
  readonly leader: NodeId;
  readonly log: readonly Entry[];
  /** Leader: highest log length each follower has confirmed. */
  readonly confirmed: Readonly<Record<NodeId, number>>;
  readonly pending: readonly PendingAck[];
  readonly waiting: readonly WaitingRead[];
  /** Paused (a stop-the-world GC pause): messages wait in `inbox` until it wakes. */
  readonly paused: boolean;
  readonly inbox: readonly { readonly msg: RMsg; readonly from: NodeId }[];
  /** Entries this replica accepted although their epoch was older than one it knew (no fencing). */
  readonly staleAccepted: number;
  /** Entries it refused because of their epoch (fencing). */
  readonly refused: number;
}

/** One key's answer within a read. */
export interface ReadPart {
  readonly key: string;
  readonly replica: NodeId;
  /** The op whose write was returned, or null for the initial value. */
  readonly op: string | null;
  readonly value: string | null;
  /** The answering replica's log length when it answered. */
  readonly applied: number;
}

/** An operation as its client sees it. */
export interface Op {
  readonly id: string;
  readonly kind: 'write' | 'read';
  readonly client: NodeId;
  readonly start: number;
  readonly end: number | null;
  readonly status: 'pending' | 'ok' | 'failed';
  /** Write: the key and value. Read: the keys asked for. */
  readonly keys: readonly string[];
  readonly value?: string;
  /** Write: the leader that acknowledged it, its log position and epoch. */
  readonly by?: NodeId;
  readonly seq?: number;
  readonly epoch?: number;
  /** Read: the answers so far. */
  readonly parts: readonly ReadPart[];
  /** Why it failed. */
  readonly reason?: string;
}

/** A client: which replica it thinks leads, its session token and its operations. */
export interface ClientState {
  readonly kind: 'client';
  readonly leader: NodeId;
  /** Highest log position this session has written or observed (the session token). */
  readonly token: number;
  /** Keys this client has written (for the leader-own read policy). */
  readonly written: readonly string[];
  /** Reads sent so far: a load balancer rotates them over the followers. */
  readonly rr: number;
  readonly ops: readonly Op[];
}

/** Any node's state. */
export type RNode = ReplicaState | ClientState;

/** Messages. */
export type RMsg =
  | { readonly type: 'write'; readonly op: string; readonly key: string; readonly value: string }
  | { readonly type: 'writeOk'; readonly op: string; readonly seq: number; readonly epoch: number }
  | { readonly type: 'writeFail'; readonly op: string; readonly reason: string; readonly leader: NodeId }
  | { readonly type: 'append'; readonly epoch: number; readonly entries: readonly Entry[] }
  | { readonly type: 'appendAck'; readonly epoch: number; readonly have: number; readonly gap: boolean }
  | { readonly type: 'fenced'; readonly epoch: number; readonly leader: NodeId }
  | { readonly type: 'read'; readonly op: string; readonly key: string; readonly minSeq: number }
  | { readonly type: 'readOk'; readonly op: string; readonly part: ReadPart }
  | { readonly type: 'newLeader'; readonly epoch: number; readonly log: readonly Entry[] }
  | { readonly type: 'hello'; readonly epoch: number };

/** Reader commands. */
export type RCmd =
  | { readonly type: 'rep/write'; readonly client: NodeId; readonly key: string; readonly value?: string }
  | { readonly type: 'rep/read'; readonly client: NodeId; readonly keys: readonly string[] }
  /** Promote `to`; `epoch` stands for the coordinator (e.g. ZooKeeper) that hands out increasing epochs (default: its own + 1). */
  | { readonly type: 'rep/failover'; readonly to: NodeId; readonly epoch?: number }
  | { readonly type: 'rep/pause'; readonly node: NodeId; readonly ms: number };

/** Replica ids in order; A starts as leader. */
export const REPLICAS: readonly NodeId[] = ['A', 'B', 'C', 'D', 'E'];
/** Client ids. */
export const CLIENTS: readonly NodeId[] = ['c1', 'c2', 'c3'];
