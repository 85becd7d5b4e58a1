/** Overload (queueing, load shedding, bulkheads, rate limiting) for chapter 7's lab: public API. */
export * from './types';
export * from './formulas';
export * from './server';
export * from './metrics';
export { overloadScenarios } from './scenarios';
export * from './experiments';
export * from './ratelimit';
export * from './limiterLab';
export * from './chunkq';
