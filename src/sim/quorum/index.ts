/** Quorum replication (N, W, R) on the kernel: mechanism, analysis and the PBS experiment. */
import { worldMechanism } from '../core/world';
import { quorumProtocol } from './protocol';

/** The quorum lab's mechanism. */
export const quorumMechanism = worldMechanism(quorumProtocol);
export { quorumProtocol, quorumDefaults, sanitizeQuorumParams } from './protocol';
export { quorumScenarios } from './scenarios';
export * from './types';
export * from './analysis';
export * from './pbs';
