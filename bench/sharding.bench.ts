/**
 * Sharding core figures: lookups per second for each placement scheme (100,000 keys, 10 nodes),
 * jump hash split arithmetic against the BigInt reference, and the `ring` experiment's balance and
 * moved-key figures beside their closed forms.
 */
import type { BenchModule, BenchRow } from './run';
import { cpuOnlyMs as cpuMs } from './measure';
import { SCHEMES, jumpHash, jumpHashBig, makeKeys, makeLayout, nodeNames, ringExperiment } from '../src/sim/sharding';
import { parseExperimentParams, runExperiment } from '../src/sim/core/experiment';

const bench: BenchModule = {
  name: 'sharding',
  run(): BenchRow[] {
    const rows: BenchRow[] = [];
    const keys = makeKeys(100_000, 1);
    for (const scheme of SCHEMES) {
      const layout = makeLayout(scheme, nodeNames(10), keys, { seed: 1, vnodes: 100, partitions: 256, maxRangeKeys: 500 });
      let sink = 0;
      for (let i = 0; i < 10_000; i++) sink += layout.owner(keys[i]).length; // warm-up
      const [, cpu] = cpuMs(() => {
        for (let r = 0; r < 5; r++) for (const k of keys) sink += layout.owner(k).length;
      });
      rows.push({ metric: `lookup ${scheme}, 10 nodes`, value: (500_000 / cpu) * 1000, unit: 'keys/s', note: `CPU${sink < 0 ? '' : ''}` });
    }
    const [, jcpu] = cpuMs(() => {
      for (let r = 0; r < 5; r++) for (const k of keys) jumpHash(k.hi, k.h, 1000);
    });
    rows.push({ metric: 'jumpHash split 32-bit, 1,000 buckets', value: (500_000 / jcpu) * 1000, unit: 'keys/s', note: 'CPU' });
    const big = keys.slice(0, 20_000).map((k) => (BigInt(k.hi) << 32n) | BigInt(k.h));
    const [, bcpu] = cpuMs(() => {
      for (const k of big) jumpHashBig(k, 1000);
    });
    rows.push({ metric: 'jumpHashBig (BigInt reference), 1,000 buckets', value: (20_000 / bcpu) * 1000, unit: 'keys/s', note: 'CPU' });
    for (const vnodes of [1, 10, 100, 1000]) {
      const { params } = parseExperimentParams(ringExperiment, { nodes: 10, vnodes, keys: 100_000, trials: 20, seed: 1 });
      const [out, cpu] = cpuMs(() => runExperiment(ringExperiment, params)!.results);
      rows.push({
        metric: `ring n=10 k=${vnodes}: relStdDev (RMS, 20 layouts)`,
        value: out.relStdDevRms,
        unit: 'ratio',
        note: `closed form ${out.expectedRelStdDev.toFixed(4)} (1/√k = ${out.oneOverSqrtK.toFixed(4)}); max/mean ${out.maxOverMean.toFixed(3)}; moved on add ${out.movedFractionOnAdd.toFixed(4)} vs 1/(n+1) = ${out.idealMovedFraction.toFixed(4)}; ${(cpu / 1000).toFixed(1)} s CPU`,
      });
    }
    return rows;
  },
};

export default bench;
