/**
 * Raft core throughput in simulated events (deliveries + timer fires) per CPU second, for five
 * servers with 10–15 ms latency, 100–200 ms election timeouts and 50 ms heartbeats: idle, under 20
 * client requests/s, and with the leader crashed every 2 s (restarted 1 s later). The lab mode
 * steps the mechanism one event at a time with the trace and the invariant monitor on (as the lab
 * does); the experiment mode runs the kernel world in batches with neither (as experiments do).
 * Plus the wall time of experiment 1 (Figure 16: 6 timeout ranges × 1000 trials).
 */
import type { BenchModule, BenchRow } from './run';
import { runFigure16 } from '../src/sim/raft/experiments';
import { raft, raftWorldQuiet } from '../src/sim/raft/mechanism';
import { defaultParams } from '../src/sim/raft/params';
import type { RaftAction, RaftParams, RaftState } from '../src/sim/raft/types';

const SIM_MS = 120_000;

type Workload = 'idle' | '20 req/s' | 'leader crash every 2 s';

/** Run one workload; returns (events processed, wall ms, CPU ms). */
function run(workload: Workload, over: Partial<RaftParams>): { events: number; wall: number; cpu: number } {
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
  return { events: s.world.events, wall, cpu: (c.user + c.system) / 1000 };
}

const bench: BenchModule = {
  name: 'raft',
  run(): BenchRow[] {
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
    return rows;
  },
};

export default bench;
