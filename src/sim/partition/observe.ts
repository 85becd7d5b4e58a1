/**
 * Cross-replica bookkeeping, derived (pure) from the world state: the client requests every
 * coordinator recorded, the writes with their fate ("acknowledged, then lost to …"), stale
 * reads, divergence and the current partition. No replica could know these alone; an observer
 * who sees every node can, which is what the lab and the property tests need.
 */
import type { NodeId } from '../core/types';
import { connectedGroups } from '../core/network';
import { attachClients } from './mechanism';
import { majorityOf } from './replica';
import { reflects } from './versions';
import type { ClientInfo, ClientOp, PartitionState, ReplicaNode, Version, WriteRecord } from './types';

/** One replica's state. */
export function replica(s: PartitionState, node: NodeId): ReplicaNode {
  return s.nodes[node].state;
}

/** The versions a replica holds. */
export function versionsAt(s: PartitionState, node: NodeId): readonly Version[] {
  return replica(s, node).versions;
}

/** Smallest majority of the replicas. */
export function majority(s: PartitionState): number {
  return majorityOf(s.nodeIds.length);
}

/** The clients and the replica each talks to. */
export function clientsOf(s: PartitionState): ClientInfo[] {
  return attachClients(s.nodeIds, s.params.clients);
}

/** Every client request so far, in invocation order (ties: replica order, then id). */
export function allOps(s: PartitionState): ClientOp[] {
  const rank = (n: NodeId) => s.nodeIds.indexOf(n);
  const ops = s.nodeIds.flatMap((n) => replica(s, n).ops);
  return ops.sort((a, b) => a.invokedAt - b.invokedAt || rank(a.node) - rank(b.node) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Every write so far with its fate: acknowledged when, and lost to which concurrent write (earliest discard). */
export function allWrites(s: PartitionState): WriteRecord[] {
  const lost = new Map<string, { winner: string; at: number }>();
  for (const n of s.nodeIds)
    for (const d of replica(s, n).discards) {
      const prev = lost.get(d.writeId);
      if (!prev || d.at < prev.at) lost.set(d.writeId, { winner: d.winner, at: d.at });
    }
  return allOps(s)
    .filter((o) => o.kind === 'write')
    .map((o) => {
      const l = lost.get(o.id);
      return {
        id: o.id,
        value: o.value!,
        client: o.client,
        node: o.node,
        invokedAt: o.invokedAt,
        ackedAt: o.status === 'ok' ? o.doneAt : undefined,
        version: o.version,
        lostTo: l?.winner,
        lostAt: l?.at,
      };
    });
}

/**
 * Did a finished read miss the latest write that was acknowledged before the read began and
 * had not been discarded by the time the read answered?
 */
export function isStaleRead(s: PartitionState, op: ClientOp, writes: readonly WriteRecord[] = allWrites(s)): boolean {
  if (op.kind !== 'read' || op.status !== 'ok' || !op.result) return false;
  let latest: WriteRecord | undefined;
  for (const w of writes) {
    if (w.ackedAt === undefined || w.ackedAt > op.invokedAt || !w.version) continue;
    if (w.lostAt !== undefined && w.lostAt <= op.doneAt!) continue;
    if (!latest || w.ackedAt > latest.ackedAt! || (w.ackedAt === latest.ackedAt && w.id > latest.id)) latest = w;
  }
  return latest ? !reflects(op.result, latest.version!, s.params.mode) : false;
}

/** The current partition as groups that can reach each other, or null when fully connected. */
export function partitionGroups(s: PartitionState): NodeId[][] | null {
  const g = connectedGroups(s.net, s.nodeIds);
  return g.length > 1 ? g : null;
}

/** Is `node` on a side too small to form a majority? */
export function inMinority(s: PartitionState, node: NodeId): boolean {
  const groups = partitionGroups(s);
  if (!groups) return false;
  const g = groups.find((x) => x.includes(node));
  return !g || g.length < majority(s);
}

/** Do the replicas hold different things right now? */
export function diverged(s: PartitionState): boolean {
  const key = (n: NodeId) => versionsAt(s, n).map((v) => v.writeId).join('|');
  return new Set(s.nodeIds.map(key)).size > 1;
}
