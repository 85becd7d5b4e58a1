/**
 * Backoff strategies and a retry budget.
 *
 * The five strategies are those of Brooker, "Exponential Backoff And Jitter" (AWS Architecture Blog,
 * 2015), as written in its simulator (awslabs/aws-arch-backoff-simulator, `backoff_simulator.py`):
 * expo(n) = min(cap, base·2ⁿ), with n = 1 on the first retry.
 *
 * The budget is a token bucket in the manner of Finagle's `RetryBudget` (each request deposits a
 * fraction of a token, each retry withdraws a whole one, a small reserve allows retries when traffic
 * is thin) and of gRPC's retry throttling (gRFC A6: `maxTokens`, `tokenRatio`). It guarantees
 * retries ≤ ratio · requests + burst over any stretch of time, which is the property tests check.
 */
import { nextFloatMut, type MutRng } from '../core/rng';

/** A backoff strategy, by the blog's names. */
export type Strategy = 'none' | 'exponential' | 'full' | 'equal' | 'decorrelated';

/** All strategies in the order the lab and the experiment list them. */
export const strategies: readonly Strategy[] = ['none', 'exponential', 'full', 'equal', 'decorrelated'];

/** Reader-facing names. */
export const strategyLabel: Readonly<Record<Strategy, string>> = {
  none: 'No backoff',
  exponential: 'Exponential',
  full: 'Full jitter',
  equal: 'Equal jitter',
  decorrelated: 'Decorrelated jitter',
};

/** min(cap, base·2ⁿ). */
export function expo(n: number, base: number, cap: number): number {
  return Math.min(cap, base * 2 ** n);
}

/** What a backoff draw returns: the wait, and the strategy's memory (decorrelated keeps its last sleep). */
export interface BackoffDraw {
  readonly wait: number;
  readonly sleep: number;
}

/**
 * The wait before retry `n` (n ≥ 1). `sleep` is the client's previous decorrelated sleep (start at
 * `base`); the other strategies ignore it and hand it back unchanged. Draws from `rng` (mutated).
 */
export function backoffWait(strategy: Strategy, n: number, base: number, cap: number, sleep: number, rng: MutRng): BackoffDraw {
  switch (strategy) {
    case 'none':
      return { wait: 0, sleep };
    case 'exponential':
      return { wait: expo(n, base, cap), sleep };
    case 'full':
      return { wait: nextFloatMut(rng) * expo(n, base, cap), sleep };
    case 'equal': {
      const v = expo(n, base, cap);
      return { wait: v / 2 + nextFloatMut(rng) * (v / 2), sleep };
    }
    case 'decorrelated': {
      const s = Math.min(cap, base + nextFloatMut(rng) * (sleep * 3 - base));
      return { wait: s, sleep: s };
    }
  }
}

/** The closed interval every wait of `strategy` at retry `n` lies in (for tests and the lab's legend). */
export function waitBounds(strategy: Strategy, n: number, base: number, cap: number, sleep: number): readonly [number, number] {
  const v = expo(n, base, cap);
  switch (strategy) {
    case 'none':
      return [0, 0];
    case 'exponential':
      return [v, v];
    case 'full':
      return [0, v];
    case 'equal':
      return [v / 2, v];
    case 'decorrelated':
      return [Math.min(cap, base), Math.min(cap, Math.max(base, 3 * sleep))];
  }
}

/** A retry budget: a token bucket filled by requests and drained by retries. */
export interface Budget {
  /** Tokens each original request deposits (the fraction of requests that may be retried), e.g. 0.1. */
  readonly ratio: number;
  /** Bucket size and starting balance: the retries allowed before any request has paid for them. */
  readonly burst: number;
}

/** A budget's balance (plain data, so states stay serialisable). */
export interface BudgetState {
  readonly tokens: number;
  readonly requests: number;
  readonly retries: number;
  readonly refused: number;
}

/** A full bucket. */
export function budgetInit(b: Budget): BudgetState {
  return { tokens: b.burst, requests: 0, retries: 0, refused: 0 };
}

/** An original request passes: deposit `ratio`, up to the bucket size. */
export function budgetDeposit(b: Budget, s: BudgetState): BudgetState {
  return { ...s, tokens: Math.min(b.burst, s.tokens + b.ratio), requests: s.requests + 1 };
}

/** Ask to retry: allowed (and one token withdrawn) only if a whole token is there. */
export function budgetTryRetry(s: BudgetState): { allowed: boolean; state: BudgetState } {
  // A small epsilon: ten deposits of 0.1 must make one token despite binary fractions.
  if (s.tokens >= 1 - 1e-9) return { allowed: true, state: { ...s, tokens: Math.max(0, s.tokens - 1), retries: s.retries + 1 } };
  return { allowed: false, state: { ...s, refused: s.refused + 1 } };
}
