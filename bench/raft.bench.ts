/**
 * Raft core throughput in simulated events (deliveries + timer fires) per CPU second, for five
 * servers with 10–15 ms latency, 100–200 ms election timeouts and 50 ms heartbeats: idle, under 20
 * client requests/s, and with the leader crashed every 2 s (restarted 1 s later). The lab mode
 * steps the mechanism one event at a time with the trace and the invariant monitor on (as the lab
 * does); the experiment mode runs the kernel world in batches with neither (as experiments do).
 * Plus the wall time of experiment 1 (Figure 16: 6 timeout ranges × 1000 trials), in one thread and
 * split over 2 Node worker threads the way the lab splits it over Web Workers (trialShares.ts).
 */
import { Worker } from 'node:worker_threads';
import { isDeepStrictEqual } from 'node:util';
import type { BenchModule, BenchRow } from './run';
import { runFigure16 } from '../src/sim/raft/experiments';
import { figure16Shares, mergeFigure16 } from '../src/sim/raft/trialShares';
import type { Figure16Part } from '../src/sim/raft/trialShares';
import { raft, raftWorldQuiet } from '../src/sim/raft/mechanism';
import { defaultParams } from '../src/sim/raft/params';
import type { RaftAction, RaftParams, RaftState } from '../src/sim/raft/types';

const SIM_MS = 120_000;

type Workload = 'idle' | '20 req/s' | 'leader crash every 2 s';

/** Run one workload; returns (events processed, wall ms, CPU ms). */
function run(workload: Workload, over: Partial<RaftParams>): { events: number; sends: number; wall: number; cpu: number } {
  const params: RaftParams = { ...defaultParams, servers: 5, latencyMin: 10, latencyMax: 15, electionMin: 100, electionMax: 200, heartbeat: 50, ...over };
  const lab = params.checkInvariants;
  let s: RaftState = raft.init(7, params);
  // Reader actions at fixed virtual times; between them, internal events run one by one (lab) or in a batch (experiment).
  const actions: { at: number; a: RaftAction | 'restart-down' }[] = [];
  if (workload === '20 req/s') for (let t = 500; t < SIM_MS; t += 50) actions.push({ at: t, a: { type: 'raft/request' } });
  if (workload === 'leader crash every 2 s')
    for (let t = 2000; t < SIM_MS; t += 2000) actions.push({ at: t, a: { type: 'node/crash', node: '@leader' } }, { at: t + 1000, a: 'restart-down' });
  actions.sort((x, y) => x.at - y.at);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const { at, a } of [...actions, { at: SIM_MS, a: null }]) {
    if (lab) {
      while (raft.peek(s) <= at) s = raft.next(s);
      s = raft.advanceTo(s, at);
    } else {
      s = { ...s, world: raftWorldQuiet.runUntil(s.world, at) };
    }
    if (a === 'restart-down') {
      for (const id of s.world.nodeIds) if (!s.world.nodes[id].up) s = raft.apply(s, { type: 'node/restart', node: id });
    } else if (a) s = raft.apply(s, a);
  }
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { events: s.world.events, sends: s.world.msgSeq, wall, cpu: (c.user + c.system) / 1000 };
}

/**
 * Run experiment 1 split over `threads` worker threads; returns the merged series, wall ms (spawn
 * to merge, so thread start-up and TypeScript loading count) and each share's compute time
 * (wall inside its thread, see raft-figure16.worker.ts). tsx's loader
 * hooks are not inherited by worker threads, so each worker registers them before importing its
 * TypeScript entry.
 */
async function runFigure16Threads(trials: number, threads: number) {
  const entry = new URL('./raft-figure16.worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  const t0 = performance.now();
  const results = await Promise.all(
    figure16Shares(threads).map(
      (share) =>
        new Promise<{ part: Figure16Part; ms: number }>((resolve, reject) => {
          const w = new Worker(boot, { eval: true, workerData: { trials, share, seed: 1 } });
          w.once('message', (m: { part: Figure16Part; ms: number }) => {
            resolve(m);
            void w.terminate();
          });
          w.once('error', reject);
        }),
    ),
  );
  const series = mergeFigure16(results.map((r) => r.part));
  return { series, wall: performance.now() - t0, compute: results.map((r) => r.ms) };
}

const bench: BenchModule = {
  name: 'raft',
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    for (const workload of ['idle', '20 req/s', 'leader crash every 2 s'] as Workload[]) {
      for (const [mode, over] of [
        ['lab (trace + invariants)', {}],
        ['experiment (no trace, no checks)', { recordTrace: false, checkInvariants: false }],
      ] as [string, Partial<RaftParams>][]) {
        run(workload, over); // warm-up
        const r = run(workload, over);
        rows.push({
          metric: `${workload}, ${mode}`,
          value: r.events / (r.cpu / 1000),
          unit: 'events/s',
          note: `${r.events} events over ${SIM_MS / 1000} s simulated; CPU ${r.cpu.toFixed(0)} ms, wall ${r.wall.toFixed(0)} ms`,
        });
        // The count for comparing with RaftScope: sends plus processed events (deliveries and timer
        // fires, which include election starts; client requests are actions and add under 3%).
        rows.push({
          metric: `${workload}, ${mode}, sends + events`,
          value: (r.sends + r.events) / (r.cpu / 1000),
          unit: 'per CPU-s',
          note: `${r.sends} sends + ${r.events} events`,
        });
      }
    }
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = runFigure16(1000);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const censored = res ? res[0].downtimes.filter((d) => !Number.isFinite(d)).length : 0;
    rows.push({ metric: 'experiment 1 (6 ranges × 1000 trials), wall', value: wall / 1000, unit: 's', note: `CPU ${((c.user + c.system) / 1000000).toFixed(1)} s` });
    rows.push({ metric: 'experiment 1: 150–150 ms trials still leaderless at 10 s', value: censored, unit: 'of 1000' });
    const par = await runFigure16Threads(1000, 2);
    // The split must reproduce the single run exactly, or its time means nothing.
    if (!isDeepStrictEqual(par.series, res)) throw new Error('experiment 1 on 2 threads differs from the single-thread run');
    rows.push({
      metric: 'experiment 1 on 2 worker threads (same split as the lab), wall',
      value: par.wall / 1000,
      unit: 's',
      note: `compute per thread ${par.compute.map((c) => (c / 1000).toFixed(1)).join(', ')} s; result identical to the single run`,
    });
    return rows;
  },
};

export default bench;
