/** Partition (CAP) core: public API. */
export * from './types';
export {
  partitionMechanism,
  partitionProtocol,
  sanitizePartitionParams,
  parsePartitionCommand,
  attachClients,
  replicaIds,
  NODE_IDS,
  CLIENT_IDS,
  PARTITION_DEFAULTS,
} from './mechanism';
export { INITIAL_VERSION, majorityOf } from './replica';
export { replica, versionsAt, majority, clientsOf, allOps, allWrites, isStaleRead, partitionGroups, inMinority, diverged } from './observe';
export { showVersions, compareTag, concurrent } from './versions';
export { partitionScenarios } from './scenarios';
