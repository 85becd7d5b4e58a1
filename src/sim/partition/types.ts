/** Data types of the partition (CAP) core. Everything is plain, serialisable data. */
import type { NodeId, Time, TraceEntry } from '../core/types';

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
  /** Latency spread as a fraction of the mean (0–0.9). */
  readonly jitter: number;
  /** How long a CP coordinator waits for a majority before failing the request (ms). */
  readonly opTimeout: number;
}

/** One stored version of the register. */
export interface Version {
  readonly writeId: number;
  readonly value: string;
  /** CP: ABD tag counter; AP: the writer's clock (virtual time) for last-writer-wins. */
  readonly ts: number;
  /** Tie-breaker for equal `ts`. */
  readonly node: NodeId;
  /** Version vector: which writes (per coordinating node) this version has seen. */
  readonly vv: Readonly<Record<NodeId, number>>;
}

/** Register contents at one replica: CP and LWW keep one version, siblings keeps every concurrent one. */
export interface Replica {
  readonly versions: readonly Version[];
}

/** Protocol messages between replicas. */
export type PMsgBody =
  | { readonly type: 'query'; readonly op: number }
  | { readonly type: 'query-reply'; readonly op: number; readonly versions: readonly Version[] }
  | { readonly type: 'store'; readonly op: number; readonly version: Version }
  | { readonly type: 'store-ack'; readonly op: number }
  | { readonly type: 'replicate'; readonly version: Version }
  | { readonly type: 'sync'; readonly versions: readonly Version[] };

/** A message on the wire. */
export interface PMsg {
  readonly id: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly sentAt: Time;
  readonly deliverAt: Time;
  readonly body: PMsgBody;
}

/** A pending internal event. */
export type PEvent =
  | { readonly kind: 'deliver'; readonly msg: PMsg }
  | { readonly kind: 'op-timeout'; readonly op: number };

/** Queue entry, ordered by (at, seq). */
export interface Scheduled {
  readonly at: Time;
  readonly seq: number;
  readonly ev: PEvent;
}

/** A client request and, once finished, its outcome. */
export interface ClientOp {
  readonly id: number;
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
  /** Write id created by this op (writes only). */
  readonly writeId?: number;
  /** Reads only: missed the latest write acknowledged before it started. */
  readonly stale?: boolean;
}

/** Everything known about one write, for marking lost and conflicting writes. */
export interface WriteRecord {
  readonly id: number;
  readonly value: string;
  readonly client: string;
  readonly node: NodeId;
  readonly invokedAt: Time;
  readonly ackedAt?: Time;
  /** The version this write created (CP: once its tag is chosen). */
  readonly version?: Version;
  /** Set when a replica discarded it for a concurrent write (LWW): acknowledged but gone. */
  readonly lostTo?: number;
}

/** A client and the replica it talks to. */
export interface ClientInfo {
  readonly id: string;
  readonly node: NodeId;
}

/** Full state of a partition-lab run. */
export interface PartitionState {
  readonly params: PartitionParams;
  readonly now: Time;
  readonly rng: number;
  readonly seq: number;
  readonly nextMsg: number;
  readonly nextOp: number;
  readonly nextWrite: number;
  readonly nodes: readonly NodeId[];
  readonly clients: readonly ClientInfo[];
  readonly replicas: Readonly<Record<NodeId, Replica>>;
  readonly groups: readonly (readonly NodeId[])[] | null;
  readonly queue: readonly Scheduled[];
  readonly ops: readonly ClientOp[];
  readonly writes: readonly WriteRecord[];
  readonly trace: readonly TraceEntry[];
}

/** Reader actions (the log). */
export type PartitionAction =
  | { readonly type: 'net/partition'; readonly groups: readonly (readonly NodeId[])[] }
  | { readonly type: 'net/heal' }
  | { readonly type: 'client/write'; readonly client: string; readonly value: string }
  | { readonly type: 'client/read'; readonly client: string };
