/**
 * Raft core throughput in simulated events (deliveries + timer fires) per CPU second, for five
 * servers with 10–15 ms latency, 100–200 ms election timeouts and 50 ms heartbeats: idle, under 20
 * client requests/s, and with the leader crashed every 2 s (restarted 1 s later). The lab mode
 * steps the mechanism one event at a time with the trace and the invariant monitor on (as the lab
 * does); the experiment mode runs the kernel world in batches with neither (as experiments do).
 * Plus the wall time of experiment 1 (Figure 16: 6 timeout ranges × 1000 trials), in one thread and
 * split over 2 Node worker threads the way the lab splits it over Web Workers (trialShares.ts), and
 * the cost of seeking in a 10-minute lab run through SeekableRun, the engine the lab's store uses.
 *
 * Each workload runs ROUNDS times after a warm-up and reports the median CPU time: one 120 s run
 * takes only tens of milliseconds now, too short to time once on a shared machine.
 */
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { BenchModule, BenchRow } from './run';
import { cpuOnlyMs } from './measure';
import { runFigure16 } from '../src/sim/raft/experiments';
import { figure16Shares, mergeFigure16 } from '../src/sim/raft/trialShares';
import type { Figure16Part } from '../src/sim/raft/trialShares';
import { raft, raftWorldQuiet } from '../src/sim/raft/mechanism';
import { raftScenarios } from '../src/sim/raft/scenarios';
import { SeekableRun } from '../src/sim/core/seekableRun';
import type { LogEntry } from '../src/sim/core/types';
import { defaultParams } from '../src/sim/raft/params';
import type { RaftAction, RaftParams, RaftState } from '../src/sim/raft/types';

const SIM_MS = 120_000;
const ROUNDS = 7;

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
 * Bundle raft-figure16.worker.ts into one JavaScript file with Vite's build API (the same bundler
 * that makes the book's Web Worker bundles), so the timed run starts threads on compiled code, as a
 * browser does. Without it each thread registered tsx and transpiled the module graph itself, about
 * 0.25 s of the 2-thread wall time that no deployed build pays. Bundling is not timed; its time is
 * reported beside the figure.
 */
async function bundleWorker(): Promise<{ file: string; ms: number }> {
  const t0 = performance.now();
  const { build } = await import('vite');
  const outDir = mkdtempSync(join(tmpdir(), 'uds-bench-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: fileURLToPath(new URL('./raft-figure16.worker.ts', import.meta.url)),
      outDir,
      emptyOutDir: false,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'figure16-worker.mjs' } },
    },
  });
  return { file: join(outDir, 'figure16-worker.mjs'), ms: performance.now() - t0 };
}

/**
 * Run experiment 1 split over `threads` worker threads running the bundled worker; returns the merged
 * series, wall ms (spawn to merge, so thread start-up and module loading count) and each share's
 * compute time (wall inside its thread, see raft-figure16.worker.ts).
 */
