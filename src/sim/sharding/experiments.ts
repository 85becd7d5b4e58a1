/**
 * The sharding experiments (src/sim/core/experiment.ts contract), runnable in the lab's worker and
 * headless through `npm run experiment -- ring` / `-- schemes`. Every trial takes its hash seed from
 * the kernel's named stream `createRng(seed, "<experiment>:trial:<i>")`, so a trial depends only on
 * (params, index).
 */
import type { Experiment, ExperimentParams } from '../core/experiment';
import { createRng } from '../core/rng';
import type { HashedKey } from './hash';
import { makeKeys, makeMonotonicKeys, saltHotKeys, zipfWeights, harmonic } from './keys';
import { buildRing, ringOwner, ringShareRelStd, ringShares } from './ring';
import { buildRanges } from './range';
import { SCHEMES, makeLayout, type SchemeId } from './schemes';
import { idealMovedFraction, loads, maxOverMean, modMovedFraction, moved, owners, relStdDev, ringExpectedRelStd } from './stats';

/** Node names N0, N1, … */
export function nodeNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `N${i}`);
}

/** The 32-bit hash seed of trial i of an experiment. */
export function trialSeed(seed: number, experiment: string, i: number): number {
  return createRng(seed, `${experiment}:trial:${i}`)[0] >>> 0;
}

const num = (p: ExperimentParams, k: string): number => p[k] as number;

/** One ring trial. */
export interface RingPart {
  readonly relStdDev: number;
  readonly maxOverMean: number;
  readonly movedFraction: number;
  /** Keys that changed owner but not to the added node (must be 0). */
  readonly movedElsewhere: number;
  readonly shareRelStd: number;
}

/** What `ring` prints. */
export interface RingResult {
  readonly trials: number;
  /** Mean over trials of the relative standard deviation of keys per node. */
  readonly relStdDev: number;
  /** Root mean square of the same (compare with `expectedRelStdDev`, which is exact in mean square). */
  readonly relStdDevRms: number;
  readonly expectedRelStdDev: number;
  /** Relative spread of arc shares alone (no key sampling), RMS over trials, and its closed form √((n−1)/(nk+1)). */
  readonly arcShareRelStdRms: number;
  readonly arcShareRelStdExpected: number;
  readonly oneOverSqrtK: number;
  readonly maxOverMean: number;
  readonly maxOverMeanWorst: number;
  readonly movedFractionOnAdd: number;
  readonly idealMovedFraction: number;
  readonly modNMovedFraction: number;
  readonly movedElsewhere: number;
}

/** `ring`: balance and movement of a consistent-hash ring with virtual nodes (Karger 1997; Dynamo 2007). */
export const ringExperiment: Experiment<RingPart, RingResult> = {
  id: 'ring',
  title: 'Consistent-hash ring: balance and keys moved',
  doc:
    'Hashes --keys keys onto a ring of --nodes nodes with --vnodes points each, measures keys per node (relative standard deviation, max over mean) against the closed form √((n−1)/K + V(1−1/K)), V = (n−1)/(nk+1) ≈ 1/k, then adds one node and measures the fraction of keys that move (ideal 1/(n+1); hash mod N moves n/(n+1)).',
  params: [
    { name: 'nodes', kind: 'integer', default: 10, min: 2, max: 64, doc: 'nodes before the one added' },
    { name: 'vnodes', kind: 'integer', default: 100, min: 1, max: 1000, doc: 'virtual nodes (ring points) per node' },
    { name: 'keys', kind: 'integer', default: 100_000, min: 100, max: 1_000_000, doc: 'keys placed' },
    { name: 'trials', kind: 'integer', default: 40, min: 1, max: 500, doc: 'independent layouts (hash seeds)' },
    { name: 'seed', kind: 'integer', default: 1, min: 0, max: 4294967295, doc: 'run seed' },
  ],
  units: (p) => num(p, 'trials'),
  runUnit(p, i) {
    const n = num(p, 'nodes');
    const hs = trialSeed(num(p, 'seed'), 'ring', i);
    const keys = makeKeys(num(p, 'keys'), hs);
    const names = nodeNames(n);
    const ring = buildRing(names, num(p, 'vnodes'), hs);
    const before = keys.map((k) => ringOwner(ring, k.h));
    const l = loads(names, before);
    const added = `N${n}`;
    const ring2 = buildRing([...names, added], num(p, 'vnodes'), hs);
    let count = 0;
    let elsewhere = 0;
    for (let j = 0; j < keys.length; j++) {
      const o = ringOwner(ring2, keys[j].h);
      if (o !== before[j]) {
        count++;
        if (o !== added) elsewhere++;
      }
    }
    return { relStdDev: relStdDev(l), maxOverMean: maxOverMean(l), movedFraction: count / keys.length, movedElsewhere: elsewhere, shareRelStd: relStdDev(ringShares(ring)) };
  },
  merge(p, parts) {
    const n = num(p, 'nodes');
    const k = num(p, 'vnodes');
    const avg = (f: (x: RingPart) => number) => parts.reduce((a, x) => a + f(x), 0) / parts.length;
    const rms = (f: (x: RingPart) => number) => Math.sqrt(avg((x) => f(x) ** 2));
    return {
      trials: parts.length,
      relStdDev: avg((x) => x.relStdDev),
      relStdDevRms: rms((x) => x.relStdDev),
      expectedRelStdDev: ringExpectedRelStd(n, k, num(p, 'keys')),
      arcShareRelStdRms: rms((x) => x.shareRelStd),
      arcShareRelStdExpected: ringShareRelStd(n, k),
      oneOverSqrtK: 1 / Math.sqrt(k),
      maxOverMean: avg((x) => x.maxOverMean),
      maxOverMeanWorst: Math.max(...parts.map((x) => x.maxOverMean)),
      movedFractionOnAdd: avg((x) => x.movedFraction),
      idealMovedFraction: idealMovedFraction(n),
      modNMovedFraction: modMovedFraction(n),
      movedElsewhere: parts.reduce((a, x) => a + x.movedElsewhere, 0),
    };
  },
};

