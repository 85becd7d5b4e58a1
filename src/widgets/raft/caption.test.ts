import { describe, expect, it } from 'vitest';
import { raft, type RaftState } from '../../sim/raft';
import { captionsOf, firstMatch } from '../shared/captionTesting';
import { raftCaption } from './caption';

const run = (id: string, steps = 400) => captionsOf<RaftState>(raft, id, raftCaption, steps);

describe('Raft step caption', () => {
  it('tells an election as cause and effect: timer, votes, a majority, heartbeats', () => {
    const steps = run('leader-election', 80);
    expect(steps[0].caption).toMatch(/^5 servers start as followers in term 0/);
    const timeout = firstMatch(steps, /^S2's election timer expired without a heartbeat from a leader, so it became a candidate for term 1 and asked for votes; it needs 3 of 5\.$/);
    expect(timeout?.t).toBeCloseTo(171.8, 0);
    const vote = firstMatch(steps, /^S3 voted for S2 in term 1: it had not voted in that term/);
    expect(vote!.step).toBeGreaterThan(timeout!.step);
    const won = firstMatch(steps, /^S2 now has votes from a majority \(3 of 5\), so it is leader of term 1/);
    expect(won!.step).toBeGreaterThan(vote!.step);
    expect(firstMatch(steps.slice(won!.step), /accepted S2's heartbeat for term 1 and reset its election timer/)).toBeDefined();
    // A refusal names its reason: S4 stood in term 1 itself.
    expect(firstMatch(steps, /^S4 refused its vote to S2 for term 1: it is standing in that term itself and has voted for itself/)?.t).toBeCloseTo(190, 0);
    // Every step that wrote to the trace says something new: the caption follows the run.
    const changes = steps.slice(1).filter((s, i) => s.caption !== steps[i].caption).length;
    expect(changes).toBeGreaterThan(steps.length / 2);
  });

  it('explains a client write, its replication and its commit by a majority', () => {
    const steps = run('leader-crash-reelection', 60);
    const append = firstMatch(steps, /^The leader S2 appended client command x1 to its log at index 1 \(term 1\)\. It is committed only once a majority \(3 of 5\) stores it\.$/);
    expect(append).toBeDefined();
    expect(firstMatch(steps, /^S\d appended 1 entry from S2 after index 0, because its log matched the leader's there/)!.step).toBeGreaterThan(append!.step);
    expect(firstMatch(steps, /A majority \(3 of 5\) holds index 1 of the leader's term, so S2 committed it\.$/)).toBeDefined();
  });

  it('says what a crash, a partition and a lost message mean', () => {
    const crash = run('leader-crash-reelection', 120);
    expect(firstMatch(crash, /^S2 crashed\. It answers nothing until restarted/)?.t).toBe(450);
    expect(firstMatch(crash, /message to S2 was lost because S2 is down\./)).toBeDefined();
    const fig8 = run('figure-8', 60);
    expect(firstMatch(fig8, /^S1 was made to time out, so it became a candidate for term 1/)?.t).toBe(10);
    expect(firstMatch(fig8, /^The network split into \{S1,S2\} and \{S3,S4,S5\}\. Only a side with a majority \(3 of 5\)/)?.t).toBe(200);
  });

  // Seen in a failed e2e screenshot: after the reader dropped a message the caption read
  // "undefined's message #55 message to undefined was lost because the link from undefined to undefined is cut".
  it('a message the reader drops is the reader’s doing, with its sender and receiver', () => {
    const sc = raft.scenarios.find((x) => x.id === 'leader-election')!;
    let s = raft.advanceTo(raft.init(sc.seed, sc.params), 180);
    const flight = s.world.queue.find((e) => e.kind === 'deliver')!;
    s = raft.apply(s, { type: 'net/drop', msgId: flight.msgId });
    const entry = raft.trace(s).at(-1)!;
    expect(entry).toMatchObject({ kind: 'drop', msgId: flight.msgId, from: flight.from, to: flight.node, data: { reason: 'dropped' } });
    expect(raftCaption(s, raft.trace(s))).toBe(
      `You dropped message #${flight.msgId} from ${flight.from} to ${flight.node} before it arrived. Raft never counts on one message: leaders resend and timers start new elections.`,
    );
  });

  it('explains a refused append: the follower’s log does not match, so the leader backs up', () => {
    const steps = run('figure-8', 200);
    expect(firstMatch(steps, /^S3 refused its vote to S1 for term 2: it already voted for S5 in that term, and a server votes once per term\.$/)?.t).toBe(610);
    expect(firstMatch(steps, /^S3's log does not match S1's at index 2, so S1 backs up its nextIndex for S3/)).toBeDefined();
  });
});
