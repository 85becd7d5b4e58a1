/**
 * Consistency models over histories (Herlihy & Wing 1990; Lamport 1979; Ahamad et al. 1995): the public
 * surface. Widgets, benches and scripts import this folder through this file only. See README.md.
 */
export * from './types';
export { history, type OpSpec } from './build';
export { classify, holdsAt, minimalViolation, type Classification, type LevelVerdict, type ClassifyOptions } from './classify';
export { generateHistory, generatorDefaults, type GeneratorSettings, type ReplicationMode } from './generator';
export { sanitizeHistoryParams, parseHistoryAction, parseOpFields, HISTORY_LIMITS, type HistoryParams, type HistoryAction, type OpFields } from './historyParams';
export { checkLinearizable, partitionByKey, type LinearizabilityResult, type LinearizabilityOptions } from './linearizability';
export { historyMechanism, historyOf, verdictSentence, boundaries, applyHistoryAction, type HistoryState, type Boundary } from './mechanism';
export { LEVELS, checkSequential, checkCausal, checkEventual, type Level } from './models';
export { consistencyScenarios, findConsistencyScenario, type ConsistencyScenario } from './scenarios';
export { fromReference, type ReferenceOp } from './reference';
