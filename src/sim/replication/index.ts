/**
 * Replication beyond quorums (chapter 9): single-leader replication with lag, session guarantees
 * and their checker, failover under asynchronous and semi-synchronous replication, split brain
 * and fencing tokens (a kernel Protocol under worldMechanism); and CRDTs that converge where
 * last-writer-wins loses updates (Shapiro et al. 2011). See README.md.
 */
import { worldMechanism } from '../core/world';
import { replicationProtocol } from './protocol';

/** The single-leader replication lab's mechanism. */
export const replicationMechanism = worldMechanism(replicationProtocol);
export { replicationProtocol, replicationDefaults, sanitizeReplicationParams, parseReplicationCommand, replicasOf, clientsOf, latestEntry } from './protocol';
export { replicationScenarios } from './scenarios';
export * from './types';
export * from './history';
export * from './observe';
export * from './crdt';
export { crdtProtocol, crdtDefaults, crdtScenarios, mergeReplica, applyCrdtUpdate, emptyCrdtReplica, parseCrdtCommand, sanitizeCrdtParams, CRDT_REPLICAS, type CrdtParams, type CrdtReplica, type CrdtCmd, type CrdtMsg } from './crdtProtocol';
import { crdtProtocol } from './crdtProtocol';
/** The multi-leader CRDT mechanism. */
export const crdtMechanism = worldMechanism(crdtProtocol);
export { failoverExperiment, failoverTrial, type FailoverPoint, type FailoverTrial } from './experiments';