async function runFigure16Threads(trials: number, threads: number, workerFile: string) {
  const t0 = performance.now();
  const results = await Promise.all(
    figure16Shares(threads).map(
      (share) =>
        new Promise<{ part: Figure16Part; ms: number }>((resolve, reject) => {
          const w = new Worker(workerFile, { workerData: { trials, share, seed: 1 } });
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

/**
 * Seeking in a 10-minute lab run (trace and invariant checks on, the lab's default scenario and
 * params), through the SeekableRun the lab's store uses: a client write every second and the leader
 * crashed every 60 s and restarted 20 s later, so logs grow and elections recur. The first seek to
 * the end computes the whole run (what playing it does, frame by frame); after that any seek is
 * bounded by the 128-step snapshot interval. Reports the median, 99th percentile and worst CPU time
 * of 400 seeks to random times, and of 400 step-backs.
 */
function seekRows(): BenchRow[] {
  const LAB_MS = 600_000;
  const sc = raftScenarios[0];
  const log: LogEntry<RaftAction>[] = [];
  for (let t = 1000; t < LAB_MS; t += 1000) log.push({ at: t, action: { type: 'raft/request' } });
  for (let t = 30_000; t < LAB_MS; t += 60_000) {
    log.push({ at: t, action: { type: 'node/crash', node: '@leader' } });
    log.push({ at: t + 20_000, action: { type: 'net/heal' } });
  }
  // Restarts name the server the crash took down, so replay them through a first pass.
  let s = raft.init(sc.seed, sc.params);
  const full: LogEntry<RaftAction>[] = [];
  for (const e of [...log].sort((a, b) => a.at - b.at)) {
    s = raft.advanceTo(s, e.at);
    if (e.action.type === 'net/heal') {
      for (const id of s.world.nodeIds) if (!s.world.nodes[id].up) full.push({ at: e.at, action: { type: 'node/restart', node: id } });
      continue;
    }
    const leader = e.action.type === 'node/crash' ? s.world.nodeIds.find((id) => s.world.nodes[id].up && s.world.nodes[id].state.role === 'leader') : undefined;
    if (e.action.type === 'node/crash' && !leader) continue;
    const action: RaftAction = leader ? { type: 'node/crash', node: leader } : e.action;
    full.push({ at: e.at, action });
    s = raft.apply(s, action);
  }
  const run = new SeekableRun(raft, { mechanism: raft.id, seed: sc.seed, params: sc.params, log: full });
  const [end, firstMs] = cpuOnlyMs(() => run.cursorAtTime(LAB_MS));
  let x = 424242;
  const rand = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296;
  const stats = (xs: number[]) => {
    const v = [...xs].sort((a, b) => a - b);
    return { p50: v[v.length >> 1], p99: v[Math.floor(v.length * 0.99)], max: v[v.length - 1] };
  };
  const seeks: number[] = [];
  for (let i = 0; i < 400; i++) seeks.push(cpuOnlyMs(() => run.cursorAtTime(rand() * LAB_MS))[1]);
  const backs: number[] = [];
  let c = end;
  for (let i = 0; i < 400; i++) {
    const from = i % 20 === 0 ? run.cursorAtTime(rand() * LAB_MS) : c;
    const [b, ms] = cpuOnlyMs(() => run.stepBack(from));
    c = b;
    backs.push(ms);
  }
  const sk = stats(seeks);
  const bk = stats(backs);
  return [
    {
      metric: '10-min lab run: first seek to the end (computes the run)',
      value: firstMs,
      unit: 'ms CPU',
      note: `${end.steps.toLocaleString('en-US')} steps, ${run.snapshotCount} snapshots, ${end.state.world.trace.len.toLocaleString('en-US')} trace entries`,
    },
    { metric: '10-min lab run: random seek, worst of 400', value: sk.max, unit: 'ms CPU', note: `median ${sk.p50.toFixed(2)} ms, p99 ${sk.p99.toFixed(2)} ms` },
    { metric: '10-min lab run: step back, worst of 400', value: bk.max, unit: 'ms CPU', note: `median ${bk.p50.toFixed(2)} ms, p99 ${bk.p99.toFixed(2)} ms` },
  ];
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
        const runs = Array.from({ length: ROUNDS }, () => run(workload, over)).sort((a, b) => a.cpu - b.cpu);
        const r = runs[ROUNDS >> 1];
        rows.push({
          metric: `${workload}, ${mode}`,
          value: r.events / (r.cpu / 1000),
          unit: 'events/s',
          note: `${r.events} events over ${SIM_MS / 1000} s simulated; CPU ${r.cpu.toFixed(0)} ms (median of ${ROUNDS}), wall ${r.wall.toFixed(0)} ms`,
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
    rows.push(...seekRows());
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = runFigure16(1000);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const censored = res ? res[0].downtimes.filter((d) => !Number.isFinite(d)).length : 0;
    rows.push({ metric: 'experiment 1 (6 ranges × 1000 trials), wall', value: wall / 1000, unit: 's', note: `CPU ${((c.user + c.system) / 1000000).toFixed(1)} s` });
    rows.push({ metric: 'experiment 1: 150–150 ms trials still leaderless at 10 s', value: censored, unit: 'of 1000' });
    const bundle = await bundleWorker();
    // The first spawn also warms the OS file cache for the bundle; time the second.
    await runFigure16Threads(50, 2, bundle.file);
    const par = await runFigure16Threads(1000, 2, bundle.file);
    rmSync(dirname(bundle.file), { recursive: true, force: true });
    // The split must reproduce the single run exactly, or its time means nothing.
    if (!isDeepStrictEqual(par.series, res)) throw new Error('experiment 1 on 2 threads differs from the single-thread run');
    rows.push({
      metric: 'experiment 1 on 2 worker threads (same split as the lab), wall',
      value: par.wall / 1000,
      unit: 's',
      note: `compute per thread ${par.compute.map((c) => (c / 1000).toFixed(2)).join(', ')} s; worker bundled by Vite first (${(bundle.ms / 1000).toFixed(1)} s, not timed); result identical to the single run`,
    });
    return rows;
  },
};

export default bench;
