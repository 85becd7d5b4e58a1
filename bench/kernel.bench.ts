/**
 * Kernel throughput: a 5-node all-to-all heartbeat workload (every node beats
 * to the four others every 10 ms over 1–5 ms links), measured in simulated
 * internal events (deliveries + timer fires) per second, plus the cost of
 * replay and of seeking with SeekableRun, the replay engine every lab's store uses.
 * Every figure is CPU time of this process (wall time on the shared machine moves
 * 1-4x with load); the two runUntil rows also give wall time.
 */
import type { BenchModule, BenchRow } from './run';
import { cpuOnlyMs } from './measure';
import { worldMechanism } from '../src/sim/core/world';
import { heartbeatProtocol, heartbeatDefaults } from '../src/sim/core/examples/heartbeat';
import { SeekableRun } from '../src/sim/core/seekableRun';
import { replay } from '../src/sim/core/replay';
import type { RunSpec } from '../src/sim/core/types';

const TARGET_EVENTS = 1_200_000;
const ROUNDS = 5;

/** CPU milliseconds of one call (see measure.ts). */
const time = cpuOnlyMs;

/** Wall and CPU milliseconds (CPU time is the fairer figure on a shared, loaded machine). */
function timeCpu<T>(f: () => T): [T, number, number] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const v = f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [v, wall, (c.user + c.system) / 1000];
}

