/**
 * Experiment 1 (Figure 16, Ongaro & Ousterhout 2014, §9.3) split into shares for a pool of workers,
 * and the merge back into the single-run result.
 *
 * Share j of k runs, for every range, the trials whose index i satisfies i mod k = j. Interleaving
 * (rather than giving each share whole ranges) balances the load: trials differ a lot in cost by
 * range (150–150 ms trials all run to the 10 s cap), but neighbouring trial indices of one range
 * cost about the same. Each trial's seed depends only on (seed, i) (see `figure16Trial`), so a share
 * computes exactly the downtimes the single run computes for those indices, and merging is a
 * concatenation per range followed by the same sort: the multiset of numbers is the same, so the
 * sorted arrays are equal element by element.
 */
import { figure16Ranges, figure16Setup, figure16Trial } from './experiments';
import type { DowntimeSeries, Figure16Setup, Progress, TimeoutRange } from './experiments';

/** Which share of experiment 1 a worker runs: share `index` of `count`. */
export interface Figure16Share {
  readonly index: number;
  readonly count: number;
}

/** What one share produces: per range (in the run's range order), its trials' downtimes, unsorted. */
export interface Figure16Part {
  readonly share: Figure16Share;
  readonly downtimes: readonly (readonly number[])[];
}

/** The shares for a pool of `count` workers (at least one). */
export function figure16Shares(count: number): Figure16Share[] {
  const k = Math.max(1, Math.floor(count));
  return Array.from({ length: k }, (_, index) => ({ index, count: k }));
}

/** Number of trials per range that a share runs: the indices i < trials with i mod count = index. */
export function shareTrials(trials: number, share: Figure16Share): number {
  return share.index >= trials ? 0 : Math.ceil((trials - share.index) / share.count);
}

/** Run one share of experiment 1. Returns null if cancelled through `progress` (fraction of this share). */
export function runFigure16Share(
  trials: number,
  share: Figure16Share,
  ranges: readonly TimeoutRange[] = figure16Ranges,
  net: Figure16Setup = figure16Setup,
  progress: Progress = () => true,
  seed = 1,
): Figure16Part | null {
  const total = shareTrials(trials, share) * ranges.length;
  const downtimes: number[][] = [];
  let done = 0;
  for (const range of ranges) {
    const d: number[] = [];
    for (let i = share.index; i < trials; i += share.count) {
      d.push(figure16Trial(seed, i, range, net));
      done++;
      if (done % 50 === 0 && !progress(done / total)) return null;
    }
    downtimes.push(d);
  }
  progress(1);
  return { share, downtimes };
}

/**
 * Merge the parts of every share into the single-run result. Throws if the parts are not exactly
 * the shares 0..k−1 of one split over `ranges` (a missing or doubled share would silently skew the chart).
 */
export function mergeFigure16(parts: readonly Figure16Part[], ranges: readonly TimeoutRange[] = figure16Ranges): DowntimeSeries[] {
  const k = parts.length;
  const seen = new Set(parts.map((p) => p.share.index));
  if (k === 0 || seen.size !== k || parts.some((p) => p.share.count !== k || p.share.index < 0 || p.share.index >= k)) {
    throw new Error(`mergeFigure16: expected shares 0..${k - 1} of ${k}, got ${parts.map((p) => `${p.share.index}/${p.share.count}`).join(', ')}`);
  }
  if (parts.some((p) => p.downtimes.length !== ranges.length)) throw new Error('mergeFigure16: a part does not cover every range');
  return ranges.map((range, r) => {
    const downtimes = parts.flatMap((p) => p.downtimes[r]);
    // The same comparator as runFigure16, so the order is the single run's order.
    downtimes.sort((a, b) => a - b);
    return { range, downtimes };
  });
}
