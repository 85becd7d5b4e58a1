import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseExperimentParams, runExperiment } from '../core/experiment';
import {
  SCHEMES,
  buildRanges,
  buildRing,
  hashKey,
  jumpHash,
  jumpHashBig,
  loads,
  makeKeys,
  makeLayout,
  makeMonotonicKeys,
  maxOverMean,
  moved,
  murmur3,
  nodeNames,
  owners,
  relStdDev,
  ringArcs,
  ringExperiment,
  ringOwner,
  ringShareRelStd,
  ringShares,
  saltHotKeys,
  schemesExperiment,
  splitU64,
  zipfWeights,
} from '.';

describe('MurmurHash3 x86_32', () => {
  it('matches the reference implementation’s published values', () => {
    expect(murmur3('', 0)).toBe(0);
    expect(murmur3('', 1)).toBe(0x514e28b7);
    expect(murmur3('', 0xffffffff)).toBe(0x81f16f39);
    expect(murmur3('hello', 0)).toBe(0x248bfa47);
    expect(murmur3('The quick brown fox jumps over the lazy dog', 0)).toBe(0x2e4ff723);
  });
  it('hashes non-ASCII text by its UTF-8 bytes', () => {
    expect(murmur3('é', 0)).toBe(murmur3('\u00e9', 0));
    expect(murmur3('é', 0)).not.toBe(murmur3('e', 0));
  });
});

describe('jump consistent hash (Lamping & Veach 2014)', () => {
  // Published vectors: ClickHouse tests/queries/0_stateless/00580_consistent_hashing_functions,
  // which calls the paper's C++ function, and three more from an independent TypeScript port.
  const vectors: [bigint, number, number][] = [
    [1n, 1, 0],
    [42n, 57, 43],
    [256n, 1024, 520],
    [3735883980n, 1, 0],
    [3735883980n, 666, 361],
    [16045690984833335023n, 255, 237],
    [10863919174838991n, 11, 6],
    [2016238256797177309n, 11, 3],
    [1673758223894951030n, 11, 5],
  ];
  it.each(vectors)('key %s, %i buckets → %i', (key, n, want) => {
    const [hi, lo] = splitU64(key);
    expect(jumpHash(hi, lo, n)).toBe(want);
    expect(jumpHashBig(key, n)).toBe(want);
  });
  it('split 32-bit arithmetic equals the BigInt algorithm on any 64-bit key', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.integer({ min: 1, max: 100_000 }), (key, n) => {
        const [hi, lo] = splitU64(key);
        expect(jumpHash(hi, lo, n)).toBe(jumpHashBig(key, n));
      }),
      { numRuns: 500 },
    );
  });
  it('is deterministic and in range', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 5000 }), (hi, lo, n) => {
        const b = jumpHash(hi, lo, n);
        expect(b).toBe(jumpHash(hi, lo, n));
        expect(b).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThan(n);
      }),
    );
  });
  it('going from n to n+1 buckets a key either stays or moves to bucket n', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 1000 }), (hi, lo, n) => {
        const a = jumpHash(hi, lo, n);
        const b = jumpHash(hi, lo, n + 1);
        expect(b === a || b === n).toBe(true);
      }),
    );
  });
});

describe('the ring', () => {
  it('arcs cover the circle once and the owner of a point is the next point clockwise', () => {
    const ring = buildRing(['A', 'B', 'C'], 5, 7);
    const arcs = ringArcs(ring);
    expect(arcs).toHaveLength(15);
    expect(arcs.reduce((a, x) => a + x.share, 0)).toBeCloseTo(1, 12);
    for (const a of arcs) expect(ringOwner(ring, a.end)).toBe(a.node);
    // A hash just past the last point wraps to the first point.
    expect(ringOwner(ring, ring.points[ring.points.length - 1] + 1)).toBe(ring.nodes[ring.owners[0]]);
  });
  it('arc-share spread matches √((n−1)/(nk+1)) over many layouts', () => {
    for (const [n, k] of [
      [8, 1],
      [8, 50],
    ]) {
      let s2 = 0;
      const T = 200;
      for (let t = 0; t < T; t++) s2 += relStdDev(ringShares(buildRing(nodeNames(n), k, t * 7919))) ** 2;
      expect(Math.sqrt(s2 / T) / ringShareRelStd(n, k)).toBeGreaterThan(0.85);
      expect(Math.sqrt(s2 / T) / ringShareRelStd(n, k)).toBeLessThan(1.15);
    }
  });
});

const arbNodes = fc.integer({ min: 1, max: 12 });
const arbSeed = fc.integer({ min: 0, max: 0xffffffff });

