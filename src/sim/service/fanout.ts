/**
 * Fan-out and its tail (Dean & Barroso, "The Tail at Scale", CACM 2013): a request goes to N leaf
 * servers and waits for all of them, so it is as slow as its slowest leaf. With independent leaves
 * the share of requests slower than a leaf's p99 is exactly 1 − 0.99ᴺ (63% at N = 100, the paper's
 * figure), and every quantile of the request has the closed form S_req(t) = 1 − (1 − S_leaf(t))ᴺ.
 *
 * Two mitigations from the paper, with their extra load counted: hedged requests (a copy to a
 * second replica after d ms, first answer wins) and tied requests (both replicas get it, the first
 * to start cancels its twin). The leaf-latency model and its justification are in `leaf.ts`.
 *
 * `runFanoutTrials` is the Monte Carlo both the lab and the `fanout` experiment run; it is a plain
 * model on the kernel's PRNG (not a message-passing protocol) because at N = 100 and 10,000
 * requests it draws a million leaf latencies, which a network simulation would only slow down.
 */
import { cloneRng, createRng, type MutRng } from '../core/rng';
import { hedgedCall, plainCall, tiedCall, type LeafCall, type LeafModel } from './leaf';

/** How each leaf is called. */
export type Mitigation =
  | { readonly kind: 'none' }
  | { readonly kind: 'hedged'; readonly afterMs: number }
  | { readonly kind: 'tied'; readonly afterMs: number; readonly cancelMs: number };

/** One fanned-out request: its latency (the slowest leaf) and what it cost. */
export interface FanoutRequest {
  readonly ms: number;
  /** Index of the slowest leaf. */
  readonly slowest: number;
  readonly extraRequests: number;
  readonly extraWork: number;
}

/** Call one leaf under a mitigation. */
export function callLeaf(m: LeafModel, mit: Mitigation, r: MutRng): LeafCall {
  switch (mit.kind) {
    case 'none':
      return plainCall(m, r);
    case 'hedged':
      return hedgedCall(m, mit.afterMs, r);
    case 'tied':
      return tiedCall(m, mit, r);
  }
}

/**
 * One request to `n` leaves. `leafMs`, if given, receives every leaf's latency (for drawing).
 * `prefixMax`, if given, receives the running maximum after each leaf, so one draw answers
 * "how slow would this request have been with only the first k leaves" for every k ≤ n.
 */
export function fanoutRequest(m: LeafModel, n: number, mit: Mitigation, r: MutRng, leafMs?: number[], prefixMax?: Float64Array): FanoutRequest {
  let max = -1;
  let slowest = 0;
  let extraRequests = 0;
  let extraWork = 0;
  for (let i = 0; i < n; i++) {
    const c = callLeaf(m, mit, r);
    if (c.ms > max) {
      max = c.ms;
      slowest = i;
    }
    extraRequests += c.extraRequests;
    extraWork += c.extraWork;
    if (leafMs) leafMs.push(c.ms);
    if (prefixMax) prefixMax[i] = max;
  }
  return { ms: max, slowest, extraRequests, extraWork };
}

/** Aggregates of a batch of trials (mergeable: every field adds up or concatenates). */
export interface FanoutPart {
  /** Each request's latency, in trial order. */
  readonly latencies: number[];
  /** For each fan-out width in `grid`, how many requests had their first `n` leaves' max above `threshold`. */
  readonly slowByWidth: number[];
  readonly extraRequests: number;
  readonly extraWork: number;
}

/**
 * Run `trials` requests to `n` leaves from stream (seed, name). `grid` lists widths ≤ n at which to
 * count requests slower than `threshold` (the leaf p99), using the prefix maxima of the same draws.
 */
export function runFanoutTrials(m: LeafModel, n: number, mit: Mitigation, trials: number, seed: number, name: string, threshold: number, grid: readonly number[]): FanoutPart {
  const r = cloneRng(createRng(seed, name));
  const latencies: number[] = [];
  const slowByWidth = grid.map(() => 0);
  const prefix = new Float64Array(n);
  let extraRequests = 0;
  let extraWork = 0;
  for (let t = 0; t < trials; t++) {
    const q = fanoutRequest(m, n, mit, r, undefined, prefix);
    latencies.push(q.ms);
    extraRequests += q.extraRequests;
    extraWork += q.extraWork;
    for (let g = 0; g < grid.length; g++) if (prefix[grid[g] - 1] > threshold) slowByWidth[g]++;
  }
  return { latencies, slowByWidth, extraRequests, extraWork };
}

/** Fan-out widths for the chart: about 24 points from 1 to n on a log scale, always ending at n. */
export function widthGrid(n: number): number[] {
  const out = new Set<number>();
  for (let i = 0; i <= 24; i++) out.add(Math.max(1, Math.round(Math.pow(n, i / 24))));
  out.add(n);
  return [...out].filter((w) => w <= n).sort((a, b) => a - b);
}

/** Nearest-rank quantile of an ascending array. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}
