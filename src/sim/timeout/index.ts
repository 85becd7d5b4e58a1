/** Timeout ("dropped or slow?") and FLP cores: public API. */
export * from './types';
export { timeoutMechanism, timeoutProtocol, sanitizeTimeoutParams, latencyDist, calls, executed, callTruths, timeoutInFlight, TIMEOUT_DEFAULTS, TRUTH_TEXT, type TimeoutState } from './timeout';
export { timeoutScenarios } from './scenarios';
export * from './flp';
