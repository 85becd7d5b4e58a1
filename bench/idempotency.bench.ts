/**
 * Idempotency lab figures: random fault trials per second (what the experiment worker does,
 * per configuration), the core's events per second under a steady stream of payments, and
 * the cost of a full traced replay of a scenario (what the lab does on a seek from scratch).
 */
import type { BenchModule, BenchRow } from './run';
import { cpuMs } from './measure';
import { idemConfigs, runTrial } from '../src/sim/idempotency/experiment';
import { idemDefaults, idemFastMechanism, idemMechanism, idemScenarios } from '../src/sim/idempotency';
import { replay } from '../src/sim/core/replay';

const bench: BenchModule = {
  name: 'idempotency',
  run(): BenchRow[] {
    const rows: BenchRow[] = [];
    const trials = 3000;
    for (const cfg of idemConfigs) {
      for (let i = 0; i < 200; i++) runTrial(99, i, cfg, 4); // warm-up
      const [dup, wall, cpu] = cpuMs(() => {
        let d = 0;
        for (let i = 0; i < trials; i++) d += runTrial(1, i, cfg, 4).duplicated;
        return d;
      });
      rows.push({ metric: `fault trials, ${cfg.id}`, value: (trials / cpu) * 1000, unit: 'trials/s', note: `CPU; ${wall.toFixed(0)} ms wall for ${trials}; ${dup} operations applied twice or more` });
    }
    // Core throughput: a payment every 2 ms for 4 s, keys on, atomic, 1 s retention, no faults. The client's
    // payment list and the ledger are immutable arrays that grow with the run, so this is quadratic in
    // payments; the lab runs a handful, the experiment at most a few per trial.
    const m = idemFastMechanism;
    const [s, wall, cpu] = cpuMs(() => {
      let st = m.init(1, { ...idemDefaults, retention: 1000 });
      for (let t = 0; t < 4_000; t += 2) st = m.apply(m.runUntil(st, t), { type: 'idem/pay', amount: 10 });
      return m.runUntil(st, 9_000);
    });
    rows.push({ metric: 'core, 2,000 keyed payments', value: (s.events / cpu) * 1000, unit: 'events/s', note: `CPU; ${s.events.toLocaleString('en-US')} events in ${wall.toFixed(0)} ms wall (trace off)` });
    const sc = idemScenarios[0];
    const reps = 200;
    const [, w2, c2] = cpuMs(() => {
      for (let i = 0; i < reps; i++) replay(idemMechanism, { mechanism: 'idempotency', seed: sc.seed, params: sc.params, log: sc.log }, sc.until ?? 500);
    });
    rows.push({ metric: `traced replay of ${sc.id}`, value: c2 / reps, unit: 'ms', note: `CPU per full replay; ${(w2 / reps).toFixed(3)} ms wall` });
    return rows;
  },
};

export default bench;
