/**
 * Breaker lab figures: the bare state machine (calls/s through tryAcquire + onResult), the caller
 * model (requests simulated per CPU-second, events scheduled), replaying a scenario from scratch
 * (what a seek without snapshots costs), and the `breaker` experiment's wall time.
 */
import type { BenchModule, BenchRow } from './run';
import { cpuMs } from './measure';
import { R4J_DEFAULTS, newBreaker, onResult, tryAcquire, breakerMechanism as m, advanceCaller, initCaller, breakerExperiment } from '../src/sim/breaker';
import { parseExperimentParams, runExperiment } from '../src/sim/core/experiment';

const bench: BenchModule = {
  name: 'breaker',
  run(): BenchRow[] {
    const rows: BenchRow[] = [];
    const n = 200_000;
    const [, wall0, cpu0] = cpuMs(() => {
      let b = newBreaker(R4J_DEFAULTS);
      for (let i = 0; i < n; i++) {
        const r = tryAcquire(R4J_DEFAULTS, b, i);
        b = r.permitted ? onResult(R4J_DEFAULTS, r.breaker, i, 10, i % 3 === 0) : r.breaker;
      }
      return b;
    });
    rows.push({ metric: 'state machine, 100-call window', value: (n / cpu0) * 1000, unit: 'calls/s', note: `CPU; ${wall0.toFixed(0)} ms wall for ${n.toLocaleString('en-US')}` });

    const sc = m.scenarios.find((s) => s.id === 'cascade-no-breaker')!;
    const [st, wall1, cpu1] = cpuMs(() => {
      let s = initCaller(1, { ...sc.params, scope: 'per-dependency' });
      s = advanceCaller(s, 5000);
      s = m.apply(s, { type: 'dep/health', host: -1, mode: 'slow' });
      return advanceCaller(s, 300_000);
    });
    rows.push({ metric: 'caller model, 300 s slow dependency', value: ((st.nextReq - 1) / cpu1) * 1000, unit: 'requests/s', note: `CPU; ${(st.seq).toLocaleString('en-US')} events scheduled, ${wall1.toFixed(0)} ms wall` });

    const [, wall2] = cpuMs(() => {
      let s = m.init(sc.seed, sc.params);
      for (const e of sc.log) s = m.apply(m.advanceTo(s, e.at), e.action);
      return m.advanceTo(s, sc.until!);
    });
    rows.push({ metric: 'replay cascade-no-breaker to 30 s', value: wall2, unit: 'ms', note: 'wall; a seek from scratch' });

    const [, wall3] = cpuMs(() => {
      let s = m.init(sc.seed, sc.params);
      s = m.advanceTo(s, 10_000);
      for (let t = 10_000; t < 12_000; t += 16) s = m.advanceTo(s, t);
      return s;
    });
    rows.push({ metric: 'playback frame (16 ms virtual, 125 frames)', value: wall3 / 125, unit: 'ms/frame', note: 'wall, incl. one state copy per frame' });

    const [, wall4] = cpuMs(() => runExperiment(breakerExperiment, parseExperimentParams(breakerExperiment, {}).params));
    rows.push({ metric: 'experiment breaker (defaults, 20 runs × 100 s)', value: wall4 / 1000, unit: 's', note: 'wall' });
    return rows;
  },
};

export default bench;
