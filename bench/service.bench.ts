/**
 * Service lab figures: the fan-out Monte Carlo (leaf calls per CPU-second, plain and hedged, what the
 * `fanout` experiment and its worker do), the outbox experiment (trials of four modes per second),
 * and the chain and queue protocols on the kernel (events per CPU-second with the trace off).
 */
import type { BenchModule, BenchRow } from './run';
import { cpuMs } from './measure';
import { parseExperimentParams, runExperiment } from '../src/sim/core/experiment';
import { worldMechanism } from '../src/sim/core/world';
import { chainParams, chainProtocol, fanoutExperiment, outboxExperiment, queueDefaults, queueProtocol, type FanoutResult } from '../src/sim/service';

const bench: BenchModule = {
  name: 'service',
  run(): BenchRow[] {
    const rows: BenchRow[] = [];
    for (const [label, raw] of [
      ['plain', {}],
      ['hedged after 10 ms', { hedgeAfterMs: '10' }],
      ['tied after 1 ms', { tiedAfterMs: '1' }],
    ] as const) {
      const { params } = parseExperimentParams(fanoutExperiment, { leaves: '100', trials: '20000', ...raw });
      const [out, wall, cpu] = cpuMs(() => runExperiment(fanoutExperiment, params)!);
      const r = out.results as FanoutResult;
      rows.push({
        metric: `fanout N=100 ${label}`,
        value: (20000 * 100 * 1000) / cpu,
        unit: 'leaf calls/s',
        note: `CPU; ${wall.toFixed(0)} ms wall for 20,000 requests; p99.9 ${r.p999.toFixed(0)} ms (closed form ${r.closed ? r.closed.p999.toFixed(0) : '–'}), slow share ${(r.fractionSlowerThanLeafP99 * 100).toFixed(1)}% vs 1−0.99^100 = ${(r.closedForm * 100).toFixed(1)}%, extra requests ${(r.extraRequestFraction * 100).toFixed(2)}%`,
      });
    }
    {
      const { params } = parseExperimentParams(outboxExperiment, { trials: '200' });
      const [, wall, cpu] = cpuMs(() => runExperiment(outboxExperiment, params));
      rows.push({ metric: 'outbox experiment (4 modes, 40 orders, 3 crashes)', value: (200 * 1000) / cpu, unit: 'trials/s', note: `CPU; ${wall.toFixed(0)} ms wall for 200 trials` });
    }
    {
      const mech = worldMechanism(chainProtocol, { trace: false });
      const p = chainParams({ hops: 3, callEveryMs: 20, clientTimeoutMs: 300, mode: 'deadline' });
      const [s, wall, cpu] = cpuMs(() => mech.runUntil(mech.init(1, p), 200_000));
      rows.push({
        metric: 'chain 3 hops, a call every 20 ms, deadlines',
        value: (s.events * 1000) / cpu,
        unit: 'events/s',
        note: `CPU; ${s.events.toLocaleString('en-US')} events in ${wall.toFixed(0)} ms wall (cost grows with timers pending per node: the kernel copies a node's live timers on each change)`,
      });
    }
    {
      const mech = worldMechanism(queueProtocol, { trace: false });
      const p = { ...queueDefaults, consumers: 3, publishEveryMs: 25, process: { kind: 'uniform', min: 30, max: 90 } as const, poisonEvery: 50 };
      const [s, wall, cpu] = cpuMs(() => mech.runUntil(mech.init(1, p), 60_000));
      rows.push({ metric: 'queue 3 consumers, 40 msg/s, 2% poison', value: (s.events * 1000) / cpu, unit: 'events/s', note: `CPU; ${s.events.toLocaleString('en-US')} events in ${wall.toFixed(0)} ms wall (broker state grows with every message)` });
    }
    return rows;
  },
};
export default bench;
