/**
 * Named starting points for the chapter text and the narration. Slow and fast
 * links are set by `net/link` actions at t = 0 so the reader sees (and can
 * undo) exactly what makes each outcome happen.
 */
import type { LogEntry, Scenario } from '../core/types';
import type { WorldAction } from '../core/actions';
import type { QCmd, QuorumParams } from './types';

type A = WorldAction | QCmd;
const base: QuorumParams = { n: 3, w: 2, r: 2, repair: 'off', clients: 2, latency: { kind: 'uniform', min: 5, max: 15 }, timeout: 500 };

/** A constant-latency link, both directions. */
const link = (from: string, to: string, ms: number): LogEntry<A> => ({
  at: 0,
  action: { type: 'net/link', from, to, latency: { kind: 'constant', value: ms }, both: true },
});
const write = (at: number, client = 'c1'): LogEntry<A> => ({ at, action: { type: 'q/write', client } });
const read = (at: number, client: string): LogEntry<A> => ({ at, action: { type: 'q/read', client } });

/** The four quorum scenarios, in the order of docs/ARCHITECTURE.md (the first is the default). */
export const quorumScenarios: readonly Scenario<QuorumParams, A>[] = [
  {
    id: 'overlap-reads-latest',
    title: 'W + R > N: the read quorum overlaps the write quorum',
    description:
      'N = 3, W = 2, R = 2. c1 writes v1 and waits for two acks; later c2 reads from two replicas. Any two of three replicas share one, so the read meets a replica that holds v1.',
    seed: 11,
    params: base,
    log: [write(0), read(80, 'c2')],
    until: 150,
  },
  {
    id: 'no-overlap-stale-read',
    title: 'W + R ≤ N: a read can miss a committed write',
    description:
      'N = 3, W = 1, R = 1. The write commits as soon as A acks, while it is still on its way to B and C. c2 hears first from C, which has not seen it, and returns the old value: a stale read.',
    seed: 12,
    params: { ...base, w: 1, r: 1 },
    log: [link('c1', 'A', 5), link('c1', 'B', 120), link('c1', 'C', 120), link('c2', 'A', 40), link('c2', 'B', 40), link('c2', 'C', 3), write(10), read(50, 'c2'), read(160, 'c2')],
    until: 220,
  },
  {
    id: 'concurrent-reads-disagree',
    title: 'Overlap is not linearizability',
    description:
      'N = 3, W = R = 2, no write-back. While c1’s write of v1 is still in progress (only A has it), c2 reads A and B and returns v1. Afterwards c3 reads B and C and returns v0: a later read sees an older value.',
    seed: 13,
    params: { ...base, clients: 3 },
    log: [
      link('c1', 'A', 5),
      link('c1', 'B', 200),
      link('c1', 'C', 200),
      link('c2', 'A', 5),
      link('c2', 'B', 5),
      link('c2', 'C', 100),
      link('c3', 'A', 100),
      link('c3', 'B', 5),
      link('c3', 'C', 5),
      write(0),
      read(20, 'c2'),
      read(40, 'c3'),
    ],
    until: 260,
  },
  {
    id: 'read-repair-heals',
    title: 'Read repair brings a stale replica up to date',
    description:
      'C is cut off while c1 writes v1 to A and B. After the partition heals, C still holds v0. c2’s read hears v0 from C and v1 from A, returns v1, and sends v1 back to C: all three replicas agree again.',
    seed: 14,
    params: { ...base, repair: 'async' },
    log: [
      link('c2', 'C', 3),
      { at: 0, action: { type: 'net/partition', groups: [['A', 'B', 'c1', 'c2'], ['C']] } },
      write(10),
      { at: 100, action: { type: 'net/heal' } },
      read(150, 'c2'),
    ],
    until: 220,
  },
];
