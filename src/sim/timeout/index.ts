/** Timeout ("dropped or slow?") and FLP cores: public API. */
export * from './types';
export { timeoutMechanism, sanitizeTimeoutParams, parseTimeoutAction, TIMEOUT_DEFAULTS, TRUTH_TEXT } from './timeout';
export { timeoutScenarios } from './scenarios';
export * from './flp';
