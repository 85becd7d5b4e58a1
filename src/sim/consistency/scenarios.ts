/**
 * Named starting histories for Chapter 3's text and narration. Each is the smallest history
 * that separates two adjacent models; `expected` is what the checker must say (tested).
 */
import { history } from './build';
import type { Level } from './models';
import type { History } from './types';

/** A named history with the verdict the prose relies on. */
export interface ConsistencyScenario {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly history: History;
  readonly expected: Level | 'none';
}

/** The lab's scenarios; the first is the default. */
export const consistencyScenarios: readonly ConsistencyScenario[] = [
  {
    id: 'stale-read-not-linearizable',
    title: 'A stale read',
    description:
      'Client c1’s write of 1 has finished before c2 starts reading, yet c2 gets the old value 0 — as if it asked a replica the write had not reached. Real time is violated, so this is not linearizable; one global order (read, then write) still explains it, so it is sequentially consistent.',
    history: history([
      ['c1', 'w', 1, 0, 30],
      ['c2', 'r', 0, 45, 70],
    ]),
    expected: 'sequential',
  },
  {
    id: 'sequential-not-linearizable',
    title: 'Everyone agrees, but late',
    description:
      'c2 sees the writes 1 and 2 in the order c1 made them, just behind real time: its first read starts after write 2 returned but still shows 1. Every client observes the same order of writes, so the history is sequentially consistent, but not linearizable.',
    history: history([
      ['c1', 'w', 1, 0, 20],
      ['c1', 'w', 2, 30, 50],
      ['c2', 'r', 1, 60, 80],
      ['c2', 'r', 2, 90, 110],
    ]),
    expected: 'sequential',
  },
  {
    id: 'causal-not-sequential',
    title: 'Two readers disagree on concurrent writes',
    description:
      'c1 writes 1 and c2 writes 2 at the same time; nothing orders them. c3 sees 1 then 2 while c4 sees 2 then 1. Causal consistency allows that, because the writes are concurrent; sequential consistency does not, because all clients must see one order of writes.',
    history: history([
      ['c1', 'w', 1, 0, 20],
      ['c2', 'w', 2, 0, 20],
      ['c3', 'r', 1, 30, 45],
      ['c3', 'r', 2, 60, 75],
      ['c4', 'r', 2, 30, 45],
      ['c4', 'r', 1, 60, 75],
    ]),
    expected: 'causal',
  },
  {
    id: 'eventual-only',
    title: 'Reading backwards in time',
    description:
      'c2 reads 1, then 0, then 1 again — its second read went to a replica that had not yet received the write it had already seen. That breaks causality (c2’s own earlier read happened before), so only the weak promise of eventual consistency remains: the replicas do converge.',
    history: history([
      ['c1', 'w', 1, 0, 20],
      ['c2', 'r', 1, 30, 45],
      ['c2', 'r', 0, 55, 70],
      ['c2', 'r', 1, 90, 105],
    ]),
    expected: 'eventual',
  },
];

/** Look a scenario up by id. */
export function findConsistencyScenario(id: string): ConsistencyScenario | undefined {
  return consistencyScenarios.find((s) => s.id === id);
}
