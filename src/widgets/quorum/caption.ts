/**
 * The quorum lab's step caption: what the latest step did and why, in terms of N, W and R
 * (Dynamo-style quorums: a read sees the latest acknowledged write when R + W > N). Pure; the
 * contract is `StepCaptionSelector` in src/widgets/shared/stepCaption.ts.
 */
import type { TraceEntry } from '../../sim/core';
import { versionLabel, type QuorumState } from '../../sim/quorum';
import { dropReason, findIn, latestStep, plainStep } from '../shared/stepCaption';

/** The newest version any replica stores right now. */
function newestStored(s: QuorumState): number {
  let v = 0;
  for (const id of s.nodeIds) {
    const st = s.nodes[id].state as { kind: string; version?: number };
    if (st.kind === 'replica' && typeof st.version === 'number') v = Math.max(v, st.version);
  }
  return v;
}

const plural = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;

/** One sentence: what the latest step in a quorum run did, and why. */
export function quorumCaption(s: QuorumState, trace: readonly TraceEntry[]): string {
  const { n, w, r } = s.params;
  const overlap = r + w > n;
  const step = latestStep(trace, s.now);
  if (!step) {
    return `${n} replicas; a write needs ${plural(w, 'acknowledgement', 'acknowledgements')} and a read ${plural(r, 'reply', 'replies')}. R + W = ${r + w} ${overlap ? `> N = ${n}, so every read quorum overlaps every write quorum` : `≤ N = ${n}, so a read quorum can miss the latest write`}.`;
  }
  const c = step.cause;
  const fx = step.effects;
  const committed = findIn(fx, /write (\S+) committed/);
  if (committed) return `${committed.node} has ${w} acknowledgement${w === 1 ? '' : 's'} for ${/write (\S+)/.exec(committed.label)![1]}, so the write is committed: W = ${w} of ${n} replicas store it${overlap ? ', and any R replicas include at least one of them' : ', but a read of R replicas may not include any of them'}.`;
  const returned = findIn(fx, /read returns (\S+) \(R = /);
  if (returned) {
    const v = /read returns (\S+)/.exec(returned.label)![1];
    const newest = versionLabel(newestStored(s));
    const stale = v !== newest;
    const why = overlap
      ? stale
        ? `it missed ${newest}, which a write is still spreading: R + W > N promises only that a read overlaps every committed write`
        : 'R + W > N, so its replies overlap the replicas of every committed write'
      : stale
        ? `because R + W ≤ N, ${r === 1 ? 'its one reply came from a replica' : `all ${r} replies came from replicas`} that missed ${newest}: a stale read`
        : 'R + W ≤ N, so this read was lucky to reach a replica with the latest write';
    return `${returned.node} read ${v}, ${r === 1 ? 'from its only reply' : `the newest of its ${r} replies`}; ${why}.`;
  }
  const writeBack = findIn(fx, /read saw (\S+); writing it back/);
  if (writeBack) return `${writeBack.node}'s replies disagree, so before answering it writes the newest version back to a write quorum: then no later read can see an older value.`;
  const repaired = findIn(fx, /repaired to (\S+)/);
  if (repaired) return `${repaired.node} was behind, so the reader sent it ${/repaired to (\S+)/.exec(repaired.label)![1]} (read repair); later reads of ${repaired.node} see the newer value.`;
  const timedOut = findIn(fx, /timed out with/);
  if (timedOut) return `${timedOut.label}: fewer than ${/write/.test(timedOut.label) ? `W = ${w}` : `R = ${r}`} replicas answered in time, so the client gave up.`;
  if (!c) return plainStep(step);
  const l = c.label;
  switch (c.kind) {
    case 'action':
      if (/ writes$/.test(l)) return `${c.node} sent a new version to all ${n} replicas; the write counts as committed after ${plural(w, 'acknowledgement', 'acknowledgements')}.`;
      if (/ reads$/.test(l)) return `${c.node} asked all ${n} replicas for their version; it answers with the newest of the first ${plural(r, 'reply', 'replies')}.`;
      if (/^set link/.test(l)) return `The link ${l.replace(/^set link /, '')} now has its own delay, which decides which replicas answer first.`;
      return plainStep(step);
    case 'deliver':
      if (/^write /.test(l)) return `${c.node} stored ${l.replace(/^write /, '')} and acknowledged it to ${c.from}.`;
      if (/^ack /.test(l)) return `${c.node} got ${c.from}'s acknowledgement for ${l.replace(/^ack /, '')}; the write commits at ${w}.`;
      if (/^read$/.test(l)) return `${c.node} answered ${c.from}'s read with the version it stores.`;
      if (/^reply /.test(l)) return `${c.node} got ${c.from}'s reply, ${l.replace(/^reply /, '')}; it answers after ${plural(r, 'reply', 'replies')}.`;
      return plainStep(step);
    case 'partition':
      return `The network split: ${l.replace(/^partition /, '')}. Messages across the cut are lost, so some quorums can no longer be reached.`;
    case 'heal':
      return 'The network healed: every replica can be reached again, and stale replicas can catch up through read repair.';
    case 'drop': {
      const reason = dropReason(c);
      if (reason === 'reader') return `You dropped message #${c.msgId}${c.from && c.to ? ` from ${c.from} to ${c.to}` : ''} before it arrived, so ${c.to ?? 'its receiver'} never sees it.`;
      const why = reason === 'node down' ? 'the replica is down' : reason === 'loss' ? 'the network lost it' : 'the link is cut';
      return `A ${l.replace(/ dropped.*$/, '')} message from ${c.from} to ${c.to} was lost (${why}), so ${c.to} never sees it.`;
    }
    case 'crash':
      return `${c.node ?? l} crashed: it stores nothing new and answers nobody, so quorums must be found among the others.`;
    case 'restart':
      return `${c.node ?? l} restarted with the version it had stored, possibly behind the others.`;
    default:
      return plainStep(step);
  }
}
