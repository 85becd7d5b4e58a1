/**
 * Three rate limiters as pure functions over plain data, each deciding one request at a time:
 *
 * - Token bucket (Turner 1986, "New directions in communications"; the form used by most API
 *   gateways): tokens refill continuously at `rate` per second up to `burst`; a request takes one
 *   token or is refused. Over any interval of length t it admits at most rate·t + burst.
 * - Fixed window: at most `limit` requests per aligned window of `windowMs` (counter reset at each
 *   boundary). A client can send `limit` at the end of one window and `limit` at the start of the
 *   next: 2 × limit within a moment.
 * - Sliding window (log): at most `limit` admitted in any window of `windowMs` ending now, by keeping
 *   the admitted timestamps. Exact, at the cost of one timestamp per admitted request; the
 *   "sliding window counter" many gateways use instead is an approximation of this.
 */

/** Settings shared by the three limiters, so they allow the same average rate. */
export interface LimitConfig {
  /** Tokens per second (token bucket). */
  readonly rate: number;
  /** Bucket size (token bucket). */
  readonly burst: number;
  /** Requests per window (fixed and sliding window). */
  readonly limit: number;
  readonly windowMs: number;
}

/** The three kinds of limiter. */
export type LimiterKind = 'token-bucket' | 'fixed-window' | 'sliding-window';
/** All kinds, in display order. */
export const LIMITERS: readonly LimiterKind[] = ['token-bucket', 'fixed-window', 'sliding-window'];

/** One client's limiter state. */
export type Limiter =
  | { readonly kind: 'token-bucket'; readonly tokens: number; readonly last: number }
  | { readonly kind: 'fixed-window'; readonly window: number; readonly count: number }
  | { readonly kind: 'sliding-window'; readonly admitted: readonly number[] };

/** A fresh limiter (a token bucket starts full). */
export function newLimiter(kind: LimiterKind, cfg: LimitConfig): Limiter {
  if (kind === 'token-bucket') return { kind, tokens: cfg.burst, last: 0 };
  if (kind === 'fixed-window') return { kind, window: 0, count: 0 };
  return { kind, admitted: [] };
}

/** Decide a request at time `now` (ms, non-decreasing per limiter). */
export function admit(l: Limiter, cfg: LimitConfig, now: number): { limiter: Limiter; ok: boolean } {
  if (l.kind === 'token-bucket') {
    const tokens = Math.min(cfg.burst, l.tokens + (cfg.rate * (now - l.last)) / 1000);
    return tokens >= 1 ? { limiter: { kind: l.kind, tokens: tokens - 1, last: now }, ok: true } : { limiter: { kind: l.kind, tokens, last: now }, ok: false };
  }
  if (l.kind === 'fixed-window') {
    const w = Math.floor(now / cfg.windowMs);
    const count = w === l.window ? l.count : 0;
    return count < cfg.limit ? { limiter: { kind: l.kind, window: w, count: count + 1 }, ok: true } : { limiter: { kind: l.kind, window: w, count }, ok: false };
  }
  let i = 0;
  while (i < l.admitted.length && l.admitted[i]! <= now - cfg.windowMs) i++;
  const kept = i ? l.admitted.slice(i) : l.admitted;
  return kept.length < cfg.limit ? { limiter: { kind: l.kind, admitted: [...kept, now] }, ok: true } : { limiter: { kind: l.kind, admitted: kept }, ok: false };
}

/** The most requests among `times` (sorted) that fall within any interval of length `spanMs` (closed). */
export function peakIn(times: readonly number[], spanMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! > spanMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}
