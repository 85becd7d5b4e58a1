/**
 * The circuit-breaker state machine, after resilience4j's `CircuitBreakerStateMachine`
 * (https://resilience4j.readme.io/docs/circuitbreaker):
 *
 * - CLOSED: every call is permitted; each outcome is recorded in the sliding window, and once the
 *   window holds at least `minimumNumberOfCalls` (for a count-based window, at most its size) the
 *   breaker opens when the failure rate ≥ `failureRateThreshold` or the slow-call rate ≥
 *   `slowCallRateThreshold`.
 * - OPEN: calls are refused (`CallNotPermittedException`) until `waitDurationInOpenState` has passed.
 *   Then the next call attempt moves it to HALF_OPEN, or a timer does if
 *   `automaticTransitionFromOpenToHalfOpenEnabled`.
 * - HALF_OPEN: exactly `permittedNumberOfCallsInHalfOpenState` calls are let through (others are
 *   refused) into a fresh count-based window of that size. Once they have all completed, the same
 *   thresholds decide: any exceeded → OPEN again; otherwise → CLOSED with an empty window. (The
 *   probe window's minimum is min(minimumNumberOfCalls, permitted), so one failed probe does not
 *   re-open it on its own while others are still out.)
 *
 * A result is recorded in whatever state the breaker is in when the call *completes*, as in
 * resilience4j (a call started while CLOSED can land in HALF_OPEN's window). Results arriving while
 * OPEN change nothing. Not modelled: forced/disabled states, `maxWaitDurationInHalfOpenState`
 * (default 0: wait for the probes indefinitely), exception filters (every error counts as failed).
 */
import type { BreakerConfig } from './config';
import { emptyWindow, failureRate, moveWindow, record, slowCallRate, type Outcome, type Window } from './window';

/** The three states of resilience4j's breaker. */
export type BreakerMode = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

/** One breaker's state: plain data. */
export interface Breaker {
  readonly mode: BreakerMode;
  /** The closed window, or half-open's probe window. */
  readonly window: Window;
  /** Virtual time this mode was entered. */
  readonly since: number;
  /** OPEN: when trial calls may start. */
  readonly retryAt: number;
  /** HALF_OPEN: probes still allowed to start. */
  readonly permits: number;
  /** Calls refused so far (CallNotPermitted). */
  readonly notPermitted: number;
  /** Why it last changed mode, in words. */
  readonly reason: string;
}

/** A transition, for the trace and the state band. */
export interface Transition {
  readonly at: number;
  readonly from: BreakerMode;
  readonly to: BreakerMode;
  readonly reason: string;
}

/** The result of a threshold check (resilience4j's `CircuitBreakerMetrics.Result`). */
export type Check = 'BELOW_MINIMUM_CALLS' | 'BELOW_THRESHOLDS' | 'FAILURE_RATE_ABOVE' | 'SLOW_CALL_RATE_ABOVE' | 'BOTH_ABOVE';

/** The minimum number of calls that applies in the current mode. */
export function minCallsFor(cfg: BreakerConfig, b: Breaker): number {
  if (b.mode === 'HALF_OPEN') return Math.min(cfg.minimumNumberOfCalls, cfg.permittedNumberOfCallsInHalfOpenState);
  return cfg.slidingWindowType === 'COUNT_BASED' ? Math.min(cfg.minimumNumberOfCalls, cfg.slidingWindowSize) : cfg.minimumNumberOfCalls;
}

/** Compare a window's rates with the thresholds. */
export function checkThresholds(cfg: BreakerConfig, w: Window, minCalls: number): Check {
  const fr = failureRate(w, minCalls);
  const sr = slowCallRate(w, minCalls);
  if (fr < 0 || sr < 0) return 'BELOW_MINIMUM_CALLS';
  const f = fr >= cfg.failureRateThreshold;
  const s = sr >= cfg.slowCallRateThreshold;
  return f && s ? 'BOTH_ABOVE' : f ? 'FAILURE_RATE_ABOVE' : s ? 'SLOW_CALL_RATE_ABOVE' : 'BELOW_THRESHOLDS';
}