/** One (scheme, trial) measurement. */
export interface SchemePart {
  readonly scheme: SchemeId;
  readonly relStdDev: number;
  readonly maxOverMean: number;
  readonly movedOnAdd: number;
  /** Keys that moved on add to a node other than the new one. */
  readonly movedElsewhereOnAdd: number;
  readonly movedOnRemove: number;
  /** Nodes that received keys when a node was removed. */
  readonly receiversOnRemove: number;
  readonly zipfMaxOverMean: number;
  readonly saltedMaxOverMean: number;
  /** Busiest node's share of the newest 10% of writes when keys only grow. */
  readonly monotonicHotShare: number;
  /** The same with a hash prefix in front of the range key (differs only for range partitioning). */
  readonly prefixedHotShare: number;
}

/** One scheme's row in the `schemes` result. */
export interface SchemeRow {
  readonly scheme: SchemeId;
  readonly relStdDev: number;
  readonly maxOverMean: number;
  readonly movedFractionOnAdd: number;
  readonly movedElsewhereOnAdd: number;
  readonly movedFractionOnRemove: number;
  readonly receiversOnRemove: number;
  readonly zipfMaxOverMean: number;
  readonly saltedMaxOverMean: number;
  readonly monotonicHotShare: number;
  readonly prefixedHotShare: number;
}

/** What `schemes` prints. */
export interface SchemesResult {
  readonly ideal: { readonly movedOnAdd: number; readonly movedOnRemove: number; readonly modNMovedOnAdd: number; readonly hottestKeyShare: number; readonly monotonicHotShareIdeal: number };
  readonly rows: SchemeRow[];
}

function windowHotShare(written: readonly string[], nodes: readonly string[]): number {
  const tail = written.slice(Math.floor(written.length * 0.9));
  const l = loads(nodes, tail);
  return Math.max(...l) / Math.max(1, tail.length);
}

function removeTarget(scheme: SchemeId, names: readonly string[]): string {
  return scheme === 'jump' ? names[names.length - 1] : names[0];
}

