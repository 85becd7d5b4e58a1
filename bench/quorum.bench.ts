/**
 * Quorum lab figures: PBS WARS Monte Carlo throughput (trials/s, what the
 * experiment worker does) and the quorum core on the kernel (events/s for a
 * 5-replica cluster serving a steady mix of writes and reads).
 */
import type { BenchModule, BenchRow } from './run';
import { cpuMs } from './measure';
import { consistentAt, mergeThresholds, runPbs, warsProfiles } from '../src/sim/quorum/pbs';
import { quorumDefaults, quorumProtocol } from '../src/sim/quorum';
import { worldMechanism } from '../src/sim/core/world';

const bench: BenchModule = {
  name: 'quorum',
  run(): BenchRow[] {
    const rows: BenchRow[] = [];
    const trials = 200_000;
    for (const profile of warsProfiles.slice(0, 3)) {
      const cfg = { n: 3, w: 1, r: 1, profile };
      runPbs(cfg, 1, 5000); // warm-up
      const [res, wall, cpu] = cpuMs(() => mergeThresholds([runPbs(cfg, 2012, trials)]));
      rows.push({
        metric: `PBS ${profile.id} N=3 R=W=1`,
        value: (trials / cpu) * 1000,
        unit: 'trials/s',
        note: `CPU; ${wall.toFixed(0)} ms wall for ${trials.toLocaleString('en-US')}; P(consistent at t=0) = ${(consistentAt(res, 0) * 100).toFixed(2)}%`,
      });
    }
    // Quorum core: 5 replicas, W = R = 3, two clients issuing an operation every 2 ms each.
    const mech = worldMechanism(quorumProtocol, { trace: false });
    const params = { ...quorumDefaults, n: 5, w: 3, r: 3, clients: 2, timeout: 60_000 };
    const [s, wall, cpu] = cpuMs(() => {
      let st = mech.init(1, params);
      for (let t = 0; t < 4000; t += 1) {
        st = mech.apply(mech.advanceTo(st, t), { type: t % 2 ? 'q/read' : 'q/write', client: t % 4 < 2 ? 'c1' : 'c2' });
      }
      return mech.advanceTo(st, 10_000);
    });
    rows.push({ metric: 'quorum core, 5 replicas, 4,000 ops', value: (s.events / cpu) * 1000, unit: 'events/s', note: `CPU; ${s.events.toLocaleString('en-US')} events in ${wall.toFixed(0)} ms wall` });
    return rows;
  },
};

export default bench;