/** A new breaker, CLOSED with an empty window. */
export function newBreaker(cfg: BreakerConfig, now = 0): Breaker {
  return { mode: 'CLOSED', window: emptyWindow(cfg.slidingWindowType, cfg.slidingWindowSize), since: now, retryAt: 0, permits: 0, notPermitted: 0, reason: 'starts closed' };
}

const pct = (x: number): string => `${Math.round(x * 10) / 10}%`;

function toOpen(cfg: BreakerConfig, b: Breaker, now: number, why: Check): Breaker {
  const w = b.window, n = w.total;
  const reason = why === 'SLOW_CALL_RATE_ABOVE'
    ? `slow-call rate ${pct((w.slow * 100) / n)} ≥ ${cfg.slowCallRateThreshold}% over ${n} calls`
    : `failure rate ${pct((w.failed * 100) / n)} ≥ ${cfg.failureRateThreshold}% over ${n} calls`;
  return { ...b, mode: 'OPEN', since: now, retryAt: now + cfg.waitDurationInOpenState, permits: 0, reason };
}

function toHalfOpen(cfg: BreakerConfig, b: Breaker, now: number, reason: string): Breaker {
  const k = cfg.permittedNumberOfCallsInHalfOpenState;
  return { ...b, mode: 'HALF_OPEN', window: emptyWindow('COUNT_BASED', k), since: now, permits: k, reason };
}

/**
 * Ask to start a call at `now`. Returns the new breaker and whether the call may go ahead.
 * OPEN → HALF_OPEN happens here once the wait has elapsed (unless a timer already did it).
 */
export function tryAcquire(cfg: BreakerConfig, b: Breaker, now: number): { breaker: Breaker; permitted: boolean } {
  let cur = b;
  if (cur.mode === 'OPEN') {
    if (now < cur.retryAt) return { breaker: { ...cur, notPermitted: cur.notPermitted + 1 }, permitted: false };
    cur = toHalfOpen(cfg, cur, now, `the ${cfg.waitDurationInOpenState / 1000} s wait is over; a call arrived`);
  }
  if (cur.mode === 'HALF_OPEN') {
    if (cur.permits <= 0) return { breaker: { ...cur, notPermitted: cur.notPermitted + 1 }, permitted: false };
    return { breaker: { ...cur, permits: cur.permits - 1 }, permitted: true };
  }
  return { breaker: cur, permitted: true };
}

/** The timer-driven OPEN → HALF_OPEN transition (only with automatic transition enabled). */
export function autoHalfOpen(cfg: BreakerConfig, b: Breaker, now: number): Breaker {
  if (b.mode !== 'OPEN' || now < b.retryAt) return b;
  return toHalfOpen(cfg, b, now, `the ${cfg.waitDurationInOpenState / 1000} s wait is over (automatic)`);
}

/** Classify a completed call. */
export function outcomeOf(cfg: BreakerConfig, durationMs: number, failed: boolean): Outcome {
  return ((failed ? 1 : 0) | (durationMs > cfg.slowCallDurationThreshold ? 2 : 0)) as Outcome;
}

/** Record a call that completed at `now` after `durationMs`. */
export function onResult(cfg: BreakerConfig, b: Breaker, now: number, durationMs: number, failed: boolean): Breaker {
  if (b.mode === 'OPEN') return b;
  const window = record(b.window, outcomeOf(cfg, durationMs, failed), now);
  const next = { ...b, window };
  const check = checkThresholds(cfg, window, minCallsFor(cfg, next));
  if (check === 'BELOW_MINIMUM_CALLS' || (check === 'BELOW_THRESHOLDS' && b.mode === 'CLOSED')) return next;
  if (check === 'BELOW_THRESHOLDS') {
    return { ...next, mode: 'CLOSED', window: emptyWindow(cfg.slidingWindowType, cfg.slidingWindowSize), since: now, permits: 0, reason: `${window.total} trial calls stayed under the thresholds` };
  }
  return toOpen(cfg, next, now, check);
}

/** The window as it reads at `now` (a time-based window drops seconds that have passed). */
export function windowAt(b: Breaker, now: number): Window {
  return moveWindow(b.window, now);
}

/** The transition between two breaker states, if the mode changed. */
export function transitionBetween(a: Breaker, b: Breaker): Transition | null {
  return a.mode === b.mode && a.since === b.since ? null : { at: b.since, from: a.mode, to: b.mode, reason: b.reason };
}
