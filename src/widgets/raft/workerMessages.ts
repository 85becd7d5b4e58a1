/** Messages between the Raft lab and its experiment workers (plain data, structured-cloneable), and the pool's arithmetic. */
import type { SplitPoint, TimeoutRange } from '../../sim/raft';
import type { Figure16Part, Figure16Setup, Figure16Share } from '../../sim/raft';

/** A request to run one experiment, or (experiment 1) one share of it; the page merges the shares. */
export type ExperimentRequest =
  | { readonly kind: 'figure16'; readonly trials: number; readonly seed: number; readonly share: Figure16Share; readonly setup?: Figure16Setup }
  | {
      readonly kind: 'split';
      readonly trials: number;
      readonly latencies: readonly number[];
      readonly range: TimeoutRange;
      readonly seed: number;
      readonly cluster?: { readonly servers: number; readonly survivors: number };
    };

/** What a worker reports back; `done` is the fraction of that worker's own job. */
export type ExperimentReply =
  | { readonly type: 'progress'; readonly done: number }
  | { readonly type: 'figure16'; readonly part: Figure16Part }
  | { readonly type: 'split'; readonly points: readonly SplitPoint[]; readonly range: TimeoutRange }
  | { readonly type: 'error'; readonly message: string };

/**
 * Workers for experiment 1: one per logical core, at most 4 (more would mostly add start-up cost on
 * the machines readers have), at least 1. `hardwareConcurrency` may be missing or 0, then we assume 2.
 */
export function experimentPoolSize(hardwareConcurrency: number | undefined): number {
  return Math.max(1, Math.min(hardwareConcurrency || 2, 4));
}

/** Overall progress of a pool: each worker's fraction weighted by its share of the trials. */
export function poolProgress(fractions: readonly number[], weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return 1;
  return fractions.reduce((sum, f, i) => sum + Math.min(1, Math.max(0, f)) * weights[i], 0) / total;
}
