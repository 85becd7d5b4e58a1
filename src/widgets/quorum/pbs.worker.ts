/**
 * Web Worker for the PBS t-visibility experiment: runs WARS trials in chunks,
 * reports progress, and returns the sorted per-trial thresholds. The page
 * cancels a run by terminating the worker.
 */
import { runPbs, mergeThresholds, warsProfiles } from '../../sim/quorum';
import type { PbsRequest, PbsReply } from './experiment';

const CHUNK = 2000;

self.onmessage = (e: MessageEvent<PbsRequest>) => {
  const req = e.data;
  const profile = warsProfiles.find((p) => p.id === req.profileId);
  if (!profile) {
    (self as unknown as Worker).postMessage({ type: 'error', id: req.id, message: `unknown latency profile ${req.profileId}` } satisfies PbsReply);
    return;
  }
  const cfg = { n: req.n, w: req.w, r: req.r, profile };
  const chunks: Float64Array[] = [];
  let done = 0;
  for (let c = 0; done < req.trials; c++) {
    const size = Math.min(CHUNK, req.trials - done);
    chunks.push(runPbs(cfg, req.seed, size, c, size));
    done += size;
    (self as unknown as Worker).postMessage({ type: 'progress', id: req.id, done, total: req.trials } satisfies PbsReply);
  }
  const res = mergeThresholds(chunks);
  (self as unknown as Worker).postMessage({ type: 'done', id: req.id, thresholds: res.thresholds } satisfies PbsReply, [res.thresholds.buffer]);
};
