/**
 * Commit lab figures: random-fault 2PC and 3PC trials per CPU-second (what the `commit`
 * experiment does per trial), the events each trial costs, and the wall time of the default
 * `commit` experiment (4,000 random-fault runs plus 3,000 downtime runs).
 */
import type { BenchModule, BenchRow } from './run';
import { cpuMs } from './measure';
import { commitDefaults, type CommitParams } from '../src/sim/commit';
import { defaultFaults, lastFault, randomFaults, runTrial } from '../src/sim/commit/faults';
import { commitExperiment } from '../src/sim/commit/experiment';
import { parseExperimentParams, runExperiment } from '../src/sim/core/experiment';

const bench: BenchModule = {
  name: 'commit',
  run(): BenchRow[] {
    const rows: BenchRow[] = [];
    for (const protocol of ['2pc', '3pc'] as const) {
      const params: CommitParams = { ...commitDefaults, protocol, participants: 5 };
      const n = 5000;
      const [events, wall, cpu] = cpuMs(() => {
        let ev = 0;
        for (let seed = 1; seed <= n; seed++) {
          const log = randomFaults(seed, params, defaultFaults);
          ev += runTrial({ mechanism: 'commit', seed, params, log }, lastFault(log) + 2000).world.events;
        }
        return ev;
      });
      rows.push({ metric: `${protocol}, 5 participants, random faults`, value: (n / cpu) * 1000, unit: 'trials/s', note: `CPU; ${Math.round(events / n)} events/trial, ${Math.round((events / cpu) * 1000).toLocaleString('en-US')} events/s; ${wall.toFixed(0)} ms wall for ${n}` });
    }
    const { params } = parseExperimentParams(commitExperiment, {});
    const [, wall, cpu] = cpuMs(() => runExperiment(commitExperiment, params));
    rows.push({ metric: 'experiment commit (defaults)', value: wall, unit: 'ms wall', note: `${cpu.toFixed(0)} ms CPU, single thread` });
    return rows;
  },
};

export default bench;
