/**
 * Node worker for raft.bench.ts: runs one share of Raft experiment 1 (the same split as the lab's
 * Web Worker pool, src/sim/raft/trialShares.ts) and posts its part with the time it took.
 * That is wall time inside this thread, not CPU time: Node 20's process.cpuUsage() counts every
 * thread of the process, and process.threadCpuUsage() only arrived in Node 23.9.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runFigure16Share } from '../src/sim/raft/trialShares';
import type { Figure16Share } from '../src/sim/raft/trialShares';

const { trials, share, seed } = workerData as { trials: number; share: Figure16Share; seed: number };
const t0 = performance.now();
const part = runFigure16Share(trials, share, undefined, undefined, undefined, seed);
parentPort!.postMessage({ part, ms: performance.now() - t0 });
