/**
 * The data behind chapter 10's "choose your workload" table: replication and storage strategies,
 * the guarantees each can give, and a pure filter from workload traits to matching strategies.
 *
 * The ratings follow the chapters that justify them: single-leader and leaderless replication
 * (ch. 9, DeCandia et al. 2007), consensus-replicated shards (ch. 3, Ongaro & Ousterhout 2014;
 * Corbett et al. 2012), partitioned logs (ch. 11, Kreps et al. 2011), PACELC (Abadi 2012).
 * No React here, so the table can be unit-tested and rendered on the server.
 */

/** Strongest read guarantee a workload needs (or a strategy can give), weakest first. */
export const CONSISTENCY_LEVELS = ['eventual', 'session', 'linearizable'] as const;
/** A consistency level. */
export type Consistency = (typeof CONSISTENCY_LEVELS)[number];

/** How much write throughput the workload needs. */
export const WRITE_VOLUMES = ['one-node', 'beyond-one-node'] as const;
/** A write volume. */
export type WriteVolume = (typeof WRITE_VOLUMES)[number];

/** Where readers and writers are, and whether every region must write locally. */
export const GEOGRAPHIES = ['one-region', 'global-reads', 'local-writes-everywhere'] as const;
/** A geography. */
export type Geography = (typeof GEOGRAPHIES)[number];

/** The shape of the data access. */
export const ACCESS_PATTERNS = ['key-value', 'multi-record-transactions', 'append-only-stream', 'read-mostly'] as const;
/** An access pattern. */
export type AccessPattern = (typeof ACCESS_PATTERNS)[number];

/** What the workload can afford to lose, from least tolerant to most. */
export const LOSS_TOLERANCES = ['nothing-acknowledged', 'last-seconds-on-disaster', 'concurrent-overwrites'] as const;
/** A loss tolerance. */
export type LossTolerance = (typeof LOSS_TOLERANCES)[number];

/** A reader's description of a workload; `undefined` for a trait means "any". */
export interface Workload {
  readonly consistency?: Consistency;
  readonly writeVolume?: WriteVolume;
  readonly geography?: Geography;
  readonly access?: AccessPattern;
  readonly loss?: LossTolerance;
}

/** One row of the table. */
export interface Strategy {
  readonly id: string;
  readonly name: string;
  readonly examples: string;
  /** Strongest consistency it can offer when configured for it. */
  readonly consistency: Consistency;
  /** Whether write throughput scales past one machine (by sharding). */
  readonly scalesWrites: boolean;
  readonly geographies: readonly Geography[];
  readonly access: readonly AccessPattern[];
  /** The worst loss it can incur when configured as the row describes. */
  readonly worstLoss: LossTolerance;
  readonly gives: string;
  readonly costs: string;
}

/** Human labels for every trait value, shared by the controls and the table. */
export const LABELS: Readonly<Record<string, string>> = {
  eventual: 'Eventual (stale reads are fine)',
  session: 'Session (read your own writes, no going back)',
  linearizable: 'Linearizable (every read sees the latest write)',
  'one-node': 'Fits on one primary',
  'beyond-one-node': 'More than one machine can take',
  'one-region': 'One region',
  'global-reads': 'Readers worldwide, writes in one region',
  'local-writes-everywhere': 'Every region writes locally, even when cut off',
  'key-value': 'Single-key reads and writes',
  'multi-record-transactions': 'Multi-record transactions',
  'append-only-stream': 'Append-only events, consumed in order',
  'read-mostly': 'Read-mostly, cacheable',
  'nothing-acknowledged': 'Nothing acknowledged may be lost',
  'last-seconds-on-disaster': 'Last seconds may be lost in a disaster',
  'concurrent-overwrites': 'Concurrent overwrites may be dropped',
};

