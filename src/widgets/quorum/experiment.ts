/**
 * Starting and cancelling a PBS experiment off the main thread. Uses a Web
 * Worker where there is one; elsewhere (tests, old browsers) it runs the same
 * chunks on the main thread, yielding between chunks so the page stays
 * responsive. Both paths give identical numbers (chunks use named streams).
 */
import { mergeThresholds, runPbs, warsProfiles, type PbsResult } from '../../sim/quorum';

/** What the page asks the worker for. */
export interface PbsRequest {
  readonly id: number;
  readonly profileId: string;
  readonly n: number;
  readonly w: number;
  readonly r: number;
  readonly trials: number;
  readonly seed: number;
}

/** What the worker answers. */
export type PbsReply =
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly id: number; readonly thresholds: Float64Array }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

/** A running experiment. */
export interface RunningPbs {
  readonly result: Promise<PbsResult>;
  cancel(): void;
}

const CHUNK = 2000;
let nextId = 1;

/** Start an experiment; `onProgress(done, total)` is called after each chunk. */
export function startPbs(req: Omit<PbsRequest, 'id'>, onProgress: (done: number, total: number) => void): RunningPbs {
  const id = nextId++;
  if (typeof Worker !== 'undefined') {
    let worker: Worker | null = null;
    let rejectFn: (e: Error) => void = () => {};
    const result = new Promise<PbsResult>((resolve, reject) => {
      rejectFn = reject;
      try {
        worker = new Worker(new URL('./pbs.worker.ts', import.meta.url), { type: 'module' });
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      worker.onmessage = (e: MessageEvent<PbsReply>) => {
        const m = e.data;
        if (m.id !== id) return;
        if (m.type === 'progress') onProgress(m.done, m.total);
        else if (m.type === 'done') {
          worker?.terminate();
          resolve({ trials: m.thresholds.length, thresholds: m.thresholds });
        } else {
          worker?.terminate();
          reject(new Error(m.message));
        }
      };
      worker.onerror = (e) => {
        worker?.terminate();
        reject(new Error(e.message || 'the experiment worker failed'));
      };
      worker.postMessage({ ...req, id } satisfies PbsRequest);
    });
    return {
      result,
      cancel() {
        worker?.terminate();
        rejectFn(new CancelledError());
      },
    };
  }
  return startOnMainThread(req, onProgress);
}

/** Raised (as a rejection) when the reader cancels a run. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

function startOnMainThread(req: Omit<PbsRequest, 'id'>, onProgress: (done: number, total: number) => void): RunningPbs {
  let cancelled = false;
  let rejectFn: (e: Error) => void = () => {};
  const result = new Promise<PbsResult>((resolve, reject) => {
    rejectFn = reject;
    const profile = warsProfiles.find((p) => p.id === req.profileId);
    if (!profile) {
      reject(new Error(`unknown latency profile ${req.profileId}`));
      return;
    }
    const chunks: Float64Array[] = [];
    let done = 0;
    let c = 0;
    const step = () => {
      if (cancelled) return;
      const size = Math.min(CHUNK, req.trials - done);
      chunks.push(runPbs({ n: req.n, w: req.w, r: req.r, profile }, req.seed, size, c++, size));
      done += size;
      onProgress(done, req.trials);
      if (done < req.trials) setTimeout(step, 0);
      else resolve(mergeThresholds(chunks));
    };
    setTimeout(step, 0);
  });
  return {
    result,
    cancel() {
      cancelled = true;
      rejectFn(new CancelledError());
    },
  };
}
