/**
 * Retry lab figures: events per CPU-second of the contention model (the backoff experiment's inner
 * loop), the backoff experiment at the blog's scale, metastable runs per second, and the cost of one
 * animated step (clone + event) that the lab pays while it plays.
 */
import type { BenchModule, BenchRow } from './run';
import { cpuMs } from './measure';
import { parseExperimentParams, runExperiment } from '../src/sim/core/experiment';
import { backoffExperiment, contentionDefaults, contentionMechanism, contentionModel, msDefaults, msModel, runInPlace } from '../src/sim/retry';

const bench: BenchModule = {
  name: 'retry',
  run(): BenchRow[] {
    const rows: BenchRow[] = [];
    // Contention: 100 clients, full jitter, 50 runs; events = messages handled (4 per call).
    const [events, wall1, cpu1] = cpuMs(() => {
      let n = 0;
      for (let r = 0; r < 50; r++) {
        const s = runInPlace(contentionModel, contentionModel.create(r, { ...contentionDefaults, clients: 100, strategy: 'full' }, false), Infinity);
        n += s.seq;
      }
      return n;
    });
    rows.push({ metric: 'contention model, 100 clients, full jitter', value: (events / cpu1) * 1000, unit: 'events/s', note: `CPU; ${events.toLocaleString('en-US')} events in ${wall1.toFixed(0)} ms wall` });
    // The backoff experiment at the blog's scale: 10..100 clients, 100 runs per point, 5 strategies, one thread.
    const { params } = parseExperimentParams(backoffExperiment, {});
    const [, wall2, cpu2] = cpuMs(() => runExperiment(backoffExperiment, params));
    rows.push({ metric: 'backoff experiment (defaults, 5,000 runs)', value: cpu2 / 1000, unit: 's CPU', note: `${(wall2 / 1000).toFixed(1)} s wall on one thread` });
    // Metastable: 20 s of the default stuck scenario.
    const [runs, wall3, cpu3] = cpuMs(() => {
      let ev = 0;
      for (let r = 0; r < 20; r++) ev += runInPlace(msModel, msModel.create(r, msDefaults, false), 20_000).seq;
      return ev;
    });
    rows.push({ metric: 'metastable model, 20 s stuck runs', value: (runs / cpu3) * 1000, unit: 'events/s', note: `CPU; 20 runs in ${wall3.toFixed(0)} ms wall` });
    // Animated stepping: the mechanism's next() (one clone per event) with the trace on.
    const m = contentionMechanism;
    const [steps, wall4, cpu4] = cpuMs(() => {
      let s = m.init(4, { ...contentionDefaults, clients: 50, strategy: 'exponential' });
      let n = 0;
      while (m.peek(s) < Infinity && n < 20_000) {
        s = m.next(s);
        n++;
      }
      return n;
    });
    rows.push({ metric: 'contention mechanism next(), 50 clients, trace on', value: (steps / cpu4) * 1000, unit: 'steps/s', note: `CPU; ${steps.toLocaleString('en-US')} steps in ${wall4.toFixed(0)} ms wall` });
    return rows;
  },
};

export default bench;
