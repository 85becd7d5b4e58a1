/**
 * Leaf-server latency for the tail-at-scale part of the lab (Dean & Barroso, "The Tail at Scale",
 * CACM 56(2), 2013).
 *
 * The paper's argument is that most of a leaf's tail is not the request's own work but
 * interference: a garbage-collection pause, a compaction, a noisy neighbour, a queue behind
 * someone else's burst ("the source of latency is often not inherent in the particular request
 * but rather due to other forms of interference", section "Hedged requests"). So a leaf's latency
 * here is two parts:
 *
 * - **service**, the request's own work: log-normal (median m, shape σ), a common fit for
 *   in-datacenter RPC service times;
 * - **wait**, the interference: with probability h the request lands in a pause and waits out its
 *   remainder, a Pareto variate with minimum x_m and tail exponent α (heavy-tailed, so a few
 *   pauses are very long); otherwise it waits nothing.
 *
 * A second copy sent to another replica meets an independent pause, unless the slowdown is shared
 * (the paper: the techniques work "only when the phenomena that causes variability does not tend
 * to simultaneously affect multiple request replicas"); `correlation` is the probability that it
 * is, in which case the copy is exactly as slow as the original.
 *
 * Everything here is pure and draws from the kernel's sfc32 streams.
 */
import { logNormalMut, nextFloatMut, paretoMut, type MutRng } from '../core/rng';
import { erf } from '../core/dist';
import { clampNumber } from '../core/clamp';
import type { Sanitized } from '../core/types';

/** The leaf-latency model (all times in ms). */
export interface LeafModel {
  /** Median of the request's own service time. */
  readonly serviceMedianMs: number;
  /** Log-normal shape of the service time (0 = constant). */
  readonly serviceSigma: number;
  /** Probability that a request lands in a pause (interference). */
  readonly hiccupProb: number;
  /** Shortest remaining pause a request can meet (Pareto x_m). */
  readonly hiccupMinMs: number;
  /** Pareto tail exponent of the remaining pause: smaller = heavier tail. */
  readonly hiccupAlpha: number;
  /** Probability that a second copy meets the same slowdown as the first (0 = independent replicas). */
  readonly correlation: number;
}

/** A named leaf model with where its numbers come from. */
export interface LeafProfile {
  readonly id: string;
  readonly label: string;
  readonly model: LeafModel;
  /** Where the numbers come from, in one or two sentences. */
  readonly source: string;
}

/**
 * Table 1 of the paper gives one random leaf's latency as 1 ms (median), 5 ms (p95), 10 ms (p99).
 * A log-normal with median 1 ms and σ = ln 5 / 1.645 ≈ 0.98 has exactly that median and p95, and
 * p99 = 9.8 ms, so this profile is pure service time with no separate pause mode.
 */
export const searchLeaf: LeafModel = { serviceMedianMs: 1, serviceSigma: Math.log(5) / 1.6449, hiccupProb: 0, hiccupMinMs: 10, hiccupAlpha: 1.5, correlation: 0 };

/**
 * The BigTable benchmark of the paper (1,000 keys over 100 servers; hedging after 10 ms: p99.9
 * from 1,800 ms to 74 ms for 2% more requests). Two of its figures pin two parameters: "2% more
 * requests" after 10 ms means about 2% of leaf requests take longer than 10 ms, so h = 0.02 with
 * x_m = 10 ms; and an unhedged p99.9 of 1,800 ms over 100 leaves means a leaf exceeds 1,800 ms with
 * probability 1 − 0.999^(1/100) ≈ 1.0e-5, so 0.02 · (10/1800)^α = 1.0e-5, α = ln(2000)/ln(180) ≈ 1.46.
 * The service body (median 2 ms, σ 0.4) is our assumption: the paper does not give it. The third
 * figure, the hedged p99.9, is then a prediction, not a fit.
 */
export const bigtableLeaf: LeafModel = {
  serviceMedianMs: 2,
  serviceSigma: 0.4,
  hiccupProb: 0.02,
  hiccupMinMs: 10,
  hiccupAlpha: Math.log(2000) / Math.log(180),
  correlation: 0,
};

/** The profiles the lab and the experiment offer. */
export const leafProfiles: readonly LeafProfile[] = [
  {
    id: 'bigtable',
    label: 'BigTable-like: 2% of requests hit a pause',
    model: bigtableLeaf,
    source: 'Pause rate and tail exponent fitted to two figures of the paper’s BigTable benchmark (2% extra requests when hedging after 10 ms; 1,800 ms unhedged p99.9 over 100 servers); the 2 ms service body is assumed',
  },
  {
    id: 'search-leaf',
    label: 'Search leaf (Table 1): 1 / 5 / 10 ms',
    model: searchLeaf,
    source: 'Log-normal matching Table 1’s single-leaf median 1 ms, p95 5 ms and p99 10 ms (no separate pauses)',
  },
];