const bench: BenchModule = {
  name: 'kernel',
  run(): BenchRow[] {
    const rows: BenchRow[] = [];
    // Each node per 10 ms: 1 beat timer + 4 deliveries, plus a check timer every 35 ms → ≈ 0.53 events/ms/node.
    const horizon = Math.ceil(TARGET_EVENTS / (5 * 0.53));
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    // The same workload in lab-sized runs (10 s simulated, ~26 k events, what a lab's run holds), back to back;
    // measured first, before the long trace-on runs leave hundreds of MB of garbage for the collector.
    {
      // Per second of CPU (every thread of the process, so V8's parallel GC helpers count) and of wall.
      const labSized = (traceOn: boolean): { cpu: number; wall: number } => {
        const mech = worldMechanism(heartbeatProtocol, { trace: traceOn });
        mech.runUntil(mech.init(1, heartbeatDefaults), 10_000);
        const cpus: number[] = [];
        const walls: number[] = [];
        let events = 0;
        for (let r = 0; r < ROUNDS; r++) {
          events = 0;
          const [, wall, cpu] = timeCpu(() => {
            for (let k = 0; k < 45; k++) events += mech.runUntil(mech.init(100 + k, heartbeatDefaults), 10_000).events;
          });
          cpus.push(cpu);
          walls.push(wall);
        }
        return { cpu: (events / median(cpus)) * 1000, wall: (events / median(walls)) * 1000 };
      };
      const off = labSized(false);
      const on = labSized(true);
      rows.push({ metric: 'lab-sized runs (10 s simulated), trace off (CPU)', value: off.cpu, unit: 'events/s', note: `45 runs back to back, median of ${ROUNDS}; ${(off.wall / 1e6).toFixed(2)} M per wall second` });
      rows.push({ metric: 'lab-sized runs (10 s simulated), trace on (CPU)', value: on.cpu, unit: 'events/s', note: `${(off.cpu / on.cpu).toFixed(2)}× the trace-off CPU cost, ${(off.wall / on.wall).toFixed(2)}× its wall time (${(on.wall / 1e6).toFixed(2)} M per wall second)` });
    }
    const perCpuS: Record<'off' | 'on', number> = { off: 0, on: 0 };
    for (const traceOn of [false, true]) {
      const mech = worldMechanism(heartbeatProtocol, { trace: traceOn });
      const s0 = mech.init(42, heartbeatDefaults);
      mech.runUntil(s0, 2000); // warm up the JIT
      // Median of ROUNDS runs: one run is a third of a second, and a shared machine moves single runs by ±20%.
      const walls: number[] = [];
      const cpus: number[] = [];
      let events = 0;
      for (let r = 0; r < ROUNDS; r++) {
        const [s, ms, cpu] = timeCpu(() => mech.runUntil(mech.init(42, heartbeatDefaults), horizon));
        events = s.events;
        walls.push(ms);
        cpus.push(cpu);
      }
      const ms = median(walls);
      const cpu = median(cpus);
      const key = traceOn ? 'on' : 'off';
      perCpuS[key] = (events / cpu) * 1000;
      rows.push({
        metric: `runUntil, trace ${key} (wall)`,
        value: (events / ms) * 1000,
        unit: 'events/s',
        note: `${events.toLocaleString('en-US')} events, ${horizon.toLocaleString('en-US')} ms simulated, median ${ms.toFixed(0)} ms wall of ${ROUNDS}`,
      });
      rows.push({ metric: `runUntil, trace ${key} (CPU)`, value: perCpuS[key], unit: 'events/s', note: `median ${cpu.toFixed(0)} ms CPU of ${ROUNDS}` });
    }
    rows.push({ metric: 'trace on costs (one long run)', value: perCpuS.off / perCpuS.on, unit: '× trace off', note: 'the whole trace (~2.1 M entries) is kept, so GC dominates: see README' });
    const mech = worldMechanism(heartbeatProtocol);
    const spec: RunSpec<typeof heartbeatDefaults, never> = { mechanism: 'heartbeat', seed: 7, params: heartbeatDefaults, log: [] };
    // Step-by-step through the Mechanism interface (what a widget's step button does).
    {
      let s = mech.init(7, heartbeatDefaults);
      const n = 200_000;
      const [, ms] = time(() => {
        for (let i = 0; i < n; i++) s = mech.next(s);
      });
      rows.push({ metric: 'next() one event at a time (CPU)', value: (n / ms) * 1000, unit: 'events/s', note: `${n} calls` });
    }
    const long = 100_000; // ms of simulated time ≈ 265k steps
    const [, replayMs] = time(() => replay(mech, spec, long));
    rows.push({ metric: `replay from zero to ${long} ms`, value: replayMs, unit: 'ms CPU' });
    const tl = new SeekableRun(mech, spec);
    const [end, buildMs] = time(() => tl.cursorAtTime(long));
    rows.push({ metric: 'seekable run: first seek to end', value: buildMs, unit: 'ms CPU', note: `${end.steps.toLocaleString('en-US')} steps, ${tl.snapshotCount} snapshots` });
    // Short seeks and step-backs at random points across the run: cost must not depend on position.
    let x = 12345;
    const rand = (): number => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296);
    const seeks = 2000;
    const [, seekMs] = time(() => {
      for (let i = 0; i < seeks; i++) tl.cursorAtTime(rand() * long);
    });
    rows.push({ metric: 'seekable run: random seek (cached)', value: (seekMs / seeks) * 1000, unit: 'µs CPU/seek', note: `${seeks} seeks` });
    const [, earlyMs] = time(() => {
      for (let i = 0; i < seeks; i++) tl.cursorAtTime(rand() * 1000);
    });
    const [, lateMs] = time(() => {
      for (let i = 0; i < seeks; i++) tl.cursorAtTime(long - 1000 + rand() * 1000);
    });
    rows.push({ metric: 'seekable run: seek in first 1 s', value: (earlyMs / seeks) * 1000, unit: 'µs CPU/seek' });
    rows.push({ metric: 'seekable run: seek in last 1 s', value: (lateMs / seeks) * 1000, unit: 'µs CPU/seek', note: 'same as the first second ⇒ independent of run length' });
    let c = end;
    const backs = 2000;
    const [, backMs] = time(() => {
      for (let i = 0; i < backs; i++) c = tl.stepBack(c);
    });
    rows.push({ metric: 'seekable run: step back', value: (backMs / backs) * 1000, unit: 'µs CPU/step' });
    return rows;
  },
};

export default bench;
