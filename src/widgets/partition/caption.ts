/**
 * The partition lab's step caption: what the latest step did and why, in CAP's terms (Gilbert &
 * Lynch 2002): in CP mode an operation needs a majority (ABD's query and store phases), in AP mode
 * each replica answers alone and replicates in the background. Pure; the contract is
 * `StepCaptionSelector` in src/widgets/shared/stepCaption.ts.
 */
import type { TraceEntry } from '../../sim/core';
import { majority, partitionGroups, type PartitionState } from '../../sim/partition';
import { dropReason, findIn, latestStep, plainStep, sentence } from '../shared/stepCaption';

/** One sentence: what the latest step in a partition run did, and why. */
export function partitionCaption(s: PartitionState, trace: readonly TraceEntry[]): string {
  const cp = s.params.mode === 'CP';
  const n = s.nodeIds.length;
  const maj = majority(s);
  const step = latestStep(trace, s.now);
  if (!step) {
    return cp
      ? `${n} replicas in CP mode: every read and write must hear from a majority (${maj} of ${n}), so a replica cut off from the majority refuses rather than answer wrongly.`
      : `${n} replicas in AP mode: every replica answers on its own and copies writes to the others in the background, so it stays available but can fall behind.`;
  }
  const c = step.cause;
  const fx = step.effects;
  const l = c?.label ?? '';

  const lost = findIn(fx, /lost: .* kept concurrent/);
  if (lost) return `${sentence(lost.label)} Last writer wins keeps one of two concurrent writes and silently drops the other, even though both were acknowledged.`;
  const failed = findIn(fx, /failed — no majority/);
  if (failed) {
    const [who, what] = failed.label.split(': ');
    return `${who}'s ${what.replace(/ failed.*$/, '')} failed: its replica heard from ${/heard from (\d+ of \d+)/.exec(failed.label)?.[1] ?? 'too few'} replicas, fewer than the ${maj} CP needs, so it refused rather than risk an inconsistent answer.`;
  }
  const acked = findIn(fx, /write "(.*)" acknowledged/);
  if (acked) {
    const [who] = acked.label.split(':');
    return cp
      ? `${who}'s write ${/"(.*)"/.exec(acked.label)![0]} is acknowledged: a majority (${maj} of ${n}) stored it, so every later majority read will see it.`
      : `${who}'s write ${/"(.*)"/.exec(acked.label)![0]} was acknowledged at once by its own replica (AP); the other replicas only learn of it if the network lets the copies through.`;
  }
  const read = findIn(fx, /read returned (.*)$/);
  if (read) {
    const [who] = read.label.split(':');
    return cp
      ? `${who}'s read returned ${/returned (.*)$/.exec(read.label)![1]}, the newest version among a majority of replicas, which includes every acknowledged write.`
      : `${who}'s read returned ${/returned (.*)$/.exec(read.label)![1]}, whatever its own replica holds: ${partitionGroups(s) ? 'while the network is split it may be stale' : 'after the heal the replicas have merged, so it agrees with the others once the copies arrive'}.`;
  }
  if (!c) return plainStep(step);
  switch (c.kind) {
    case 'partition': {
      const groups = l.replace(/^partition /, '').split(' | ');
      return `Partition: the replicas split into ${groups.map((g) => `{${g}}`).join(' and ')}. ${cp ? `Only a side with ${maj} of ${n} replicas can still serve reads and writes.` : 'Every side keeps accepting writes, so their values can diverge.'}`;
    }
    case 'heal': {
      return `The network healed. ${cp ? 'Replicas that missed writes catch up from the next majority operation.' : 'Each replica sends what it holds to the others, and the copies are merged.'}`;
    }
    case 'action':
      if (/ writes "/.test(l)) return `${l} through replica ${c.node}; ${cp ? `the replica first asks a majority for the newest version, then stores the new one at a majority` : 'the replica stores it and acknowledges at once'}.`;
      if (/ reads$/.test(l)) return `${l} through replica ${c.node}; ${cp ? 'the replica asks a majority and returns the newest version' : 'the replica answers from its own copy'}.`;
      return plainStep(step);
    case 'timer':
      return plainStep(step);
    case 'drop': {
      const reason = dropReason(c);
      if (reason === 'reader') return `You dropped message #${c.msgId}${c.from && c.to ? ` from ${c.from} to ${c.to}` : ''} before it arrived, so ${c.to ?? 'its receiver'} never hears of it.`;
      const where = reason === 'partition' ? 'at the partition' : reason === 'loss' ? 'on the network' : 'because the replica is down';
      return `${c.from}'s ${l.replace(/ dropped.*$/, '')} message to ${c.to} was lost ${where}, so ${c.to} never hears of it.`;
    }
    case 'deliver': {
      const msg = l;
      if (/^query /.test(msg)) return `${c.node} answered ${c.from}'s query with the version it holds, so ${c.from} can count it toward its majority.`;
      if (/^reply /.test(msg)) return `${c.node} got ${c.from}'s version (${msg.replace(/^reply \S+: /, '')}); it proceeds once ${maj} replicas have answered.`;
      if (/^store /.test(msg)) return `${c.node} stored ${msg.replace(/^store \S+: /, '')} for ${c.from} and acknowledged it.`;
      if (/^ack /.test(msg)) return `${c.node} got ${c.from}'s acknowledgement; the write completes once ${maj} replicas store it.`;
      if (/^(replicate|sync) /.test(msg)) return `${c.node} received ${msg.replace(/^(replicate|sync) /, '')} from ${c.from} and merged it into its copy.`;
      return plainStep(step);
    }
    default:
      return plainStep(step);
  }
}
