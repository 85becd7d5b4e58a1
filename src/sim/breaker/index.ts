/** Circuit breaker (resilience4j semantics) and the caller model of chapter 6's lab: public API. */
export * from './config';
export * from './window';
export * from './breaker';
export * from './types';
export * from './caller';
export { breakerScenarios } from './scenarios';
export * from './metrics';
export * from './experiment';
