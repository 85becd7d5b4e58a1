/**
 * Replication lab figures: the single-leader core on the kernel (events per CPU-second with two
 * followers under a steady write/read load), the session checker over a long history, CRDT merges,
 * and the failover experiment's default run (lost acknowledged writes against lag).
 */
import type { BenchModule, BenchRow } from './run';
import { cpuOnlyMs as cpuMs } from './measure';
import { worldMechanism } from '../src/sim/core/world';
import { parseExperimentParams, runExperiment } from '../src/sim/core/experiment';
import { applyCrdtUpdate, checkHistory, emptyCrdtReplica, failoverExperiment, historyOf, mergeReplica, replicationDefaults, replicationProtocol, type ReplicationState } from '../src/sim/replication';

const bench: BenchModule = {
  name: 'replication',
  run(): BenchRow[] {
    const rows: BenchRow[] = [];
    const mech = worldMechanism(replicationProtocol, { trace: false });
    for (const mode of ['async', 'semisync'] as const) {
      const [s, cpu] = cpuMs(() => {
        let st = mech.init(1, { ...replicationDefaults, clients: 2, lag: 30, mode, timeout: 60_000 }) as ReplicationState;
        for (let t = 0; t < 6000; t += 2) {
          st = mech.advanceTo(st, t) as ReplicationState;
          st = mech.apply(st, t % 4 ? { type: 'rep/read', client: 'c2', keys: ['x', 'y'] } : { type: 'rep/write', client: 'c1', key: t % 8 ? 'x' : 'y' }) as ReplicationState;
        }
        return mech.advanceTo(st, 10_000) as ReplicationState;
      });
      rows.push({ metric: `replication core ${mode}, 2 followers, 3,000 ops`, value: (s.events / cpu) * 1000, unit: 'events/s', note: `CPU; ${s.events.toLocaleString('en-US')} events` });
      if (mode === 'async') {
        const h = historyOf(s);
        const [vs, ccpu] = cpuMs(() => checkHistory(h));
        rows.push({ metric: 'session checker, 750 writes + 1,500 reads', value: ccpu, unit: 'ms', note: `CPU; ${vs.length} violations found` });
      }
    }
    const [, mcpu] = cpuMs(() => {
      let a = emptyCrdtReplica;
      let b = emptyCrdtReplica;
      for (let i = 0; i < 2000; i++) {
        a = applyCrdtUpdate(a, i % 3 ? { type: 'crdt/like', replica: 'A', by: 1 } : { type: 'crdt/add', replica: 'A', item: `i${i % 20}` }, 'A', i);
        b = applyCrdtUpdate(b, i % 5 ? { type: 'crdt/like', replica: 'B', by: -1 } : { type: 'crdt/remove', replica: 'B', item: `i${i % 20}` }, 'B', i);
        a = mergeReplica(a, b);
        b = mergeReplica(b, a);
      }
    });
    rows.push({ metric: 'CRDT bundle update + 2 merges', value: (2000 / mcpu) * 1000, unit: 'rounds/s', note: 'CPU; counters, LWW registers and an OR-Set of 20 items' });
    const { params } = parseExperimentParams(failoverExperiment, {});
    const [out, fcpu] = cpuMs(() => runExperiment(failoverExperiment, params)!.results);
    for (const p of out.points) {
      rows.push({
        metric: `failover ${p.mode} lag ${p.lag} ms: lost acked writes`,
        value: p.meanLost,
        unit: 'writes',
        note: `closed form ${p.expectedLost.toFixed(2)}; ${p.meanAcked.toFixed(1)} acked; write latency ${p.meanLatency.toFixed(0)} ms`,
      });
    }
    rows.push({ metric: 'failover experiment (defaults, 12 points × 40 trials)', value: fcpu / 1000, unit: 's CPU' });
    return rows;
  },
};

export default bench;
