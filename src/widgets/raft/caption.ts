/**
 * The Raft lab's step caption: what the latest step did and why, in Raft's own terms (Ongaro &
 * Ousterhout 2014, §5.2 elections, §5.3 log replication, §5.4 safety). Pure: state and trace in,
 * one sentence out (the contract is `StepCaptionSelector` in src/widgets/shared/stepCaption.ts).
 */
import type { TraceEntry } from '../../sim/core';
import { majorityOf, type RaftState } from '../../sim/raft';
import { dropReason, findIn, latestStep, plainStep, sentence } from '../shared/stepCaption';

const num = (re: RegExp, s: string): string | undefined => re.exec(s)?.[1];

/** One sentence: what the latest step in a Raft run did, and why. */
export function raftCaption(s: RaftState, trace: readonly TraceEntry[]): string {
  const w = s.world;
  const n = w.nodeIds.length;
  const maj = majorityOf(n);
  const step = latestStep(trace, w.now);
  if (!step) return `${n} servers start as followers in term 0 with empty logs. Each waits for a leader's heartbeat; the first whose randomised election timer runs out will stand for election.`;
  const c = step.cause;
  const fx = step.effects;
  const label = c?.label ?? '';
  const node = c?.node ?? '';

  const candidacy = findIn(step.all, /timed out: candidate for term (\d+)/);
  if (candidacy) {
    const term = num(/term (\d+)/, candidacy.label);
    const who = candidacy.node ?? '';
    if (c?.kind === 'action') return `${who} was made to time out, so it became a candidate for term ${term}, voted for itself and asked the others for their votes.`;
    return `${who}'s election timer expired without a heartbeat from a leader, so it became a candidate for term ${term} and asked for votes; it needs ${maj} of ${n}.`;
  }
  const won = findIn(fx, /won the election: leader of term (\d+)/);
  if (won) return `${won.node} now has votes from a majority (${maj} of ${n}), so it is leader of term ${num(/term (\d+)/, won.label)} and starts sending heartbeats to stop new elections.`;

  if (!c) return plainStep(step);
  switch (c.kind) {
    case 'crash':
      return `${node || label.replace(/ crashed$/, '')} crashed. It answers nothing until restarted; if it was the leader, a follower's election timer will run out and a new election follows.`;
    case 'restart':
      return `${node || label.replace(/ restarted$/, '')} restarted as a follower with the term, vote and log it kept on stable storage; the rest of its state is rebuilt from the leader.`;
    case 'partition': {
      const groups = label.replace(/^partition /, '').split(' | ');
      return `The network split into ${groups.map((g) => `{${g}}`).join(' and ')}. Only a side with a majority (${maj} of ${n}) can elect a leader or commit anything.`;
    }
    case 'heal':
      return 'The network healed. A stale leader that hears a higher term steps down, and the current leader repairs the logs that fell behind.';
    case 'drop': {
      const again = 'Raft never counts on one message: leaders resend and timers start new elections.';
      const reason = dropReason(c);
      if (reason === 'reader') return `You dropped message #${c.msgId}${c.from && c.to ? ` from ${c.from} to ${c.to}` : ''} before it arrived. ${again}`;
      const what = label.replace(/\s*\(.*$/, '').replace(/ dropped.*$/, '');
      const why = reason === 'node down' ? `${c.to} is down` : reason === 'loss' ? 'the network lost it' : `the link from ${c.from} to ${c.to} is cut`;
      return `${c.from}'s ${what} message to ${c.to} was lost because ${why}. ${again}`;
    }
    case 'action': {
      const req = findIn(fx, /Client request (\S+) → (\S+) \(index (\d+), term (\d+)\)/);
      if (req) {
        const [, cmd, at, idx, term] = /Client request (\S+) → (\S+) \(index (\d+), term (\d+)\)/.exec(req.label)!;
        return `The leader ${at} appended client command ${cmd} to its log at index ${idx} (term ${term}). It is committed only once a majority (${maj} of ${n}) stores it.`;
      }
      const refused = findIn(fx, /refused: (.*)$/);
      if (refused) return `${sentence(refused.label.replace(/^Client request (\S+) refused: /, 'The client request $1 was refused: '))} Only a leader accepts commands; the client must find the leader and retry.`;
      return plainStep(step);
    }
    case 'timer':
      if (/heartbeat timer/.test(label)) return `${node}, the leader, sent heartbeats (empty AppendEntries) so that followers reset their election timers and no one starts an election.`;
      return plainStep(step);
    case 'deliver':
      return deliverCaption(c, fx, maj, n, s);
    default:
      return plainStep(step);
  }
}

function deliverCaption(c: TraceEntry, fx: readonly TraceEntry[], maj: number, n: number, s: RaftState): string {
  const { from, node: to, label } = c;
  const reply = fx.find((e) => e.kind === 'send');
  const committed = findIn(fx, /committed up to index (\d+)/);
  if (/^RequestVote/.test(label)) {
    const term = num(/term (\d+)/, label);
    if (reply && /^Vote granted/.test(reply.label)) return `${to} voted for ${from} in term ${term}: it had not voted in that term, and ${from}'s log is at least as up to date as its own.`;
    // Why: the receiver's state after the step says whom it voted for in this term, if anyone.
    const voter = to ? s.world.nodes[to]?.state : undefined;
    if (voter && String(voter.currentTerm) === term && voter.votedFor === to) return `${to} refused its vote to ${from} for term ${term}: it is standing in that term itself and has voted for itself; a server votes once per term.`;
    if (voter && String(voter.currentTerm) === term && voter.votedFor && voter.votedFor !== from) return `${to} refused its vote to ${from} for term ${term}: it already voted for ${voter.votedFor} in that term, and a server votes once per term.`;
    if (voter && String(voter.currentTerm) === term) return `${to} refused its vote to ${from} for term ${term}: its own log is more up to date than ${from}'s, so ${from} could lose committed entries.`;
    return `${to} refused its vote to ${from} for term ${term}: it is already in a later term.`;
  }
  if (/^Vote granted/.test(label)) return `${to} got ${from}'s vote for term ${num(/term (\d+)/, label)}; it becomes leader once ${maj} of ${n} servers, itself included, have voted for it.`;
  if (/^Vote refused/.test(label)) return `${from} refused to vote for ${to} in term ${num(/term (\d+)/, label)}, so ${to} must win the other servers' votes or wait for the next election.`;
  if (/^Heartbeat/.test(label)) {
    if (reply && /^Append ok/.test(reply.label)) return `${to} accepted ${from}'s heartbeat for term ${num(/term (\d+)/, label)} and reset its election timer, because it comes from the current leader.`;
    return `${to} rejected ${from}'s heartbeat: ${reply ? 'its log does not match at the previous index, so the leader will back up and resend' : 'it comes from an old term, so the sender will learn it is no longer leader'}.`;
  }
  if (/^AppendEntries/.test(label)) {
    const k = num(/(\d+) entr/, label);
    const prev = num(/prev (\d+)/, label);
    if (reply && /^Append ok/.test(reply.label)) return `${to} appended ${k} ${k === '1' ? 'entry' : 'entries'} from ${from} after index ${prev}, because its log matched the leader's there; it now holds the leader's log up to index ${num(/match (\d+)/, reply.label)}.`;
    if (reply && /^Append refused/.test(reply.label)) return `${to} refused ${from}'s entries: its log has no matching entry at index ${prev}, so ${from} will back up and resend from an earlier index.`;
    return `${to} ignored ${from}'s entries because they come from an older term.`;
  }
  if (/^Append ok/.test(label)) {
    const match = num(/match (\d+)/, label);
    if (committed) return `${from} now stores ${to}'s log up to index ${match}. A majority (${maj} of ${n}) holds index ${num(/index (\d+)/, committed.label)} of the leader's term, so ${to} committed it.`;
    return `${to} learned that ${from} stores its log up to index ${match}; an entry commits once ${maj} of ${n} servers hold it.`;
  }
  if (/^Append refused/.test(label)) return `${from}'s log does not match ${to}'s at index ${num(/prev (\d+)/, label)}, so ${to} backs up its nextIndex for ${from} and will resend earlier entries.`;
  return sentence(`${to} received ${label} from ${from}`);
}