describe('properties of the consistent schemes', () => {
  for (const scheme of ['ring', 'jump', 'rendezvous'] as const) {
    it(`${scheme}: adding a node moves keys only to that node`, () => {
      fc.assert(
        fc.property(arbNodes, arbSeed, fc.integer({ min: 1, max: 50 }), (n, seed, vnodes) => {
          const keys = makeKeys(300, seed);
          const layout = makeLayout(scheme, nodeNames(n), keys, { seed, vnodes });
          const m = moved(owners(layout, keys), owners(layout.add(`N${n}`), keys));
          for (const mv of m.moves) expect(mv.to).toBe(`N${n}`);
        }),
        { numRuns: 60 },
      );
    });
    it(`${scheme}: removing a node moves only that node’s keys`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 2, max: 12 }), arbSeed, (n, seed) => {
          const keys = makeKeys(300, seed);
          const layout = makeLayout(scheme, nodeNames(n), keys, { seed, vnodes: 20 });
          const gone = layout.removable()[0];
          const m = moved(owners(layout, keys), owners(layout.remove(gone), keys));
          for (const mv of m.moves) expect(mv.from).toBe(gone);
        }),
        { numRuns: 60 },
      );
    });
  }
  it('fixed partitions and ranges also move keys only to the newcomer, in whole units', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), arbSeed, (n, seed) => {
        const keys = makeKeys(400, seed);
        for (const scheme of ['fixed', 'range'] as const) {
          const layout = makeLayout(scheme, nodeNames(n), keys, { seed, partitions: 64, maxRangeKeys: 20 });
          const m = moved(owners(layout, keys), owners(layout.add(`N${n}`), keys));
          for (const mv of m.moves) expect(mv.to).toBe(`N${n}`);
        }
      }),
      { numRuns: 40 },
    );
  });
  it('the moved fraction converges to 1/(n+1) (mean over layouts, within 3 standard errors)', () => {
    for (const scheme of ['ring', 'jump', 'rendezvous'] as const) {
      for (const n of [3, 9]) {
        const T = 30;
        const fr: number[] = [];
        for (let t = 0; t < T; t++) {
          const keys = makeKeys(2000, 1000 + t);
          const layout = makeLayout(scheme, nodeNames(n), keys, { seed: 1000 + t, vnodes: 200 });
          fr.push(moved(owners(layout, keys), owners(layout.add(`N${n}`), keys)).fraction);
        }
        const m = fr.reduce((a, b) => a + b, 0) / T;
        const sd = Math.sqrt(fr.reduce((a, b) => a + (b - m) ** 2, 0) / (T - 1));
        expect(Math.abs(m - 1 / (n + 1))).toBeLessThan(3 * (sd / Math.sqrt(T)) + 0.002);
      }
    }
  });
  it('hash mod N moves about n/(n+1) of the keys', () => {
    const keys = makeKeys(20_000, 3);
    const layout = makeLayout('mod', nodeNames(9), keys);
    const f = moved(owners(layout, keys), owners(layout.add('N9'), keys)).fraction;
    expect(f).toBeGreaterThan(0.88);
    expect(f).toBeLessThan(0.92);
  });
});

describe('hot spots', () => {
  it('monotonic keys send every new write to one range; a hash prefix spreads them', () => {
    const nodes = nodeNames(8);
    const plain = buildRanges(makeMonotonicKeys(4000, 1).map((k) => k.ord), nodes, 100).writtenTo.slice(3600);
    expect(Math.max(...loads(nodes, plain)) / plain.length).toBe(1);
    const pre = buildRanges(makeMonotonicKeys(4000, 1, 16).map((k) => k.ord), nodes, 100).writtenTo.slice(3600);
    expect(Math.max(...loads(nodes, pre)) / pre.length).toBeLessThan(0.4);
  });
  it('a Zipf-hot key overloads its node under every scheme, and salting it helps', () => {
    const keys = makeKeys(5000, 2);
    const w = zipfWeights(keys.length, 1.2);
    for (const scheme of SCHEMES) {
      const layout = makeLayout(scheme, nodeNames(8), keys, { seed: 2 });
      const hot = maxOverMean(loads(layout.nodes, owners(layout, keys), w));
      const s = saltHotKeys(keys, w, 5, 8, 2);
      const cooled = maxOverMean(loads(layout.nodes, owners(layout, s.keys), s.weights));
      expect(hot).toBeGreaterThan(1.8);
      expect(cooled).toBeLessThan(hot);
      expect(s.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
  });
  it('ranges split when they pass the limit and every key stays in its range', () => {
    const keys = makeKeys(1000, 4);
    const b = buildRanges(keys.map((k) => k.ord), nodeNames(4), 50);
    expect(b.splits).toBeGreaterThan(15);
    b.table.keys.forEach((ks, i) => {
      expect(ks.length).toBeLessThanOrEqual(50);
      for (const o of ks) {
        expect(o).toBeGreaterThanOrEqual(b.table.starts[i]);
        if (i + 1 < b.table.starts.length) expect(o).toBeLessThan(b.table.starts[i + 1]);
      }
    });
  });
});

describe('experiments', () => {
  it('ring: results carry the issue’s fields, nothing moves anywhere but the new node, figures sit near the closed forms', () => {
    const { params } = parseExperimentParams(ringExperiment, { nodes: '10', vnodes: '100', keys: '5000', trials: '6', seed: '3' });
    const r = runExperiment(ringExperiment, params)!.results;
    expect(r.movedElsewhere).toBe(0);
    expect(Math.abs(r.movedFractionOnAdd - 1 / 11)).toBeLessThan(0.03);
    expect(r.relStdDevRms / r.expectedRelStdDev).toBeGreaterThan(0.6);
    expect(r.relStdDevRms / r.expectedRelStdDev).toBeLessThan(1.4);
    expect(r.maxOverMean).toBeGreaterThan(1);
  });
  it('schemes: a unit depends only on (params, index)', () => {
    const { params } = parseExperimentParams(schemesExperiment, { keys: '600', trials: '1', nodes: '4' });
    expect(schemesExperiment.runUnit(params, 4)).toEqual(schemesExperiment.runUnit(params, 4));
    const r = runExperiment(schemesExperiment, params)!.results;
    const row = (s: string) => r.rows.find((x) => x.scheme === s)!;
    expect(row('mod').movedFractionOnAdd).toBeGreaterThan(0.6);
    for (const s of ['ring', 'jump', 'rendezvous', 'fixed', 'range']) expect(row(s).movedElsewhereOnAdd).toBe(0);
    expect(row('range').monotonicHotShare).toBe(1);
  });
  it('hashKey is stable across calls (no hidden randomness)', () => {
    expect(hashKey('user:42', 9)).toEqual(hashKey('user:42', 9));
  });
});