/** The strategies the chapter discusses, in the order the table shows them. */
export const STRATEGIES: readonly Strategy[] = [
  {
    id: 'single-leader-sync',
    name: 'Single leader, semi-synchronous replication',
    examples: 'PostgreSQL with a synchronous standby; MySQL lossless semi-sync',
    consistency: 'linearizable',
    scalesWrites: false,
    geographies: ['one-region', 'global-reads'],
    access: ['key-value', 'multi-record-transactions', 'read-mostly'],
    worstLoss: 'nothing-acknowledged',
    gives: 'One order of writes, full transactions, linearizable reads at the leader.',
    costs: 'A round trip to a standby per commit; MySQL semi-sync degrades to asynchronous after its timeout (10 s by default) without failing writes; failover must fence the old leader; one machine’s write capacity.',
  },
  {
    id: 'single-leader-async',
    name: 'Single leader, asynchronous read replicas',
    examples: 'Default MySQL binlog and PostgreSQL streaming replicas',
    consistency: 'linearizable',
    scalesWrites: false,
    geographies: ['one-region', 'global-reads'],
    access: ['key-value', 'multi-record-transactions', 'read-mostly'],
    worstLoss: 'last-seconds-on-disaster',
    gives: 'Fast commits and cheap read scaling; session guarantees by routing a user’s reads.',
    costs: 'Replica reads lag; failover can lose acknowledged writes.',
  },
  {
    id: 'consensus-shards',
    name: 'Consensus-replicated shards (Raft or Paxos groups)',
    examples: 'Spanner, CockroachDB, TiKV, YugabyteDB; etcd for metadata',
    consistency: 'linearizable',
    scalesWrites: true,
    geographies: ['one-region', 'global-reads'],
    access: ['key-value', 'multi-record-transactions'],
    worstLoss: 'nothing-acknowledged',
    gives: 'Linearizable writes that survive a minority of failures; automatic failover; sharded throughput.',
    costs: 'Each write waits for a majority; across regions that is tens to hundreds of ms; cross-shard transactions add two-phase commit.',
  },
  {
    id: 'multi-leader-crdt',
    name: 'Multi-leader with CRDTs or merge functions',
    examples: 'Riak data types, Redis Enterprise active-active, local-first apps with Automerge',
    consistency: 'session',
    // Riak and Redis Enterprise shard each CRDT keyspace, so write throughput is not capped at one node.
    scalesWrites: true,
    geographies: ['one-region', 'global-reads', 'local-writes-everywhere'],
    access: ['key-value'],
    // Regions replicate to each other asynchronously, so a region lost before it ships its writes loses them.
    worstLoss: 'last-seconds-on-disaster',
    gives: 'Local writes in every region or device, kept working through partitions; no concurrent update lost in a merge.',
    costs: 'Every field needs a merge rule; invariants such as no overdraft cannot be enforced; tombstones grow; a region lost before replicating loses its latest writes.',
  },
  {
    id: 'leaderless-lww',
    name: 'Leaderless quorums with last-write-wins',
    examples: 'Cassandra or ScyllaDB at LOCAL_QUORUM in each region',
    consistency: 'eventual',
    scalesWrites: true,
    geographies: ['one-region', 'global-reads', 'local-writes-everywhere'],
    access: ['key-value'],
    worstLoss: 'concurrent-overwrites',
    gives: 'High write throughput, tolerance of slow or dead replicas, tunable N, W, R per request.',
    costs: 'W + R > N is not linearizable; LWW drops concurrent writes; repair and tombstones need operating.',
  },
  {
    id: 'partitioned-log',
    name: 'Replicated partitioned log',
    examples: 'Kafka with acks=all, min.insync.replicas=2, replication factor 3, unclean leader election off',
    consistency: 'session',
    scalesWrites: true,
    geographies: ['one-region', 'global-reads'],
    access: ['append-only-stream'],
    worstLoss: 'nothing-acknowledged',
    gives: 'Ordered, replayable history per partition; many independent consumers at their own offsets.',
    costs: 'Order only within a partition; views built from it lag; not a query store; acknowledged means in memory on every in-sync replica, not fsynced, so spread replicas across zones.',
  },
  {
    id: 'cache-over-primary',
    name: 'Cache or CDN in front of a primary store',
    examples: 'Redis or Memcached read-through; CDN for public content',
    consistency: 'eventual',
    scalesWrites: false,
    geographies: ['one-region', 'global-reads'],
    access: ['read-mostly'],
    worstLoss: 'nothing-acknowledged',
    gives: 'Very cheap, nearby reads; the primary keeps durability.',
    costs: 'Staleness bounded only by TTL or invalidation; a cold cache can stampede the primary.',
  },
];

