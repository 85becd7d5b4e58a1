import { describe, expect, it } from 'vitest';
import { cloneRng, createRng } from '../core/rng';
import { parseExperimentParams, runExperiment } from '../core/experiment';
import {
  bigtableLeaf,
  closedFormSlowFraction,
  fanoutQuantile,
  fanoutSurvival,
  hedgedCall,
  leafQuantile,
  leafSurvival,
  sampleLeaf,
  searchLeaf,
  tiedCall,
} from './leaf';
import { fanoutExperiment, type FanoutResult } from './fanoutExperiment';
import { fanoutMechanism, fanoutScenarios } from './scenarios';
import { replay } from '../core/replay';

describe('leaf model', () => {
  it('the search profile has Table 1’s single-leaf median 1 ms, p95 5 ms and p99 ≈ 10 ms', () => {
    expect(leafQuantile(searchLeaf, 0.5)).toBeCloseTo(1, 3);
    expect(leafQuantile(searchLeaf, 0.95)).toBeCloseTo(5, 2);
    expect(leafQuantile(searchLeaf, 0.99)).toBeGreaterThan(9.5);
    expect(leafQuantile(searchLeaf, 0.99)).toBeLessThan(10);
  });

  it('the BigTable profile: ~2% of leaves exceed 10 ms, and 100 leaves give an unhedged p99.9 of 1,800 ms (the two fitted figures)', () => {
    expect(leafSurvival(bigtableLeaf, 10)).toBeGreaterThan(0.019);
    expect(leafSurvival(bigtableLeaf, 10)).toBeLessThan(0.022);
    expect(fanoutQuantile(bigtableLeaf, 100, 0.999)).toBeGreaterThan(1700);
    expect(fanoutQuantile(bigtableLeaf, 100, 0.999)).toBeLessThan(1900);
  });

  it('the closed-form survival matches 200,000 sampled leaves', () => {
    const r = cloneRng(createRng(5, 'leaf'));
    const xs = Array.from({ length: 200_000 }, () => sampleLeaf(bigtableLeaf, r));
    for (const t of [3, 10, 50, 500]) {
      const emp = xs.filter((x) => x > t).length / xs.length;
      const exact = leafSurvival(bigtableLeaf, t);
      // Four binomial standard errors.
      expect(Math.abs(emp - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / xs.length) + 1e-4);
    }
  });

  it('at the leaf p99, the fan-out survival is exactly 1 − 0.99ᴺ', () => {
    const p99 = leafQuantile(bigtableLeaf, 0.99);
    for (const n of [1, 10, 100, 1000]) expect(fanoutSurvival(bigtableLeaf, n, p99)).toBeCloseTo(closedFormSlowFraction(n), 6);
    expect(closedFormSlowFraction(100)).toBeCloseTo(0.634, 3);
  });

  it('hedging never makes a leaf slower, and costs a request only when the first copy is late', () => {
    const r = cloneRng(createRng(9, 'hedge'));
    for (let i = 0; i < 5000; i++) {
      const c = hedgedCall(bigtableLeaf, 10, r);
      expect(c.extraRequests === 1).toBe(c.ms > 10);
    }
  });

  it('tied requests always send a twin but rarely run it', () => {
    const r = cloneRng(createRng(9, 'tied'));
    let work = 0;
    for (let i = 0; i < 20_000; i++) work += tiedCall(bigtableLeaf, { afterMs: 1, cancelMs: 0.5 }, r).extraWork;
    expect(work / 20_000).toBeLessThan(0.01);
  });
});

