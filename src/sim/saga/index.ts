/**
 * Sagas (Garcia-Molina & Salem 1987, "Sagas", SIGMOD): an order saga of local transactions with
 * compensations, orchestrated (durable saga log) or choreographed (events on a broker), on the
 * simulation kernel, with the semantic-atomicity checker and the isolation anomalies. See README.md.
 */
import { worldMechanism } from '../core/world';
import { sagaProtocol } from './protocol';

/** The saga lab's mechanism (full trace). */
export const sagaMechanism = worldMechanism(sagaProtocol);
export { sagaProtocol, sagaDefaults, sanitizeSagaParams } from './protocol';
export { sagaScenarios } from './scenarios';
export { STEPS, PIVOT, stepIndex, stepDef, type StepDef } from './steps';
export { route } from './choreography';
export { rebuild } from './orchestrator';
export { sagaExperiment, runSagaUnit, type SagaPart, type SagaRow } from './experiment';
export * from './observe';
export * from './types';
