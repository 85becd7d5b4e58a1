/**
 * The page side of the experiment runner: start an experiment on one Web Worker or a pool of them,
 * report progress, and cancel. Where there is no `Worker` (tests, old browsers) or none can be
 * created, the same units run on the main thread, yielding to the browser between units; both paths
 * call the same pure `runUnit` with the same (params, index), so they give identical results.
 *
 * A cancelled run resolves to `null`: nothing partial ever reaches a chart.
 */
import { parseExperimentParams, type Experiment, type ExperimentOutput, type ExperimentParams } from '../../../sim/core';
import { assembleParts, unitShares, type ExperimentJob, type ExperimentMessage } from './protocol';

/** Creates one worker that serves the experiment (`new Worker(new URL('./experiment.worker.ts', import.meta.url), { type: 'module' })`). */
export type WorkerFactory = () => Worker;

/** A running experiment: its result (null when cancelled) and a way to stop it. */
export interface RunningExperiment<Result> {
  readonly result: Promise<ExperimentOutput<Result> | null>;
  /** Stop at once (terminates every worker); `result` resolves to null. Harmless after the end. */
  cancel(): void;
  /** Where it runs: 'worker' with `workers` workers, or 'main' (the fallback). */
  readonly where: 'worker' | 'main';
  readonly workers: number;
}

/** Options for `startExperiment`. */
export interface StartOptions {
  /** Workers to share the units over (default 1). Each takes the units with index mod k = its number. */
  readonly pool?: number;
}

let nextRun = 1;

/**
 * Start `exp` with `params` (validated again here, so raw values are safe too). `onProgress(done,
 * total)` counts finished units over the whole pool.
 */
export function startExperiment<Part, Result>(
  makeWorker: WorkerFactory | null,
  exp: Experiment<Part, Result>,
  params: ExperimentParams | Readonly<Record<string, unknown>>,
  onProgress: (done: number, total: number) => void = () => {},
  opts: StartOptions = {},
): RunningExperiment<Result> {
  const p = parseExperimentParams(exp, params).params;
  const total = exp.units(p);
  if (makeWorker && typeof Worker !== 'undefined' && total > 0) {
    const shares = unitShares(opts.pool ?? 1, total);
    const workers: Worker[] = [];
    try {
      for (let j = 0; j < shares.length; j++) workers.push(makeWorker());
    } catch {
      for (const w of workers) w.terminate();
      return onMainThread(exp, p, total, onProgress);
    }
    return onWorkers(workers, exp, p, total, shares.length, onProgress);
  }
  return onMainThread(exp, p, total, onProgress);
}

function onWorkers<Part, Result>(workers: Worker[], exp: Experiment<Part, Result>, p: ExperimentParams, total: number, k: number, onProgress: (done: number, total: number) => void): RunningExperiment<Result> {
  const run = nextRun++;
  let settled = false;
  let finish: (v: ExperimentOutput<Result> | null) => void = () => {};
  let fail: (e: Error) => void = () => {};
  const stop = () => {
    settled = true;
    for (const w of workers) w.terminate();
  };
  const result = new Promise<ExperimentOutput<Result> | null>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const doneBy = new Array<number>(k).fill(0);
  const parts: (readonly [number, Part])[] = [];
  let returned = 0;
  workers.forEach((w, j) => {
    w.onmessage = (e: MessageEvent<ExperimentMessage>) => {
      const m = e.data;
      if (settled || m.run !== run) return;
      if (m.type === 'progress') {
        doneBy[j] = m.done;
        onProgress(doneBy.reduce((a, b) => a + b, 0), total);
      } else if (m.type === 'parts') {
        parts.push(...(m.parts as (readonly [number, Part])[]));
        returned++;
        w.terminate();
        if (returned < k) return;
        stop();
        try {
          finish({ experiment: exp.id, params: p, results: exp.merge(p, assembleParts(total, parts)) });
        } catch (err) {
          fail(err instanceof Error ? err : new Error(String(err)));
        }
      } else {
        stop();
        fail(new Error(m.message));
      }
    };
    w.onerror = (e) => {
      if (settled) return;
      stop();
      fail(new Error(e.message || 'the experiment worker failed'));
    };
    w.postMessage({ type: 'run', run, experiment: exp.id, params: p, share: { index: j, count: k } } satisfies ExperimentJob);
  });
  return {
    result,
    where: 'worker',
    workers: k,
    cancel() {
      if (settled) return;
      stop();
      finish(null);
    },
  };
}

function onMainThread<Part, Result>(exp: Experiment<Part, Result>, p: ExperimentParams, total: number, onProgress: (done: number, total: number) => void): RunningExperiment<Result> {
  let settled = false;
  let finish: (v: ExperimentOutput<Result> | null) => void = () => {};
  const result = new Promise<ExperimentOutput<Result> | null>((resolve, reject) => {
    finish = resolve;
    const parts: Part[] = [];
    const step = () => {
      if (settled) return;
      try {
        if (parts.length < total) {
          parts.push(exp.runUnit(p, parts.length));
          onProgress(parts.length, total);
        }
        if (parts.length < total) {
          setTimeout(step, 0);
          return;
        }
        settled = true;
        resolve({ experiment: exp.id, params: p, results: exp.merge(p, parts) });
      } catch (err) {
        settled = true;
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    setTimeout(step, 0);
  });
  return {
    result,
    where: 'main',
    workers: 0,
    cancel() {
      if (settled) return;
      settled = true;
      finish(null);
    },
  };
}