function rank<T>(levels: readonly T[], value: T): number {
  return levels.indexOf(value);
}

/** Whether one strategy satisfies every trait the workload specifies. */
export function matches(strategy: Strategy, workload: Workload): boolean {
  if (workload.consistency && rank(CONSISTENCY_LEVELS, strategy.consistency) < rank(CONSISTENCY_LEVELS, workload.consistency)) {
    return false;
  }
  if (workload.writeVolume === 'beyond-one-node' && !strategy.scalesWrites) return false;
  if (workload.geography && !strategy.geographies.includes(workload.geography)) return false;
  if (workload.access && !strategy.access.includes(workload.access)) return false;
  // A strategy fits if the worst it can lose is no worse than what the workload tolerates.
  if (workload.loss && rank(LOSS_TOLERANCES, strategy.worstLoss) > rank(LOSS_TOLERANCES, workload.loss)) return false;
  return true;
}

/** The strategies that fit a workload, in table order. */
export function filterStrategies(workload: Workload, strategies: readonly Strategy[] = STRATEGIES): Strategy[] {
  return strategies.filter((s) => matches(s, workload));
}

/** A one-line summary of what a strategy offers on each trait, so readers can see why a row is filtered out. */
export function traitSummary(s: Strategy): string {
  const geo = s.geographies.includes('local-writes-everywhere')
    ? 'local writes in every region'
    : s.geographies.includes('global-reads')
      ? 'global reads, one write region'
      : 'one region';
  const loss: Record<LossTolerance, string> = {
    'nothing-acknowledged': 'loses nothing acknowledged',
    'last-seconds-on-disaster': 'can lose the last seconds',
    'concurrent-overwrites': 'can drop concurrent writes',
  };
  return [
    `up to ${s.consistency}`,
    s.scalesWrites ? 'writes scale out' : 'writes fit one node',
    geo,
    loss[s.worstLoss],
  ].join(' · ');
}

/** Why nothing fits, when the combination is ruled out by a known impossibility rather than by this table. */
export function explainEmpty(workload: Workload): string {
  if (workload.consistency === 'linearizable' && workload.geography === 'local-writes-everywhere') {
    return 'No strategy can give linearizable reads while every region keeps writing locally through a partition: that is the CAP trade-off, and without a partition PACELC says you still pay a cross-region round trip per write.';
  }
  return 'No strategy in this table fits every trait. Relax one constraint, or split the workload so that each operation gets the strategy it needs.';
}

/** The keys of a workload, in the order the controls show them. */
export const TRAITS = [
  { key: 'consistency', label: 'Consistency needed', values: CONSISTENCY_LEVELS },
  { key: 'writeVolume', label: 'Write volume', values: WRITE_VOLUMES },
  { key: 'geography', label: 'Geography', values: GEOGRAPHIES },
  { key: 'access', label: 'Access pattern', values: ACCESS_PATTERNS },
  { key: 'loss', label: 'Loss tolerance', values: LOSS_TOLERANCES },
] as const;

/** Parse untrusted props or URL values into a workload, collecting an error for each invalid value. */
export function parseWorkload(input: Readonly<Record<string, unknown>>): { workload: Workload; errors: string[] } {
  const workload: Record<string, string> = {};
  const errors: string[] = [];
  for (const trait of TRAITS) {
    const raw = input[trait.key];
    if (raw === undefined || raw === '' || raw === 'any') continue;
    if (typeof raw === 'string' && (trait.values as readonly string[]).includes(raw)) {
      workload[trait.key] = raw;
    } else {
      errors.push(`Unknown ${trait.label.toLowerCase()} “${String(raw)}”; expected one of ${trait.values.join(', ')}. Showing “any” instead.`);
    }
  }
  return { workload: workload as Workload, errors };
}
