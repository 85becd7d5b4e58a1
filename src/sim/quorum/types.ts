/**
 * Types of the quorum-replication core: Dynamo-style N/W/R replication
 * (DeCandia et al., "Dynamo", SOSP 2007, §4.5) as analysed by Bailis et al.,
 * "Probabilistically Bounded Staleness for Practical Partial Quorums",
 * VLDB 2012, §2 and §4: a coordinator (here the client) sends every write and
 * read to all N replicas and waits for the first W acks or R replies.
 */
import type { NodeId, Time } from '../core/types';
import type { Dist } from '../core/dist';

/** What a read does about stale replicas it hears from. */
export type RepairMode =
  /** Nothing: stale replicas stay stale until the next write reaches them. */
  | 'off'
  /** Read repair (Dynamo): after answering, send the newest value to replicas that replied with older ones. */
  | 'async'
  /** Write-back before returning (Attiya, Bar-Noy & Dolev 1995): the read waits for W acks of the value it returns. */
  | 'blocking';

/** Parameters of a quorum run. */
export interface QuorumParams {
  /** Replicas, 1–9. */
  readonly n: number;
  /** Write quorum, 1–n. */
  readonly w: number;
  /** Read quorum, 1–n. */
  readonly r: number;
  readonly repair: RepairMode;
  /** Clients, 1–3 (c1 writes by default, c2 and c3 read). */
  readonly clients: number;
  /** One-way delay of every client↔replica message (scenarios override single links). */
  readonly latency: Dist;
  /** A client gives up on an operation after this many ms. */
  readonly timeout: Time;
}

/** A replica's stored version. Versions are totally ordered numbers: 10·counter + client index; 0 is the initial value. */
export interface ReplicaState {
  readonly kind: 'replica';
  readonly version: number;
  /** When this replica stored its current version (for the view). */
  readonly since: Time;
}

/** One reply to a read. */
export interface Reply {
  readonly node: NodeId;
  readonly version: number;
  readonly at: Time;
}

/** An operation as its client sees it. */
export interface Op {
  readonly id: string;
  readonly kind: 'write' | 'read';
  readonly client: NodeId;
  readonly start: Time;
  /** When the client returned (commit for a write, answer for a read); null while in progress. */
  readonly end: Time | null;
  readonly status: 'pending' | 'writeback' | 'done' | 'failed';
  /** Write: the version written. Read: the version returned (once known). */
  readonly version: number;
  /** Replicas that acknowledged the write (or the read's write-back), in order. */
  readonly acks: readonly NodeId[];
  /** Replies to a read, in order of arrival. */
  readonly replies: readonly Reply[];
  /** The quorum that decided: the first W ackers of a write, or the first R repliers of a read. */
  readonly quorum: readonly NodeId[];
  /** Replicas this read sent a repair to. */
  readonly repaired: readonly NodeId[];
}

/** A client's state: its version counter and its operations. */
export interface ClientState {
  readonly kind: 'client';
  /** Highest version counter seen, so a new write is newer than anything this client has read. */
  readonly counter: number;
  readonly ops: readonly Op[];
}

/** State of any node. */
export type QNode = ReplicaState | ClientState;

/** Messages between clients and replicas. */
export type QMsg =
  | { readonly type: 'write'; readonly op: string; readonly version: number; readonly repair: boolean }
  | { readonly type: 'ack'; readonly op: string; readonly version: number }
  | { readonly type: 'read'; readonly op: string }
  | { readonly type: 'reply'; readonly op: string; readonly version: number };

/** Reader commands. */
export type QCmd = { readonly type: 'q/write'; readonly client: NodeId } | { readonly type: 'q/read'; readonly client: NodeId };

/** Replica ids in order. */
export const REPLICAS: readonly NodeId[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'];
/** Client ids in order. */
export const CLIENTS: readonly NodeId[] = ['c1', 'c2', 'c3'];

/** "v3" for version 31; writes from clients other than c1 carry their name: "v3·c2". */
export function versionLabel(v: number): string {
  if (v === 0) return 'v0';
  const n = Math.floor(v / 10);
  const c = v % 10;
  return c <= 1 ? `v${n}` : `v${n}·c${c}`;
}
