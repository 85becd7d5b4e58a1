/// <reference lib="webworker" />
/**
 * The worker side of the experiment runner. A lab's worker module is one line:
 *
 * ```ts
 * // src/widgets/<lab>/experiment.worker.ts
 * serveExperiments([myExperiment]);
 * ```
 *
 * It answers `ExperimentJob`s by running its share of the units (after validating the parameters
 * again: the page is trusted, but the worker does not depend on it), posts progress at most about
 * twenty times a second, and posts every (index, part) pair at the end. Cancelling is
 * `worker.terminate()` from the page, which stops it at once, even inside a long unit.
 */
import { parseExperimentParams, type Experiment } from '../../../sim/core';
import { shareUnits, type ExperimentJob, type ExperimentMessage } from './protocol';

/** Run one job to completion, posting progress and the parts through `post`. Pure apart from `post` and the clock. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- experiments with different part and result types
export function handleJob(experiments: readonly Experiment<any, any>[], job: ExperimentJob, post: (m: ExperimentMessage) => void, now: () => number = () => Date.now()): void {
  const exp = experiments.find((e) => e.id === job.experiment);
  if (!exp) {
    post({ type: 'error', run: job.run, message: `this worker does not serve experiment "${job.experiment}"` });
    return;
  }
  try {
    const { params } = parseExperimentParams(exp, job.params);
    const indices = shareUnits(exp.units(params), job.share);
    const parts: [number, unknown][] = [];
    let last = -Infinity;
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      parts.push([i, exp.runUnit(params, i)]);
      const t = now();
      if (t - last >= 50 || k === indices.length - 1) {
        last = t;
        post({ type: 'progress', run: job.run, done: k + 1, total: indices.length });
      }
    }
    post({ type: 'parts', run: job.run, parts });
  } catch (err) {
    post({ type: 'error', run: job.run, message: err instanceof Error ? err.message : String(err) });
  }
}

/** Install the message handler in a worker that serves these experiments. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- experiments with different part and result types
export function serveExperiments(experiments: readonly Experiment<any, any>[], scope: { onmessage: ((e: MessageEvent<ExperimentJob>) => void) | null; postMessage(m: unknown): void } = self as unknown as DedicatedWorkerGlobalScope): void {
  scope.onmessage = (e: MessageEvent<ExperimentJob>) => {
    const job = e.data;
    if (job?.type !== 'run') return;
    handleJob(experiments, job, (m) => scope.postMessage(m));
  };
}
