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
    for (const traceOn of [false, true]) {
      const mech = worldMechanism(heartbeatProtocol, { trace: traceOn });
      const s0 = mech.init(42, heartbeatDefaults);
      mech.runUntil(s0, 2000); // warm up the JIT
      const [s, ms, cpu] = timeCpu(() => mech.runUntil(mech.init(42, heartbeatDefaults), horizon));
      rows.push({
        metric: `runUntil, trace ${traceOn ? 'on' : 'off'} (wall)`,
        value: (s.events / ms) * 1000,
        unit: 'events/s',
        note: `${s.events.toLocaleString('en-US')} events, ${horizon.toLocaleString('en-US')} ms simulated, ${ms.toFixed(0)} ms wall`,
      });
      rows.push({ metric: `runUntil, trace ${traceOn ? 'on' : 'off'} (CPU)`, value: (s.events / cpu) * 1000, unit: 'events/s', note: `${cpu.toFixed(0)} ms CPU` });
    }
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