/** `schemes`: every scheme on the same keys. */
export const schemesExperiment: Experiment<SchemePart, SchemesResult> = {
  id: 'schemes',
  title: 'Partitioning schemes side by side',
  doc:
    'Puts the same keys through hash mod N, a consistent-hash ring, jump consistent hash, rendezvous hashing, key ranges with splits and fixed partitions; reports balance, keys moved when a node joins and leaves, the busiest node under Zipf popularity before and after salting the --hotKeys hottest keys, and the busiest node\'s share of the newest 10% of writes when keys only grow (with and without a hash prefix).',
  params: [
    { name: 'nodes', kind: 'integer', default: 10, min: 2, max: 64, doc: 'nodes before one is added' },
    { name: 'keys', kind: 'integer', default: 20_000, min: 100, max: 200_000, doc: 'keys placed' },
    { name: 'vnodes', kind: 'integer', default: 100, min: 1, max: 1000, doc: 'ring points per node' },
    { name: 'partitions', kind: 'integer', default: 256, min: 2, max: 4096, doc: 'fixed partitions' },
    { name: 'maxRangeKeys', kind: 'integer', default: 500, min: 4, max: 100_000, doc: 'a range splits above this many keys' },
    { name: 'zipf', kind: 'number', default: 1, min: 0, max: 3, doc: 'Zipf exponent of key popularity' },
    { name: 'hotKeys', kind: 'integer', default: 10, min: 0, max: 1000, doc: 'most popular keys salted into one sub-key per node' },
    { name: 'prefixBuckets', kind: 'integer', default: 16, min: 1, max: 1024, doc: 'hash-prefix buckets in front of a monotonic range key' },
    { name: 'trials', kind: 'integer', default: 5, min: 1, max: 100, doc: 'independent layouts per scheme' },
    { name: 'seed', kind: 'integer', default: 1, min: 0, max: 4294967295, doc: 'run seed' },
  ],
  units: (p) => SCHEMES.length * num(p, 'trials'),
  runUnit(p, u) {
    const scheme = SCHEMES[u % SCHEMES.length];
    const trial = Math.floor(u / SCHEMES.length);
    const hs = trialSeed(num(p, 'seed'), 'schemes', trial);
    const n = num(p, 'nodes');
    const names = nodeNames(n);
    const opts = { vnodes: num(p, 'vnodes'), partitions: num(p, 'partitions'), maxRangeKeys: num(p, 'maxRangeKeys'), seed: hs };
    const keys = makeKeys(num(p, 'keys'), hs);
    const layout = makeLayout(scheme, names, keys, opts);
    const before = owners(layout, keys);
    const l = loads(names, before);
    const added = `N${n}`;
    const grown = layout.add(added);
    const onAdd = moved(before, owners(grown, keys));
    const gone = removeTarget(scheme, names);
    const onRemove = moved(before, owners(layout.remove(gone), keys));
    const w = zipfWeights(keys.length, num(p, 'zipf'));
    const zipfLoads = loads(names, before, w);
    const salted = saltHotKeys(keys, w, num(p, 'hotKeys'), n, hs);
    const saltedLoads = loads(names, owners(layout, salted.keys), salted.weights);
    // Keys that only grow: insert them in time order; range partitioning builds its table from them.
    const mono = makeMonotonicKeys(keys.length, hs);
    const monoLayout = makeLayout(scheme, names, mono, opts);
    const written = scheme === 'range' ? rangeWrites(mono, names, opts.maxRangeKeys) : owners(monoLayout, mono);
    const prefixed = scheme === 'range' ? rangeWrites(makeMonotonicKeys(keys.length, hs, num(p, 'prefixBuckets')), names, opts.maxRangeKeys) : written;
    return {
      scheme,
      relStdDev: relStdDev(l),
      maxOverMean: maxOverMean(l),
      movedOnAdd: onAdd.fraction,
      movedElsewhereOnAdd: onAdd.moves.filter((m) => m.to !== added).length,
      movedOnRemove: onRemove.fraction,
      receiversOnRemove: Object.keys(onRemove.to).length,
      zipfMaxOverMean: maxOverMean(zipfLoads),
      saltedMaxOverMean: maxOverMean(saltedLoads),
      monotonicHotShare: windowHotShare(written, names),
      prefixedHotShare: windowHotShare(prefixed, names),
    };
  },
  merge(p, parts) {
    const n = num(p, 'nodes');
    const rows = SCHEMES.map((scheme): SchemeRow => {
      const ps = parts.filter((x) => x.scheme === scheme);
      const avg = (f: (x: SchemePart) => number) => ps.reduce((a, x) => a + f(x), 0) / Math.max(1, ps.length);
      return {
        scheme,
        relStdDev: avg((x) => x.relStdDev),
        maxOverMean: avg((x) => x.maxOverMean),
        movedFractionOnAdd: avg((x) => x.movedOnAdd),
        movedElsewhereOnAdd: avg((x) => x.movedElsewhereOnAdd),
        movedFractionOnRemove: avg((x) => x.movedOnRemove),
        receiversOnRemove: avg((x) => x.receiversOnRemove),
        zipfMaxOverMean: avg((x) => x.zipfMaxOverMean),
        saltedMaxOverMean: avg((x) => x.saltedMaxOverMean),
        monotonicHotShare: avg((x) => x.monotonicHotShare),
        prefixedHotShare: avg((x) => x.prefixedHotShare),
      };
    });
    return {
      ideal: {
        movedOnAdd: idealMovedFraction(n),
        movedOnRemove: 1 / n,
        modNMovedOnAdd: modMovedFraction(n),
        hottestKeyShare: 1 / harmonic(num(p, 'keys'), num(p, 'zipf')),
        monotonicHotShareIdeal: 1 / n,
      },
      rows,
    };
  },
};

/** Owner at insert time of each key, building a range table from keys in the given (time) order. */
function rangeWrites(keys: readonly HashedKey[], names: readonly string[], maxKeys: number): string[] {
  return buildRanges(keys.map((k) => k.ord), names, maxKeys).writtenTo;
}
