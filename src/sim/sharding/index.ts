/**
 * Sharding: where a key lives, and what moves when nodes come and go.
 *
 * Models the placement schemes of Karger et al., "Consistent Hashing and Random Trees" (STOC 1997,
 * §4: the ring); DeCandia et al., "Dynamo" (SOSP 2007, §4.2: virtual nodes; §6.2: fixed equal
 * partitions); Lamping & Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm" (2014: jump
 * hash); Thaler & Ravishankar, "Using Name-Based Mappings to Increase Hit Rates" (1998: rendezvous
 * or highest-random-weight hashing); and range partitioning with splits (Bigtable, OSDI 2006).
 * Everything is a pure function of (keys, nodes, seed): hashes are MurmurHash3, never Math.random.
 */
export * from './hash';
export * from './jump';
export * from './ring';
export * from './rendezvous';
export * from './partitions';
export * from './range';
export * from './schemes';
export * from './stats';
export * from './keys';
export { ringExperiment, schemesExperiment, nodeNames, trialSeed, type RingResult, type SchemesResult, type SchemeRow } from './experiments';
export { shardingMechanism, shardingDefaults, shardingScenarios, initSharding, applyShardAction, parseShardAction, sanitizeShardingParams, LAB_NODES, type ShardingParams, type ShardingState, type ShardAction, type LastChange, type KeyKind } from './mechanism';
