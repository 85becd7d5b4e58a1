/**
 * Data types of the partition (CAP) core. Everything is plain, serialisable data; the network,
 * time, timers, randomness and trace belong to the kernel world (src/sim/core/world.ts).
 */
import type { NodeId, Time } from '../core/types';
import type { WorldOrCommand, WorldState } from '../core/world';

/** CP: majority quorums (linearizable, unavailable on a minority). AP: every node answers alone. */
export type CapMode = 'CP' | 'AP';
/** How AP replicas reconcile concurrent versions. */
export type MergePolicy = 'lww' | 'siblings';

/** Reader-tunable parameters (clamped by `sanitizeParams`). */
export interface PartitionParams {
  /** Replicas, 3–5. */
  readonly nodes: number;
  /** Clients, 1–3, attached to different replicas. */
  readonly clients: number;
  readonly mode: CapMode;
  readonly merge: MergePolicy;
  /** Mean one-way latency between replicas (ms). */
  readonly latency: number;
  /** Latency spread as a fraction of the mean (0–0.9): one-way delay is uniform in mean·(1 ± jitter). */
  readonly jitter: number;
  /** How long a CP coordinator waits for a majority before failing the request (ms). */
  readonly opTimeout: number;
}

/** One stored version of the register. */
export interface Version {
  /** Id of the write that created it (the writing request's id); 'init' for the initial value. */
  readonly writeId: string;
  readonly value: string;
  /** Client that wrote it ('' for the initial value); carried only so losses can be named. */
  readonly client: string;
  /** CP: ABD tag counter; AP: the writer's clock (virtual time) for last-writer-wins. */
  readonly ts: number;
  /** Tie-breaker for equal `ts`: the coordinating replica. */
  readonly node: NodeId;
  /** Version vector: which writes (per coordinating node) this version has seen. */
  readonly vv: Readonly<Record<NodeId, number>>;
}

/** Protocol messages between replicas. */
export type PartitionMsg =
  | { readonly type: 'query'; readonly op: string }
  | { readonly type: 'query-reply'; readonly op: string; readonly versions: readonly Version[] }
  | { readonly type: 'store'; readonly op: string; readonly version: Version }
  | { readonly type: 'store-ack'; readonly op: string }
  | { readonly type: 'replicate'; readonly version: Version }
  | { readonly type: 'sync'; readonly versions: readonly Version[] };

/** A client request as its coordinating replica records it, and, once finished, its outcome. */
export interface ClientOp {
  /** `<client>#<n>`: unique in the run because each client talks to exactly one replica. */
  readonly id: string;
  readonly client: string;
  readonly node: NodeId;
  readonly kind: 'read' | 'write';
  readonly value?: string;
  readonly invokedAt: Time;
  /** CP only: which ABD phase the coordinator is in. */
  readonly phase: 'query' | 'store' | 'done';
  readonly heard: readonly NodeId[];
  readonly best: readonly Version[];
  readonly status: 'pending' | 'ok' | 'error';
  readonly doneAt?: Time;
  readonly result?: readonly Version[];
  readonly error?: string;
  /** The version a write created (CP: once its tag is chosen in the store phase). */
  readonly version?: Version;
}

/** A concurrent version this replica held and threw away under last-writer-wins. */
export interface Discard {
  readonly writeId: string;
  /** The concurrent write that won. */
  readonly winner: string;
  readonly at: Time;
}

/** One replica's state (all of it survives a crash: the register is on disk). */
export interface ReplicaNode {
  /** CP and LWW keep one version; siblings keeps every concurrent one. */
  readonly versions: readonly Version[];
  /** Nodes this replica could send to at the last network change (to notice reconnections). */
  readonly reach: readonly NodeId[];
  /** Requests this replica coordinated for its clients, oldest first. */
  readonly ops: readonly ClientOp[];
  /** Writes this replica held and discarded for a concurrent winner (LWW). */
  readonly discards: readonly Discard[];
}

/** Reader commands, routed by the kernel to the client's replica. */
export type PartitionCommand =
  | { readonly type: 'client/write'; readonly client: string; readonly value: string }
  | { readonly type: 'client/read'; readonly client: string };

/** Reader actions (the log): the kernel's network actions or a client command. */
export type PartitionAction = WorldOrCommand<PartitionCommand>;

/** Full state of a partition-lab run: the kernel world running the replica protocol. */
export type PartitionState = WorldState<PartitionParams, ReplicaNode, PartitionMsg>;

/** A client and the replica it talks to. */
export interface ClientInfo {
  readonly id: string;
  readonly node: NodeId;
}

/** Everything known about one write, derived from the replicas (see observe.ts). */
export interface WriteRecord {
  readonly id: string;
  readonly value: string;
  readonly client: string;
  readonly node: NodeId;
  readonly invokedAt: Time;
  readonly ackedAt?: Time;
  /** The version this write created (CP: once its tag is chosen). */
  readonly version?: Version;
  /** Set when a replica discarded it for a concurrent write (LWW): acknowledged but gone. */
  readonly lostTo?: string;
  /** When the first replica discarded it. */
  readonly lostAt?: Time;
}
