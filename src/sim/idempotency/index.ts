/** Idempotency keys and deduplicating consumers on the kernel: mechanism, scenarios, observations, faults and the experiment. */
import { worldMechanism } from '../core/world';
import { idemProtocol } from './protocol';

/** The idempotency lab's mechanism. */
export const idemMechanism = worldMechanism(idemProtocol);
/** The same mechanism without a trace, for experiments and property tests. */
export const idemFastMechanism = worldMechanism(idemProtocol, { trace: false });
export { idemProtocol, idemDefaults, sanitizeIdemParams, retryHorizon, distMax } from './protocol';
export { idemScenarios } from './scenarios';
export * from './types';
export * from './observe';
export { idempotencyExperiment, idemConfigs, runTrial, SHORT_RETENTION, type IdemConfig, type IdemCounts, type IdemResult, type IdemRow } from './experiment';
export { faultTrial, trialBase, FAULT_WINDOW, type FaultTrial, type IdemLogEntry } from './faults';