describe('fanout experiment', () => {
  const run = (raw: Record<string, string>) => runExperiment(fanoutExperiment, parseExperimentParams(fanoutExperiment, raw).params)!.results as FanoutResult;

  it('the share slower than a leaf p99 matches 1 − 0.99ᴺ, and quantiles match the closed form', () => {
    const r = run({ leaves: '100', trials: '6000', seed: '3' });
    const sd = Math.sqrt((r.closedForm * (1 - r.closedForm)) / r.trials);
    expect(Math.abs(r.fractionSlowerThanLeafP99 - r.closedForm)).toBeLessThan(4 * sd);
    expect(r.p50 / r.closed!.p50).toBeGreaterThan(0.9);
    expect(r.p50 / r.closed!.p50).toBeLessThan(1.1);
    for (const pt of r.curve) expect(Math.abs(pt.fraction - pt.closedForm)).toBeLessThan(4 * Math.sqrt((pt.closedForm * (1 - pt.closedForm)) / r.trials) + 0.002);
    expect(r.extraRequestFraction).toBe(0);
  });

  it('hedging after 10 ms on the BigTable profile: ~2% more requests and a p99.9 cut by more than 10×', () => {
    const r = run({ leaves: '100', trials: '5000', hedgeAfterMs: '10', seed: '4' });
    expect(r.extraRequestFraction).toBeGreaterThan(0.017);
    expect(r.extraRequestFraction).toBeLessThan(0.023);
    expect(r.closed!.p999).toBeLessThan(1800 / 10);
    expect(r.p999).toBeLessThan(200);
    expect(r.paper?.p999HedgedMs).toBe(74);
  });

  it('is the same whatever the chunking: units depend only on (params, index)', () => {
    const { params } = parseExperimentParams(fanoutExperiment, { leaves: '20', trials: '2500', seed: '8' });
    const a = fanoutExperiment.merge(params, Array.from({ length: fanoutExperiment.units(params) }, (_, i) => fanoutExperiment.runUnit(params, i)));
    const b = fanoutExperiment.merge(params, Array.from({ length: fanoutExperiment.units(params) }, (_, i) => fanoutExperiment.runUnit(params, i)));
    expect(a).toEqual(b);
  });

  it('caps trials × leaves and says so', () => {
    const { params, problems } = parseExperimentParams(fanoutExperiment, { leaves: '2000', trials: '500000' });
    expect(Number(params.trials) * 2000).toBeLessThanOrEqual(30_000_000);
    expect(problems.join(' ')).toMatch(/capped/);
  });
});

describe('fan-out mechanism', () => {
  it('replays deterministically, and the slow share of the scenario is near 63%', () => {
    const sc = fanoutScenarios[0];
    const spec = { mechanism: fanoutMechanism.id, seed: sc.seed, params: sc.params, log: sc.log };
    const a = replay(fanoutMechanism, spec, 2000);
    const b = replay(fanoutMechanism, spec, 2000);
    expect(a.count).toBe(420);
    expect(a.lat.slice(0, a.count)).toEqual(b.lat.slice(0, b.count));
    const frac = a.slowByWidth[a.slowByWidth.length - 1] / a.count;
    expect(frac).toBeGreaterThan(0.55);
    expect(frac).toBeLessThan(0.72);
  });

  it('stepping back and continuing gives the same latencies (shared append-only array)', () => {
    const sc = fanoutScenarios[1];
    const s0 = fanoutMechanism.init(sc.seed, sc.params);
    const s1 = fanoutMechanism.advanceTo(s0, 500);
    const s2 = fanoutMechanism.advanceTo(s1, 1000);
    const again = fanoutMechanism.advanceTo(s1, 1000);
    expect(again.lat.slice(0, again.count)).toEqual(s2.lat.slice(0, s2.count));
    expect(s1.lat.slice(0, s1.count).length).toBe(5);
  });

  it('rejects bad bursts and bad params with reasons', () => {
    expect(fanoutMechanism.parseAction({ type: 'fan/burst', count: 1e9 })).toBeNull();
    const p = fanoutMechanism.sanitizeParams({ leaves: 5000, mitigation: 'pray' });
    expect(p.value.leaves).toBe(200);
    expect(p.problems.length).toBe(2);
  });
});
