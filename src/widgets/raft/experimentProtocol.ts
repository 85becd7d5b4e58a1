/** Messages between the Raft lab and its experiment worker (plain data, structured-cloneable). */
import type { DowntimeSeries, SplitPoint, TimeoutRange } from '../../sim/raft/experiments';

/** A request to run one experiment. */
export type ExperimentRequest =
  | { readonly kind: 'figure16'; readonly trials: number; readonly seed: number }
  | { readonly kind: 'split'; readonly trials: number; readonly latencies: readonly number[]; readonly range: TimeoutRange; readonly seed: number };

/** What the worker reports back. */
export type ExperimentReply =
  | { readonly type: 'progress'; readonly done: number }
  | { readonly type: 'figure16'; readonly series: readonly DowntimeSeries[]; readonly ms: number }
  | { readonly type: 'split'; readonly points: readonly SplitPoint[]; readonly range: TimeoutRange; readonly ms: number }
  | { readonly type: 'error'; readonly message: string };
