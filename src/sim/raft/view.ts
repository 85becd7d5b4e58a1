/**
 * Read-only views of a Raft world for the lab, the experiments and the mechanism: each server as
 * one record (its own state plus what the kernel knows: up, election timer), the current leader,
 * and link state. Pure; results for a world are cached because views ask for them every frame.
 */
import { isCut } from '../core/network';
import type { NodeId } from '../core/types';
import type { RaftWorld, Server } from './types';

const cache = new WeakMap<RaftWorld, readonly Server[]>();

/** Every server in id order, as views show it. */
export function serversOf(w: RaftWorld): readonly Server[] {
  let out = cache.get(w);
  if (out) return out;
  out = w.nodeIds.map((id) => {
    const rec = w.nodes[id];
    const timer = rec.up ? rec.timers.election : undefined;
    return { ...rec.state, up: rec.up, electionAt: timer ? timer.at : Infinity, electionArmedAt: timer ? timer.setAt : 0 };
  });
  cache.set(w, out);
  return out;
}

/** The up leader with the highest term, if any. */
export function leaderOf(w: RaftWorld): NodeId | undefined {
  let best: NodeId | undefined;
  let term = -1;
  for (const id of w.nodeIds) {
    const rec = w.nodes[id];
    if (rec.up && rec.state.role === 'leader' && rec.state.currentTerm > term) {
      best = id;
      term = rec.state.currentTerm;
    }
  }
  return best;
}

/** Can `a` and `b` talk both ways right now? */
export function linked(w: RaftWorld, a: NodeId, b: NodeId): boolean {
  return !isCut(w.net, a, b) && !isCut(w.net, b, a);
}

/** True while any link is cut (a partition is in force). */
export function partitioned(w: RaftWorld): boolean {
  for (const k in w.net.cut) if (w.net.cut[k]) return true;
  return false;
}
