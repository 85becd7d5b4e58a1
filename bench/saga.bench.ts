/**
 * Saga lab figures: random sagas per CPU-second (orchestrated and choreographed, with failures,
 * retried compensations, duplicates and crashes, as the property tests draw them), events per
 * saga, and the wall time of the default `saga` experiment (20,000 sagas).
 */
import type { BenchModule, BenchRow } from './run';
import { cpuMs } from './measure';
import { randomSagaSpec, runSagaTrial } from '../src/sim/saga/faults';
import { sagaExperiment } from '../src/sim/saga/experiment';
import { parseExperimentParams, runExperiment } from '../src/sim/core/experiment';

const bench: BenchModule = {
  name: 'saga',
  run(): BenchRow[] {
    const rows: BenchRow[] = [];
    for (const mode of ['orchestration', 'choreography'] as const) {
      const n = 3000;
      const [events, wall, cpu] = cpuMs(() => {
        let ev = 0;
        for (let seed = 1; seed <= n; seed++) {
          const spec = randomSagaSpec(seed, { mode, failRate: 0.1, undoFailRate: 0.2, dup: 0.3, slow: 0.3, crash: 0.3, serviceCrash: 0.1, two: true, idempotent: true });
          ev += runSagaTrial(spec).world.events;
        }
        return ev;
      });
      rows.push({ metric: `${mode}, 2 concurrent sagas, random faults`, value: (n / cpu) * 1000, unit: 'runs/s', note: `CPU; ${Math.round(events / n)} events/run, ${Math.round((events / cpu) * 1000).toLocaleString('en-US')} events/s; ${wall.toFixed(0)} ms wall for ${n}` });
    }
    const { params } = parseExperimentParams(sagaExperiment, {});
    const [, wall, cpu] = cpuMs(() => runExperiment(sagaExperiment, params));
    rows.push({ metric: 'experiment saga (defaults)', value: wall, unit: 'ms wall', note: `${cpu.toFixed(0)} ms CPU, single thread, 20,000 sagas` });
    return rows;
  },
};

export default bench;
