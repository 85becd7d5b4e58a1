/// <reference lib="webworker" />
/**
 * Web Worker that runs one Raft timing experiment, or one share of experiment 1, off the main
 * thread, posting progress. Cancelling is `worker.terminate()` from the page, which stops it at once.
 */
import { runSplitVotes } from '../../sim/raft';
import { runFigure16Share } from '../../sim/raft';
import type { ExperimentReply, ExperimentRequest } from './workerMessages';

const post = (m: ExperimentReply) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

self.onmessage = (e: MessageEvent<ExperimentRequest>) => {
  const req = e.data;
  let lastPost = 0;
  const progress = (done: number) => {
    // Throttle to ~20 updates a second so the page is not flooded.
    const now = performance.now();
    if (now - lastPost > 50 || done >= 1) {
      lastPost = now;
      post({ type: 'progress', done });
    }
    return true;
  };
  try {
    if (req.kind === 'figure16') {
      const part = runFigure16Share(req.trials, req.share, undefined, req.setup, progress, req.seed);
      if (part) post({ type: 'figure16', part });
    } else {
      const points = runSplitVotes(req.latencies, req.trials, req.range, progress, req.seed, req.cluster) ?? [];
      post({ type: 'split', points, range: req.range });
    }
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
