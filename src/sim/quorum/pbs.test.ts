import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { choose, ci95, consistentAt, kStalenessConsistent, kStalenessMonteCarlo, mergeThresholds, missProbability, runPbs, shiftDist, shiftLegs, tForProbability, WAN_DELAY_MS, warsProfiles, type WarsProfile } from './pbs';
import { distCdf, type Dist } from '../core/dist';

const profile = (id: string): WarsProfile => warsProfiles.find((p) => p.id === id)!;

describe('k-staleness closed form (Bailis et al. 2012, §3.2)', () => {
  it('matches hand-computed values', () => {
    // N=3, R=W=1: C(2,1)/C(3,1) = 2/3 ⇒ P(consistent) = 1/3; k = 2 ⇒ 1 − 4/9 = 5/9.
    expect(kStalenessConsistent(3, 1, 1)).toBeCloseTo(1 / 3, 12);
    expect(kStalenessConsistent(3, 1, 1, 2)).toBeCloseTo(5 / 9, 12);
    // N=5, W=2, R=2: C(3,2)/C(5,2) = 3/10.
    expect(missProbability(5, 2, 2)).toBeCloseTo(0.3, 12);
    expect(choose(9, 4)).toBe(126);
  });

  it('is exactly 1 whenever W + R > N, and below 1 otherwise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: 5 }))), ([n, w, r, k]) => {
        const p = kStalenessConsistent(n, w, r, k);
        if (w + r > n) expect(p).toBe(1);
        else expect(p).toBeLessThan(1);
        expect(kStalenessConsistent(n, w, r, k + 1)).toBeGreaterThanOrEqual(p);
      }),
    );
  });

  it('agrees with a quorum-sampling Monte Carlo within statistical error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: 4 }), fc.nat())), ([n, w, r, k, seed]) => {
        const trials = 4000;
        const mc = kStalenessMonteCarlo(n, w, r, k, trials, seed);
        const exact = kStalenessConsistent(n, w, r, k);
        // 4.5 standard errors: a false alarm about once in 150,000 checks.
        expect(Math.abs(mc - exact)).toBeLessThanOrEqual(4.5 * Math.sqrt((exact * (1 - exact)) / trials) + 1e-12);
      }),
      { numRuns: 40 },
    );
  });
});

describe('t-visibility under WARS (Monte Carlo, §4)', () => {
  it('reproduces the paper’s LNKD-SSD figure: 97.4% of R = W = 1 reads are consistent right after commit (N = 3)', () => {
    const res = mergeThresholds([runPbs({ n: 3, w: 1, r: 1, profile: profile('lnkd-ssd') }, 7, 60_000)]);
    const p0 = consistentAt(res, 0);
    expect(Math.abs(p0 - 0.974)).toBeLessThan(0.004);
  });

  it('is at least the k = 1 closed form at t = 0, rises with t, and reaches 1', () => {
    for (const prof of warsProfiles) {
      const res = mergeThresholds([runPbs({ n: 3, w: 1, r: 1, profile: prof }, 3, 8000)]);
      const ts = [0, 1, 5, 20, 100, 1000, 1e6];
      const ps = ts.map((t) => consistentAt(res, t));
      for (let i = 1; i < ps.length; i++) expect(ps[i]).toBeGreaterThanOrEqual(ps[i - 1]);
      expect(ps[0]).toBeGreaterThanOrEqual(kStalenessConsistent(3, 1, 1) - ci95(1 / 3, 8000));
      expect(ps[ps.length - 1]).toBe(1);
    }
  });

  it('with W + R > N every trial is consistent at t = 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }), fc.integer({ min: 1, max: n }))).filter(([n, w, r]) => w + r > n), fc.constantFrom(...warsProfiles), fc.nat(), ([n, w, r], prof, seed) => {
        const res = mergeThresholds([runPbs({ n, w, r, profile: prof }, seed, 300)]);
        expect(consistentAt(res, 0)).toBe(1);
      }),
      { numRuns: 40 },
    );
  });

  it('gives the same answer however the trials are split into chunks (worker chunking)', () => {
    const cfg = { n: 3, w: 1, r: 1, profile: profile('ymmr') };
    const a = mergeThresholds([runPbs(cfg, 5, 1000, 0, 1000), runPbs(cfg, 5, 1000, 1, 1000)]);
    const b = mergeThresholds([runPbs(cfg, 5, 1000, 1, 1000), runPbs(cfg, 5, 1000, 0, 1000)]);
    expect(Array.from(a.thresholds)).toEqual(Array.from(b.thresholds));
    expect(tForProbability(a, 0.999)).toBeGreaterThan(tForProbability(a, 0.9));
  });

  it('with constant latencies, the answer is exact: consistent from t = W − A − R onwards', () => {
    // Every replica: W = 10, A = 1, R = 2, S = 1 ⇒ commit at 11; a read at commit + t reaches a replica at 13 + t,
    // which has the write (it arrived at 10). So consistent for every t ≥ −3.
    const c = (v: number) => ({ kind: 'constant', value: v }) as const;
    const prof: WarsProfile = { id: 'const', label: 'const', w: c(10), a: c(1), r: c(2), s: c(1), source: 'test' };
    const res = mergeThresholds([runPbs({ n: 3, w: 1, r: 1, profile: prof }, 1, 10)]);
    expect(Array.from(res.thresholds)).toEqual(Array(10).fill(-3));
  });
});

