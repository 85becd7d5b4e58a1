/**
 * Circuit-breaker settings, named and defaulted as in resilience4j's `CircuitBreakerConfig`
 * (resilience4j 2.x, io.github.resilience4j.circuitbreaker.CircuitBreakerConfig; documented at
 * https://resilience4j.readme.io/docs/circuitbreaker). The defaults below were checked against the
 * `DEFAULT_*` constants in that class: failure-rate threshold 50 %, slow-call-rate threshold 100 %,
 * slow-call duration 60 s, 10 calls permitted in half-open, a count-based window of 100 calls,
 * a minimum of 100 calls, 60 s in open state, and no automatic open → half-open transition.
 */
import { clampInteger, clampNumber } from '../core/clamp';
import type { Sanitized } from '../core/types';

/** How the closed state's sliding window is measured. */
export type WindowType = 'COUNT_BASED' | 'TIME_BASED';

/** The settings of one circuit breaker (times in virtual milliseconds). */
export interface BreakerConfig {
  /** Open when the failure rate in the window is ≥ this percentage (0 < x ≤ 100). */
  readonly failureRateThreshold: number;
  /** Open when the share of slow calls in the window is ≥ this percentage (0 < x ≤ 100). */
  readonly slowCallRateThreshold: number;
  /** A call is slow when it takes strictly longer than this (ms). */
  readonly slowCallDurationThreshold: number;
  readonly slidingWindowType: WindowType;
  /** The last N calls (COUNT_BASED) or the last N seconds (TIME_BASED). */
  readonly slidingWindowSize: number;
  /** No rate is computed before this many calls are in the window. */
  readonly minimumNumberOfCalls: number;
  /** How long the breaker stays open before it lets trial calls through (ms). */
  readonly waitDurationInOpenState: number;
  /** Trial calls let through in half-open; their outcome decides CLOSED or OPEN again. */
  readonly permittedNumberOfCallsInHalfOpenState: number;
  /** If true a timer moves OPEN → HALF_OPEN; if false the first call after the wait does. */
  readonly automaticTransitionFromOpenToHalfOpenEnabled: boolean;
}

/** resilience4j's documented defaults (`CircuitBreakerConfig.ofDefaults()`). */
export const R4J_DEFAULTS: BreakerConfig = {
  failureRateThreshold: 50,
  slowCallRateThreshold: 100,
  slowCallDurationThreshold: 60_000,
  slidingWindowType: 'COUNT_BASED',
  slidingWindowSize: 100,
  minimumNumberOfCalls: 100,
  waitDurationInOpenState: 60_000,
  permittedNumberOfCallsInHalfOpenState: 10,
  automaticTransitionFromOpenToHalfOpenEnabled: false,
};

/** Validate untrusted settings (URL, cue, form): clamp each into range, report every change, never throw. */
export function sanitizeBreakerConfig(raw: unknown, def: BreakerConfig = R4J_DEFAULTS): Sanitized<BreakerConfig> {
  const problems: string[] = [];
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if (raw !== undefined && (raw === null || typeof raw !== 'object')) problems.push('breaker settings must be an object; using defaults.');
  const type = r.slidingWindowType;
  let slidingWindowType = def.slidingWindowType;
  if (type !== undefined) {
    if (type === 'COUNT_BASED' || type === 'TIME_BASED') slidingWindowType = type;
    else problems.push('slidingWindowType must be COUNT_BASED or TIME_BASED; using ' + def.slidingWindowType + '.');
  }
  const auto = r.automaticTransitionFromOpenToHalfOpenEnabled;
  let automatic = def.automaticTransitionFromOpenToHalfOpenEnabled;
  if (auto !== undefined) {
    if (typeof auto === 'boolean') automatic = auto;
    else problems.push('automaticTransitionFromOpenToHalfOpenEnabled must be true or false.');
  }
  const value: BreakerConfig = {
    failureRateThreshold: clampNumber(r.failureRateThreshold, 1, 100, def.failureRateThreshold, 'failureRateThreshold', problems),
    slowCallRateThreshold: clampNumber(r.slowCallRateThreshold, 1, 100, def.slowCallRateThreshold, 'slowCallRateThreshold', problems),
    slowCallDurationThreshold: clampNumber(r.slowCallDurationThreshold, 1, 600_000, def.slowCallDurationThreshold, 'slowCallDurationThreshold', problems),
    slidingWindowType,
    slidingWindowSize: clampInteger(r.slidingWindowSize, 1, 1000, def.slidingWindowSize, 'slidingWindowSize', problems),
    minimumNumberOfCalls: clampInteger(r.minimumNumberOfCalls, 1, 1000, def.minimumNumberOfCalls, 'minimumNumberOfCalls', problems),
    waitDurationInOpenState: clampNumber(r.waitDurationInOpenState, 1, 600_000, def.waitDurationInOpenState, 'waitDurationInOpenState', problems),
    permittedNumberOfCallsInHalfOpenState: clampInteger(r.permittedNumberOfCallsInHalfOpenState, 1, 100, def.permittedNumberOfCallsInHalfOpenState, 'permittedNumberOfCallsInHalfOpenState', problems),
    automaticTransitionFromOpenToHalfOpenEnabled: automatic,
  };
  return { value, problems };
}