/** Find a profile by id (the first one if unknown). */
export function leafProfile(id: string): LeafProfile {
  return leafProfiles.find((p) => p.id === id) ?? leafProfiles[0];
}

/** Validate an untrusted leaf model, clamping each field and reporting why. */
export function sanitizeLeaf(raw: unknown, fallback: LeafModel = bigtableLeaf): Sanitized<LeafModel> {
  if (typeof raw !== 'object' || raw === null) return { value: fallback, problems: raw === undefined ? [] : ['leaf: not an object; using the default'] };
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  const f = fallback;
  return {
    value: {
      serviceMedianMs: clampNumber(r.serviceMedianMs ?? f.serviceMedianMs, 0.01, 1000, f.serviceMedianMs, 'leaf.serviceMedianMs', problems),
      serviceSigma: clampNumber(r.serviceSigma ?? f.serviceSigma, 0, 3, f.serviceSigma, 'leaf.serviceSigma', problems),
      hiccupProb: clampNumber(r.hiccupProb ?? f.hiccupProb, 0, 0.5, f.hiccupProb, 'leaf.hiccupProb', problems),
      hiccupMinMs: clampNumber(r.hiccupMinMs ?? f.hiccupMinMs, 0.1, 10_000, f.hiccupMinMs, 'leaf.hiccupMinMs', problems),
      hiccupAlpha: clampNumber(r.hiccupAlpha ?? f.hiccupAlpha, 0.5, 10, f.hiccupAlpha, 'leaf.hiccupAlpha', problems),
      correlation: clampNumber(r.correlation ?? f.correlation, 0, 1, f.correlation, 'leaf.correlation', problems),
    },
    problems,
  };
}

/** One draw of the service time. */
export function sampleService(m: LeafModel, r: MutRng): number {
  return m.serviceSigma === 0 ? m.serviceMedianMs : logNormalMut(r, Math.log(m.serviceMedianMs), m.serviceSigma);
}

/** One draw of the pause a request meets (0 when it meets none). Always draws two numbers so streams stay aligned. */
export function sampleWait(m: LeafModel, r: MutRng): number {
  const u = nextFloatMut(r);
  const p = paretoMut(r, m.hiccupMinMs, m.hiccupAlpha);
  return u < m.hiccupProb ? p : 0;
}

/** One leaf's latency: wait + service. */
export function sampleLeaf(m: LeafModel, r: MutRng): number {
  return sampleWait(m, r) + sampleService(m, r);
}

// ---- exact distribution (for the closed forms) ----

const Z_POINTS = 161;
const Z_MAX = 8;

/** P(service ≤ t). */
function serviceCdf(m: LeafModel, t: number): number {
  if (t <= 0) return 0;
  if (m.serviceSigma === 0) return t >= m.serviceMedianMs ? 1 : 0;
  return 0.5 * (1 + erf((Math.log(t) - Math.log(m.serviceMedianMs)) / (m.serviceSigma * Math.SQRT2)));
}

/** P(pause > x) given a pause. */
function paretoSurvival(m: LeafModel, x: number): number {
  return x <= m.hiccupMinMs ? 1 : Math.pow(m.hiccupMinMs / x, m.hiccupAlpha);
}

/**
 * P(leaf latency > t), exact up to quadrature: (1 − h)·P(S > t) + h·E[P(pause > t − S)], the
 * expectation over the log-normal service time by Simpson's rule in z (161 points over ±8σ).
 */
export function leafSurvival(m: LeafModel, t: number): number {
  const base = 1 - serviceCdf(m, t);
  if (m.hiccupProb === 0) return base;
  let withPause: number;
  if (m.serviceSigma === 0) withPause = t - m.serviceMedianMs < 0 ? 1 : paretoSurvival(m, t - m.serviceMedianMs);
  else {
    const h = (2 * Z_MAX) / (Z_POINTS - 1);
    let acc = 0;
    for (let i = 0; i < Z_POINTS; i++) {
      const z = -Z_MAX + i * h;
      const s = m.serviceMedianMs * Math.exp(m.serviceSigma * z);
      const phi = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
      const w = i === 0 || i === Z_POINTS - 1 ? 1 : i % 2 === 1 ? 4 : 2;
      acc += w * phi * (t - s <= 0 ? 1 : paretoSurvival(m, t - s));
    }
    withPause = (acc * h) / 3;
  }
  return (1 - m.hiccupProb) * base + m.hiccupProb * Math.min(1, withPause);
}

