/**
 * Named, deterministic Raft scenarios for the prose and the narration (ids listed in
 * docs/ARCHITECTURE.md and src/widgets/manifest.ts). Each is a seed, params and a short action log;
 * scenarios.test.ts asserts that each one shows what its description claims.
 */
import type { LogEntry, Scenario } from '../core/types';
import { defaultParams } from './params';
import type { RaftAction, RaftParams } from './types';

const at = (t: number, action: RaftAction): LogEntry<RaftAction> => ({ at: t, action });

/** Slow, fixed-latency settings so a scripted story is not disturbed by spontaneous elections. */
const scripted: RaftParams = {
  ...defaultParams,
  electionMin: 2000,
  electionMax: 3000,
  heartbeat: 500,
  latencyMin: 10,
  latencyMax: 10,
};

/** Every Raft scenario; the first is the lab's default. */
export const raftScenarios: readonly Scenario<RaftParams, RaftAction>[] = [
  {
    id: 'leader-election',
    title: 'A leader is elected',
    description:
      'Five followers start with random election timers. The first to expire becomes a candidate for term 1, collects votes from a majority and starts sending heartbeats that keep the others from timing out.',
    seed: 4,
    params: defaultParams,
    log: [],
    until: 600,
  },
  {
    id: 'split-vote',
    title: 'A split vote',
    description:
      'Three servers time out within a few milliseconds of each other and each votes for itself, so no candidate reaches three votes in term 1. Their new random timeouts differ, and the first to expire wins term 2.',
    seed: 9,
    params: defaultParams,
    log: [],
    until: 700,
  },
  {
    id: 'leader-crash-reelection',
    title: 'The leader crashes; a new one is elected',
    description:
      'After a client write commits, the leader crashes. Heartbeats stop, a follower times out and wins the next term. When the old leader restarts it keeps its log and term, sees the newer term and becomes a follower.',
    seed: 4,
    params: defaultParams,
    log: [at(300, { type: 'raft/request', cmd: 'x1' }), at(450, { type: 'node/crash', node: 'S2' }), at(1100, { type: 'node/restart', node: 'S2' })],
    until: 1500,
  },
  {
    id: 'log-repair-after-partition',
    title: 'Repairing logs after a partition',
    description:
      'The leader and one follower are cut off with two uncommitted writes. The majority elects a new leader and commits other writes. Then that leader crashes and the network heals. The next leader starts with nextIndex just past its own log, so for the two stale servers it backs nextIndex down one entry per refused AppendEntries until the logs agree, then overwrites their uncommitted entries.',
    seed: 4,
    params: defaultParams,
    log: [
      at(300, { type: 'raft/request', cmd: 'a' }),
      at(450, { type: 'net/partition', groups: [['S2', 'S3'], ['S1', 'S4', 'S5']] }),
      at(500, { type: 'raft/request', node: 'S2', cmd: 'lost1' }),
      at(550, { type: 'raft/request', node: 'S2', cmd: 'lost2' }),
      at(1100, { type: 'raft/request', cmd: 'b' }),
      at(1150, { type: 'raft/request', cmd: 'c' }),
      at(1200, { type: 'raft/request', cmd: 'd' }),
      at(1300, { type: 'node/crash', node: '@leader' }),
      at(1350, { type: 'net/heal' }),
    ],
    until: 2200,
  },
  {
    id: 'minority-leader-cannot-commit',
    title: 'A leader in the minority cannot commit',
    description:
      'The leader is partitioned away from the other four. It still believes it leads and accepts writes, but no majority acknowledges them, so its commit index never moves. The other side elects a leader of a higher term that can commit.',
    seed: 4,
    params: defaultParams,
    log: [
      at(300, { type: 'net/partition', groups: [['S2'], ['S1', 'S3', 'S4', 'S5']] }),
      at(350, { type: 'raft/request', node: 'S2', cmd: 'm1' }),
      at(400, { type: 'raft/request', node: 'S2', cmd: 'm2' }),
      at(1000, { type: 'raft/request', cmd: 'k1' }),
    ],
    until: 1300,
  },
  {
    id: 'figure-8',
    title: 'Figure 8: why old-term entries are not committed by counting',
    description:
      'The Raft paper’s Figure 8, one term lower. S1 re-elected in term 3 copies its term-1 entry at index 2 to a majority, then crashes; S5 wins term 4 and overwrites that entry everywhere. With the correct rule the entry was never committed, so this is safe. Switch on the broken rule and S1 commits it early: the invariant panel flags the overwrite.',
    seed: 8,
    params: scripted,
    log: [
      at(10, { type: 'raft/timeout', node: 'S1' }),
      at(100, { type: 'raft/request', node: 'S1', cmd: 'x1' }),
      at(200, { type: 'net/partition', groups: [['S1', 'S2'], ['S3', 'S4', 'S5']] }),
      at(250, { type: 'raft/request', node: 'S1', cmd: 'x2' }),
      at(300, { type: 'node/crash', node: 'S1' }),
      at(350, { type: 'raft/timeout', node: 'S5' }),
      at(450, { type: 'net/partition', groups: [['S5'], ['S1', 'S2', 'S3', 'S4']] }),
      at(460, { type: 'raft/request', node: 'S5', cmd: 'y2' }),
      at(500, { type: 'node/crash', node: 'S5' }),
      at(550, { type: 'net/heal' }),
      at(560, { type: 'node/restart', node: 'S1' }),
      at(600, { type: 'raft/timeout', node: 'S1' }),
      at(700, { type: 'raft/timeout', node: 'S1' }),
      at(900, { type: 'node/crash', node: 'S1' }),
      at(950, { type: 'node/restart', node: 'S5' }),
      at(1000, { type: 'raft/timeout', node: 'S5' }),
      at(1100, { type: 'raft/timeout', node: 'S5' }),
      at(1300, { type: 'raft/request', node: 'S5', cmd: 'w' }),
    ],
    until: 1600,
  },
];

/** Find a scenario by id. */
export function findScenario(id: string): Scenario<RaftParams, RaftAction> | undefined {
  return raftScenarios.find((s) => s.id === id);
}
