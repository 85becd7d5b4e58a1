/** Partition (CAP) core: public API. */
export * from './types';
export { partitionMechanism, sanitizePartitionParams, parsePartitionAction, attachClients, normaliseGroups, NODE_IDS, CLIENT_IDS, PARTITION_DEFAULTS } from './mechanism';
export { majority, linked, INITIAL_VERSION, isStaleRead } from './core';
export { showVersions, compareTag, concurrent } from './versions';
export { partitionScenarios } from './scenarios';