/** Invert a decreasing survival function: the t with survival(t) = p, by bisection on a log scale. */
export function invertSurvival(survival: (t: number) => number, p: number): number {
  let lo = 1e-4;
  let hi = 1;
  while (survival(hi) > p && hi < 1e9) hi *= 4;
  for (let i = 0; i < 80; i++) {
    const mid = Math.sqrt(lo * hi);
    if (survival(mid) > p) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

/** The leaf's q-quantile (e.g. 0.99 for p99). */
export function leafQuantile(m: LeafModel, q: number): number {
  return invertSurvival((t) => leafSurvival(m, t), 1 - q);
}

/**
 * P(one leaf answers later than t) when a hedge is sent after `d` ms: the answer is the first of
 * the original and a copy started d ms later, so the survival multiplies by the copy's, except
 * when the copy shares the slowdown (probability `correlation`), when the copy cannot be faster.
 */
export function hedgedSurvival(m: LeafModel, d: number, t: number): number {
  const s = leafSurvival(m, t);
  if (t <= d) return s;
  return s * (m.correlation + (1 - m.correlation) * leafSurvival(m, t - d));
}

/**
 * The closed form for a request that waits for all N leaves: P(request > t) = 1 − (1 − S(t))^N,
 * with S the per-leaf survival (hedged or not). `hedgeAfterMs` < 0 means no hedging.
 */
export function fanoutSurvival(m: LeafModel, n: number, t: number, hedgeAfterMs = -1): number {
  const s = hedgeAfterMs >= 0 ? hedgedSurvival(m, hedgeAfterMs, t) : leafSurvival(m, t);
  // 1 − (1 − s)^n, computed stably for tiny s.
  return -Math.expm1(n * Math.log1p(-Math.min(s, 1 - 1e-16)));
}

/** The request-latency quantile q for N leaves, from the closed form. */
export function fanoutQuantile(m: LeafModel, n: number, q: number, hedgeAfterMs = -1): number {
  return invertSurvival((t) => fanoutSurvival(m, n, t, hedgeAfterMs), 1 - q);
}

/** The share of requests slower than a leaf's p99 when each waits for N independent leaves: 1 − 0.99ᴺ. */
export function closedFormSlowFraction(n: number, leafQuantileLevel = 0.99): number {
  return 1 - Math.pow(leafQuantileLevel, n);
}

// ---- mitigations, one leaf at a time ----

/** What one leaf call cost and how long it took. */
export interface LeafCall {
  /** Time until the first answer. */
  readonly ms: number;
  /** Requests sent beyond the first (hedges or tied twins). */
  readonly extraRequests: number;
  /** Copies that actually executed beyond the first (wasted work). */
  readonly extraWork: number;
}

/** Tied-request options: the twin is sent `afterMs` later; a cancellation takes `cancelMs` to arrive. */
export interface TiedOptions {
  readonly afterMs: number;
  readonly cancelMs: number;
}

/** A plain call to one leaf. */
export function plainCall(m: LeafModel, r: MutRng): LeafCall {
  return { ms: sampleLeaf(m, r), extraRequests: 0, extraWork: 0 };
}

/**
 * A hedged call: if no answer after `d` ms, send a copy to another replica and take the first
 * answer. The loser keeps running until cancelled, so a hedge counts as one extra request and,
 * pessimistically, one extra execution.
 */
export function hedgedCall(m: LeafModel, d: number, r: MutRng): LeafCall {
  const x1 = sampleLeaf(m, r);
  // The copy's draws are taken whether or not it is sent, so hedging does not reshuffle later leaves.
  const shared = nextFloatMut(r) < m.correlation;
  const x2 = shared ? x1 : sampleLeaf(m, r);
  if (x1 <= d) return { ms: x1, extraRequests: 0, extraWork: 0 };
  return { ms: Math.min(x1, d + x2), extraRequests: 1, extraWork: 1 };
}

/**
 * A tied call (the paper's "tied requests"): both replicas get the request, the second `afterMs`
 * later, each tagged with the other. Whichever starts executing first (its pause over) sends a
 * cancellation that reaches the twin `cancelMs` later; the twin executes too only if it started
 * before that (the "window of vulnerability"). Always one extra request; extra work only in the race.
 */
export function tiedCall(m: LeafModel, o: TiedOptions, r: MutRng): LeafCall {
  const w1 = sampleWait(m, r);
  const s1 = sampleService(m, r);
  const shared = nextFloatMut(r) < m.correlation;
  const w2 = shared ? w1 : sampleWait(m, r);
  const s2 = sampleService(m, r);
  const start1 = w1;
  const start2 = o.afterMs + w2;
  if (start1 <= start2) {
    const both = start2 < start1 + o.cancelMs;
    return { ms: both ? Math.min(start1 + s1, start2 + s2) : start1 + s1, extraRequests: 1, extraWork: both ? 1 : 0 };
  }
  const both = start1 < start2 + o.cancelMs;
  return { ms: both ? Math.min(start1 + s1, start2 + s2) : start2 + s2, extraRequests: 1, extraWork: both ? 1 : 0 };
}
