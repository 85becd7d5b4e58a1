/**
 * Raft core throughput in simulated events (deliveries + timer fires) per wall-clock second, for
 * five servers with 10–15 ms latency, 100–200 ms election timeouts and 50 ms heartbeats: idle,
 * under 20 client requests/s, and with the leader crashed every 2 s (restarted 1 s later). Plus
 * the wall time of experiment 1 (Figure 16: 6 timeout ranges × 1000 trials).
 */
import type { BenchModule, BenchRow } from './run';
import { runFigure16 } from '../src/sim/raft/experiments';
import { defaultParams } from '../src/sim/raft/params';
import type { RaftParams, RaftState } from '../src/sim/raft/types';
import { applyAction, initCluster, peekTime, stepOnce } from '../src/sim/raft/world';

const SIM_MS = 120_000;

type Workload = 'idle' | '20 req/s' | 'leader crash every 2 s';

/** Run one workload; returns (events processed, wall ms, CPU ms). */
function run(workload: Workload, over: Partial<RaftParams>): { events: number; wall: number; cpu: number } {
  const params: RaftParams = { ...defaultParams, servers: 5, latencyMin: 10, latencyMax: 15, electionMin: 100, electionMax: 200, heartbeat: 50, ...over };
  let s: RaftState = initCluster(7, params);
  // Reader actions at fixed virtual times; between them, internal events run one by one.
  const actions: { at: number; a: Parameters<typeof applyAction>[1] | 'restart-down' }[] = [];
  if (workload === '20 req/s') for (let t = 500; t < SIM_MS; t += 50) actions.push({ at: t, a: { type: 'request' } });
  if (workload === 'leader crash every 2 s')
    for (let t = 2000; t < SIM_MS; t += 2000) actions.push({ at: t, a: { type: 'crash', node: '@leader' } }, { at: t + 1000, a: 'restart-down' });
  actions.sort((x, y) => x.at - y.at);
  let events = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const { at, a } of [...actions, { at: SIM_MS, a: null }]) {
    while (peekTime(s) <= at) {
      s = stepOnce(s);
      events++;
    }
    s = { ...s, now: at };
    if (a === 'restart-down') {
      for (const sv of s.servers) if (!sv.up) s = applyAction(s, { type: 'restart', node: sv.id });
    } else if (a) s = applyAction(s, a);
  }
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { events, wall, cpu: (c.user + c.system) / 1000 };
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
