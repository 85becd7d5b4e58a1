/** Named starting points for the partition lab (ids are listed in docs/ARCHITECTURE.md). */
import type { Scenario } from '../core/types';
import type { PartitionAction, PartitionParams } from './types';

const base: PartitionParams = { nodes: 3, clients: 2, mode: 'CP', merge: 'lww', latency: 60, jitter: 0.3, opTimeout: 500 };
const cut = { type: 'net/partition', groups: [['A', 'B'], ['C']] } as const;

/** The four Chapter 1 scenarios. */
export const partitionScenarios: readonly Scenario<PartitionParams, PartitionAction>[] = [
  {
    id: 'cp-minority-refuses-write',
    title: 'CP: the minority side refuses a write',
    description:
      'C is cut off from A and B. Client c2 asks C to write; C cannot gather a majority, so after its timeout it answers with an error instead of accepting. On the majority side, c1 writes successfully.',
    seed: 1,
    params: base,
    log: [
      { at: 100, action: cut },
      { at: 200, action: { type: 'client/write', client: 'c2', value: 'y' } },
      { at: 250, action: { type: 'client/write', client: 'c1', value: 'x' } },
      { at: 900, action: { type: 'client/read', client: 'c2' } },
    ],
    until: 1600,
  },
  {
    id: 'ap-divergent-writes',
    title: 'AP: both sides accept writes and diverge',
    description:
      'Same partition, but every replica answers on its own. c1 writes x through A and c2 writes y through C; both succeed, and reads on the two sides now disagree. Heal the network to see both versions kept as siblings.',
    seed: 2,
    params: { ...base, mode: 'AP', merge: 'siblings' },
    log: [
      { at: 100, action: cut },
      { at: 200, action: { type: 'client/write', client: 'c1', value: 'x' } },
      { at: 300, action: { type: 'client/write', client: 'c2', value: 'y' } },
      { at: 600, action: { type: 'client/read', client: 'c1' } },
      { at: 650, action: { type: 'client/read', client: 'c2' } },
    ],
    until: 900,
  },
  {
    id: 'ap-heal-converges',
    title: 'AP: healing converges, and last-writer-wins drops a write',
    description:
      'The two sides accept conflicting writes during the partition. When the network heals the replicas exchange versions and converge on one value; with last-writer-wins the other acknowledged write is silently lost.',
    seed: 3,
    params: { ...base, mode: 'AP', merge: 'lww' },
    log: [
      { at: 100, action: cut },
      { at: 200, action: { type: 'client/write', client: 'c2', value: 'y' } },
      { at: 300, action: { type: 'client/write', client: 'c1', value: 'x' } },
      { at: 500, action: { type: 'client/read', client: 'c2' } },
      { at: 800, action: { type: 'net/heal' } },
      { at: 1200, action: { type: 'client/read', client: 'c2' } },
    ],
    until: 1500,
  },
  {
    id: 'cp-heal-catches-up',
    title: 'CP: the minority catches up after healing',
    description:
      'While C is cut off, the majority commits a write C never saw. After the heal, anti-entropy brings C up to date and a read through C returns the committed value.',
    seed: 4,
    params: base,
    log: [
      { at: 100, action: cut },
      { at: 200, action: { type: 'client/write', client: 'c1', value: 'x' } },
      { at: 900, action: { type: 'net/heal' } },
      { at: 1300, action: { type: 'client/read', client: 'c2' } },
    ],
    until: 1700,
  },
];
