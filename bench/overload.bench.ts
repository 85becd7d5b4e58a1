/**
 * Overload lab figures: the server model's simulated requests per CPU-second (M/M/1 at ρ = 0.8 and
 * FIFO at 3× capacity, where the queue grows to tens of thousands), the `queue` and `shedding`
 * experiments' wall times, and rate-limiter decisions per second.
 */
import type { BenchModule, BenchRow } from './run';
import { cpuMs } from './measure';
import { advanceServer, initServer, sanitizeServerParams, queueExperiment, sheddingExperiment, admit, newLimiter, LIMITERS } from '../src/sim/overload';
import { parseExperimentParams, runExperiment } from '../src/sim/core/experiment';

const bench: BenchModule = {
  name: 'overload',
  run(): BenchRow[] {
    const rows: BenchRow[] = [];
    for (const [label, raw] of [
      ['M/M/1 ρ=0.8, 1,000 s', { servers: 1, classes: [{ name: 'r', rate: 80, serviceMs: 10 }] }],
      ['FIFO 4 workers at 3× capacity, 60 s', { servers: 4, classes: [{ name: 'r', rate: 1200, serviceMs: 10 }], clientTimeout: 200 }],
    ] as const) {
      const p = sanitizeServerParams(raw).value;
      const until = label.startsWith('M/M/1') ? 1_000_000 : 60_000;
      const [st, wall, cpu] = cpuMs(() => advanceServer(initServer(1, p), until));
      rows.push({ metric: `server model, ${label}`, value: ((st.nextReq - 1) / cpu) * 1000, unit: 'requests/s', note: `CPU; ${(st.nextReq - 1).toLocaleString('en-US')} requests, ${wall.toFixed(0)} ms wall` });
    }
    const [q, wq] = cpuMs(() => runExperiment(queueExperiment, parseExperimentParams(queueExperiment, {}).params)!);
    rows.push({ metric: 'experiment queue (defaults: 8 × 210 s, ρ=0.8)', value: wq / 1000, unit: 's', note: `wall; Wq ${q.results.meanWait.toFixed(2)} ± ${q.results.meanWaitCI95.toFixed(2)} ms vs ${q.results.closedForm.meanWait.toFixed(2)} ms` });
    const [, ws] = cpuMs(() => runExperiment(sheddingExperiment, parseExperimentParams(sheddingExperiment, {}).params));
    rows.push({ metric: 'experiment shedding (5 policies × 10 loads × 22 s)', value: ws / 1000, unit: 's', note: 'wall' });
    const cfg = { rate: 10, burst: 10, limit: 10, windowMs: 1000 };
    const n = 300_000;
    for (const kind of LIMITERS) {
      const [, , cpu] = cpuMs(() => {
        let l = newLimiter(kind, cfg);
        for (let i = 0; i < n; i++) l = admit(l, cfg, i * 7).limiter;
        return l;
      });
      rows.push({ metric: `limiter ${kind}`, value: (n / cpu) * 1000, unit: 'decisions/s', note: 'CPU' });
    }
    return rows;
  },
};

export default bench;
