/**
 * Pure read-outs of a replication run for the lab, the checker and the experiments: the current
 * leader, acknowledged writes the current leader does not have, the session history in the
 * checker's terms, and where replicas' logs disagree.
 */
import type { NodeId } from '../core/types';
import type { WorldState } from '../core/world';
import type { ClientState, Entry, Op, ReplicaState, ReplicationParams, RMsg, RNode } from './types';
import type { History, HRead, HWrite } from './history';

/** The replication world's state. */
export type ReplicationState = WorldState<ReplicationParams, RNode, RMsg>;

/** Replica states by id, in node order. */
export function replicas(s: ReplicationState): { id: NodeId; up: boolean; state: ReplicaState }[] {
  return s.nodeIds.flatMap((id) => {
    const rec = s.nodes[id];
    return rec.state.kind === 'replica' ? [{ id, up: rec.up, state: rec.state }] : [];
  });
}

/** Every client operation, in start order. */
export function allOps(s: ReplicationState): Op[] {
  return s.nodeIds
    .flatMap((id) => {
      const st = s.nodes[id].state;
      return st.kind === 'client' ? (st as ClientState).ops : [];
    })
    .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
}

/** The leader with the highest epoch (the one the cluster follows), or null. */
export function currentLeader(s: ReplicationState): { id: NodeId; state: ReplicaState } | null {
  let best: { id: NodeId; state: ReplicaState } | null = null;
  for (const r of replicas(s)) if (r.state.role === 'leader' && (!best || r.state.epoch > best.state.epoch)) best = r;
  return best;
}

/** Writes acknowledged to their client that the current leader's log does not hold. */
export function lostAckedWrites(s: ReplicationState): Op[] {
  const leader = currentLeader(s);
  if (!leader) return [];
  const have = new Set(leader.state.log.map((e) => e.op));
  return allOps(s).filter((o) => o.kind === 'write' && o.status === 'ok' && !have.has(o.id));
}

/** Position of an entry in the write order: epoch first, then log position. */
export const entryPos = (e: Entry): number => e.epoch * 1_048_576 + e.seq;

/** The run as a checker history: writes that reached some log, and completed reads. */
export function historyOf(s: ReplicationState): History {
  const pos = new Map<string, number>();
  for (const r of replicas(s)) for (const e of r.state.log) pos.set(e.op, Math.max(pos.get(e.op) ?? -Infinity, entryPos(e)));
  const ops = allOps(s);
  const writes: HWrite[] = ops
    .filter((o) => o.kind === 'write' && pos.has(o.id))
    .map((o) => ({ id: o.id, session: o.client, key: o.keys[0], pos: pos.get(o.id)!, start: o.start, end: o.status === 'ok' ? o.end : null }));
  const reads: HRead[] = ops
    .filter((o) => o.kind === 'read' && o.status === 'ok' && o.end !== null)
    .map((o) => ({ id: o.id, session: o.client, start: o.start, end: o.end!, results: o.parts.map((p) => ({ key: p.key, write: p.op, replica: p.replica })) }));
  return { writes, reads };
}

/** Log positions (1-based) where two replicas both hold an entry and the entries differ. */
export function divergence(s: ReplicationState): { seq: number; replicas: NodeId[] }[] {
  const rs = replicas(s);
  const out: { seq: number; replicas: NodeId[] }[] = [];
  const longest = Math.max(0, ...rs.map((r) => r.state.log.length));
  for (let i = 0; i < longest; i++) {
    const ids = new Set(rs.map((r) => r.state.log[i]?.op).filter((x): x is string => x !== undefined));
    if (ids.size > 1) out.push({ seq: i + 1, replicas: rs.filter((r) => r.state.log[i]).map((r) => r.id) });
  }
  return out;
}

/** Totals of entries accepted from a stale epoch and refused by fencing, over all replicas. */
export function fencingCounts(s: ReplicationState): { staleAccepted: number; refused: number } {
  return replicas(s).reduce((a, r) => ({ staleAccepted: a.staleAccepted + r.state.staleAccepted, refused: a.refused + r.state.refused }), { staleAccepted: 0, refused: 0 });
}