describe('per-replica latency and the WAN profile (Bailis et al. 2012, §5)', () => {
  it('shifted distributions move every leaf of a mixture, Pareto included', () => {
    const disk = profile('lnkd-disk');
    for (const x of [0.5, 1, 2, 5, 20, 100]) {
      expect(distCdf(shiftDist(disk.w, 75), x + 75)).toBeCloseTo(distCdf(disk.w, x), 12);
      expect(distCdf(shiftDist(disk.s, 75), x + 75)).toBeCloseTo(distCdf(disk.s, x), 12);
    }
    expect(distCdf(shiftDist(disk.w, 75), 75)).toBe(0);
  });

  it('WAN is LNKD-DISK locally and LNKD-DISK plus 75 ms one way for remote replicas', () => {
    const wan = profile('wan');
    const disk = profile('lnkd-disk');
    expect({ w: wan.w, a: wan.a, r: wan.r, s: wan.s }).toEqual({ w: disk.w, a: disk.a, r: disk.r, s: disk.s });
    expect(wan.remote).toEqual(shiftLegs(disk, WAN_DELAY_MS));
  });

  it('with constant legs, the write and read coordinators share a replica one time in N, otherwise the read waits for the 75 ms hop', () => {
    const one: Dist = { kind: 'constant', value: 1 };
    const local = { w: one, a: one, r: one, s: one };
    const p: WarsProfile = { id: 'const-wan', label: 'test', source: 'test', ...local, remote: shiftLegs(local, 75) };
    // N = 3, W = R = 1: commit at 2 (local ack); the read reaches its local replica at 2 + t + 1, which has
    // the write (at 1) if it is the write's local replica too, and otherwise only at 76, i.e. for t ≥ 73.
    const res = mergeThresholds([runPbs({ n: 3, w: 1, r: 1, profile: p }, 5, 30_000)]);
    expect(Math.abs(consistentAt(res, 0) - 1 / 3)).toBeLessThan(0.02);
    expect(consistentAt(res, 72.9)).toBeCloseTo(consistentAt(res, 0), 12);
    expect(consistentAt(res, 73)).toBe(1);
  });

  it('the WAN stays strongly consistent when W + R > N and is far staler than one datacenter when not', () => {
    const strong = mergeThresholds([runPbs({ n: 3, w: 2, r: 2, profile: profile('wan') }, 1, 5000)]);
    expect(consistentAt(strong, 0)).toBe(1);
    const wan = mergeThresholds([runPbs({ n: 3, w: 1, r: 1, profile: profile('wan') }, 1, 20_000)]);
    const lan = mergeThresholds([runPbs({ n: 3, w: 1, r: 1, profile: profile('lnkd-disk') }, 1, 20_000)]);
    expect(tForProbability(wan, 0.999)).toBeGreaterThan(tForProbability(lan, 0.999));
  });
});
