/**
 * Named starting points for the replication lab, chapter 9's text and its narration. Per-link lags
 * are set by `net/link` actions at t = 0, so the reader sees (and can change) what makes each
 * outcome happen. Replica A leads at epoch 1; clients talk to replicas in 5 ms.
 */
import type { LogEntry, Scenario } from '../core/types';
import type { WorldAction } from '../core/actions';
import type { RCmd, ReplicationParams } from './types';

type A = WorldAction | RCmd;
const base: ReplicationParams = { followers: 2, clients: 2, lag: 100, clientLatency: 5, mode: 'async', readPolicy: 'any', fencing: false, timeout: 1000 };

const lag = (to: string, ms: number, from = 'A'): LogEntry<A> => ({ at: 0, action: { type: 'net/link', from, to, latency: { kind: 'constant', value: ms } } });
const write = (at: number, client: string, key: string, value?: string): LogEntry<A> => ({ at, action: { type: 'rep/write', client, key, ...(value ? { value } : {}) } });
const read = (at: number, client: string, ...keys: string[]): LogEntry<A> => ({ at, action: { type: 'rep/read', client, keys } });

/** c1 writes x every 20 ms from t = 0 to 280; A drops off the network and dies at 290; B is promoted at 340. */
function failoverLog(): LogEntry<A>[] {
  const writes = Array.from({ length: 15 }, (_, i) => write(i * 20, 'c1', 'x', `v${i + 1}`));
  return [
    lag('B', 120),
    lag('C', 200),
    ...writes,
    { at: 290, action: { type: 'net/partition', groups: [['A'], ['B', 'C', 'c1', 'c2']] } },
    { at: 290, action: { type: 'node/crash', node: 'A' } },
    { at: 340, action: { type: 'rep/failover', to: 'B', epoch: 2 } },
  ];
}

/** A pauses while cut off from B's announcements; B is promoted; A wakes and writes as if still leader. */
function splitBrainLog(): LogEntry<A>[] {
  return [
    write(0, 'c1', 'x', '1'),
    { at: 100, action: { type: 'net/cut', from: 'B', to: 'A' } },
    { at: 100, action: { type: 'rep/pause', node: 'A', ms: 400 } },
    write(150, 'c1', 'x', '2'),
    { at: 200, action: { type: 'rep/failover', to: 'B', epoch: 2 } },
    write(250, 'c2', 'y', '1'),
    write(600, 'c1', 'x', '3'),
  ];
}

/** The replication scenarios, in the order of docs/ARCHITECTURE.md (the first is the default). */
export const replicationScenarios: readonly Scenario<ReplicationParams, A>[] = [
  {
    id: 'read-your-writes',
    title: 'Lag breaks read-your-writes',
    description:
      'Asynchronous replication with 100 ms of lag. c1 writes x and is told it succeeded 10 ms later; 20 ms after that it reads x from follower B, which has not received the write yet, and gets nothing back.',
    seed: 1,
    params: base,
    log: [write(0, 'c1', 'x', 'hello'), read(30, 'c1', 'x'), read(150, 'c1', 'x')],
    until: 200,
  },
  {
    id: 'monotonic-reads',
    title: 'Two followers, two lags: time goes backwards',
    description:
      'C is 20 ms behind the leader and B is 150 ms behind. c2 reads x from C and sees c1’s write; its next read happens to go to B, which has not applied it: the second read returns an older value than the first.',
    seed: 2,
    params: base,
    log: [lag('C', 20), lag('B', 150), write(0, 'c1', 'x', 'hello'), read(40, 'c2', 'x'), read(60, 'c2', 'x')],
    until: 200,
  },
  {
    id: 'consistent-prefix',
    title: 'An answer before its question',
    description:
      'c1 asks a question (q); c2 reads it from the quick follower C and answers (a). The observer c3 reads both keys at once; the load balancer sends q to the slow follower B and a to C, so c3 sees the answer without the question, as if q and a lived in two partitions with different lag.',
    seed: 3,
    params: { ...base, clients: 3 },
    log: [lag('C', 20), lag('B', 300), write(0, 'c1', 'q', 'why?'), read(40, 'c2', 'q'), write(60, 'c2', 'a', 'because'), read(120, 'c3', 'q', 'a')],
    until: 200,
  },
  {
    id: 'session-token',
    title: 'A session token restores monotonic reads',
    description:
      'The monotonic-reads run again, but c2 now sends the highest log position it has seen with each read. B has not applied that position yet, so it holds the read until it has; the answer is slower and never older.',
    seed: 2,
    params: { ...base, readPolicy: 'token' },
    log: [lag('C', 20), lag('B', 150), write(0, 'c1', 'x', 'hello'), read(40, 'c2', 'x'), read(60, 'c2', 'x')],
    until: 220,
  },
  {
    id: 'failover-async-loses-writes',
    title: 'Asynchronous failover loses acknowledged writes',
    description:
      'c1 writes x every 20 ms and each write is acknowledged at once. B is 120 ms behind, C 200 ms. At 290 ms A vanishes; B is promoted at 340 ms with only what had reached it. Count the writes c1 was told had succeeded that the new leader does not have.',
    seed: 4,
    params: { ...base, mode: 'async' },
    log: failoverLog(),
    until: 450,
  },
  {
    id: 'failover-semisync-keeps-writes',
    title: 'Semi-synchronous failover keeps them',
    description:
      'The same run with semi-synchronous replication: A acknowledges a write only after a follower confirms it. Fewer writes are acknowledged before A vanishes, because each waits a round trip to B, but every acknowledged one is on B when B takes over.',
    seed: 4,
    params: { ...base, mode: 'semisync' },
    log: failoverLog(),
    until: 450,
  },
  {
    id: 'split-brain',
    title: 'A paused leader comes back and writes (no fencing)',
    description:
      'A stops for 400 ms (a garbage-collection pause) and cannot hear B. B is promoted and accepts c2’s write of y. When A wakes it handles c1’s queued write as if it still led: follower C accepts it, overwriting B’s entry, and A acknowledges it to c1. Two leaders, one overwritten write.',
    seed: 5,
    params: { ...base, lag: 30, mode: 'semisync' },
    log: splitBrainLog(),
    until: 700,
  },
  {
    id: 'fencing',
    title: 'Fencing tokens refuse the old leader',
    description:
      'The same run with fencing: every entry carries its leader’s epoch, and C, which knows epoch 2, refuses A’s epoch-1 entry and tells A. A steps down and c1’s write fails cleanly instead of overwriting y.',
    seed: 5,
    params: { ...base, lag: 30, mode: 'semisync', fencing: true },
    log: splitBrainLog(),
    until: 700,
  },
];
