/**
 * Pure analysis of a quorum run's history, for the view and the tests.
 *
 * Staleness follows Bailis et al. (VLDB 2012, §3): a read is stale if it
 * returns a version older than the newest write that had *committed* (W acks)
 * before the read began. A "new–old inversion" is the linearizability
 * violation of §1 of Attiya, Bar-Noy & Dolev: read r1 finishes before read r2
 * starts, yet r2 returns an older version than r1.
 */
import type { NodeId } from '../core/types';
import type { WorldState } from '../core/world';
import type { ClientState, Op, QMsg, QNode, QuorumParams } from './types';

/** The quorum world's state. */
export type QuorumState = WorldState<QuorumParams, QNode, QMsg>;

/** Every operation of every client, by start time. */
export function allOps(s: QuorumState): Op[] {
  const ops: Op[] = [];
  for (const id of s.nodeIds) {
    const n = s.nodes[id].state;
    if (n.kind === 'client') ops.push(...(n as ClientState).ops);
  }
  return ops.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}

/** A finished read with its verdict. */
export interface ReadVerdict {
  readonly op: Op;
  /** Newest version committed before the read began (0 if none). */
  readonly latestCommitted: number;
  /** The write that committed it, if any. */
  readonly write: Op | null;
  readonly stale: boolean;
  /** Replicas in both the read's quorum and that write's quorum. */
  readonly overlap: readonly NodeId[];
}

/** Verdicts for every completed read. */
export function readVerdicts(s: QuorumState): ReadVerdict[] {
  const ops = allOps(s);
  const writes = ops.filter((o) => o.kind === 'write' && o.status === 'done' && o.end !== null);
  return ops
    .filter((o) => o.kind === 'read' && o.status === 'done')
    .map((op) => {
      let write: Op | null = null;
      for (const w of writes) if ((w.end as number) < op.start && (!write || w.version > write.version)) write = w;
      const latestCommitted = write ? write.version : 0;
      const overlap = write ? op.quorum.filter((n) => write!.quorum.includes(n)) : [];
      return { op, latestCommitted, write, stale: op.version < latestCommitted, overlap };
    });
}

/** A pair of reads that no linearizable register could produce. */
export interface Inversion {
  readonly earlier: Op;
  readonly later: Op;
}

/** Every new–old inversion among completed reads. */
export function inversions(s: QuorumState): Inversion[] {
  const reads = allOps(s).filter((o) => o.kind === 'read' && o.status === 'done' && o.end !== null);
  const out: Inversion[] = [];
  for (const a of reads) for (const b of reads) if ((a.end as number) < b.start && b.version < a.version) out.push({ earlier: a, later: b });
  return out;
}

/** Versions currently held by the replicas, in replica order. */
export function replicaVersions(s: QuorumState): { node: NodeId; version: number; up: boolean }[] {
  return s.nodeIds
    .filter((id) => s.nodes[id].state.kind === 'replica')
    .map((id) => ({ node: id, version: (s.nodes[id].state as { version: number }).version, up: s.nodes[id].up }));
}

/** True if every replica holds the same version. */
export function converged(s: QuorumState): boolean {
  const vs = replicaVersions(s);
  return vs.every((v) => v.version === vs[0].version);
}
