/**
 * Messages between a page and a lab's experiment worker (plain data, structured-clonable), and the
 * arithmetic of sharing one experiment's units over a pool: share j of k runs the units whose index
 * i satisfies i mod k = j. Units depend only on (params, index) (src/sim/core/experiment.ts), so a
 * share computes exactly what a single run computes for those indices, and the page reassembles
 * the parts in index order before `merge`: the result is the single run's, element for element.
 */
import type { ExperimentParams } from '../../../sim/core';

/** Which share of the units a worker runs: share `index` of `count`. */
export interface UnitShare {
  readonly index: number;
  readonly count: number;
}

/** Page → worker: run one share of one experiment. */
export interface ExperimentJob {
  readonly type: 'run';
  /** Run id, echoed in every reply so a late reply from an old run is ignored. */
  readonly run: number;
  readonly experiment: string;
  readonly params: ExperimentParams;
  readonly share: UnitShare;
}

/** Worker → page. `done` counts this share's finished units; `parts` pairs each unit index with its part. */
export type ExperimentMessage =
  | { readonly type: 'progress'; readonly run: number; readonly done: number; readonly total: number }
  | { readonly type: 'parts'; readonly run: number; readonly parts: readonly (readonly [number, unknown])[] }
  | { readonly type: 'error'; readonly run: number; readonly message: string };

/** The unit indices of one share, ascending. */
export function shareUnits(total: number, share: UnitShare): number[] {
  const out: number[] = [];
  for (let i = share.index; i < total; i += share.count) out.push(i);
  return out;
}

/** The shares for a pool of `count` workers, never more shares than units (and at least one). */
export function unitShares(count: number, units: number): UnitShare[] {
  const k = Math.max(1, Math.min(Math.floor(count) || 1, Math.max(1, units)));
  return Array.from({ length: k }, (_, index) => ({ index, count: k }));
}

/**
 * Pool size for a lab's experiment: one worker per logical core, at most 4 (more mostly adds
 * start-up cost on readers' machines), at least 1; a missing or zero `hardwareConcurrency` counts as 2.
 */
export function defaultPoolSize(hardwareConcurrency: number | undefined): number {
  return Math.max(1, Math.min(hardwareConcurrency || 2, 4));
}

/**
 * Put every share's (index, part) pairs back in index order. Throws if an index is missing, doubled
 * or out of range: a lost share would otherwise skew the result silently.
 */
export function assembleParts<Part>(total: number, pairs: readonly (readonly [number, Part])[]): Part[] {
  const out = new Array<Part>(total);
  const seen = new Uint8Array(total);
  for (const [i, part] of pairs) {
    if (!Number.isInteger(i) || i < 0 || i >= total || seen[i]) throw new Error(`experiment parts: unit ${i} is out of range or doubled (expected 0..${total - 1})`);
    seen[i] = 1;
    out[i] = part;
  }
  const missing = seen.indexOf(0);
  if (missing >= 0) throw new Error(`experiment parts: unit ${missing} of ${total} is missing`);
  return out;
}
