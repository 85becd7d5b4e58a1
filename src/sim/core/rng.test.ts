import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cloneRng,
  createRng,
  exponential,
  intRange,
  logNormal,
  nextU32,
  nextU32Mut,
  pareto,
  splitRng,
  uniform,
  type MutRng,
  type RngState,
} from './rng';
import { deepFreeze } from './testing/freeze';

/** Independent sfc32 in BigInt arithmetic, written straight from the PractRand description. */
function sfc32Ref(state: readonly number[], n: number): number[] {
  const M = 0xffffffffn;
  let [a, b, c, d] = state.map((x) => BigInt(x >>> 0));
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = (a + b + d) & M;
    d = (d + 1n) & M;
    a = b ^ (b >> 9n);
    b = (c + (c << 3n)) & M;
    c = (((c << 21n) | (c >> 11n)) & M) + t;
    c &= M;
    out.push(Number(t));
  }
  return out;
}

describe('sfc32 generator', () => {
  it('matches an independent BigInt implementation for any state', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 4, maxLength: 4 }), (words) => {
        const s: MutRng = [words[0] | 0, words[1] | 0, words[2] | 0, words[3] | 0];
        const ours = Array.from({ length: 20 }, () => nextU32Mut(s));
        expect(ours).toEqual(sfc32Ref(words, 20));
      }),
      { numRuns: 200 },
    );
  });

  it('produces the pinned sequence for seed 42 (shared links depend on this never changing)', () => {
    // Arrange
    let s: RngState = createRng(42, 'test');
    const seen: number[] = [];
    // Act
    for (let i = 0; i < 5; i++) {
      const [v, n] = nextU32(s);
      seen.push(v);
      s = n;
    }
    // Assert: values pinned when the generator was introduced (2026-11-25).
    expect(seen).toEqual(PINNED_SEED42_TEST);
  });

  it('gives different streams for different names and the same stream for the same name', () => {
    expect(createRng(1, 'link:A>B')).toEqual(createRng(1, 'link:A>B'));
    expect(createRng(1, 'link:A>B')).not.toEqual(createRng(1, 'link:B>A'));
    expect(createRng(1, 'x')).not.toEqual(createRng(2, 'x'));
    expect(splitRng(createRng(3), 'a')).not.toEqual(splitRng(createRng(3), 'b'));
  });

  it('never mutates a state passed to the pure functions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.string(), (seed, name) => {
        const s = deepFreeze(createRng(seed, name));
        const before = [...s];
        nextU32(s);
        uniform(s);
        intRange(s, 0, 9);
        exponential(s, 3);
        logNormal(s, 0, 1);
        pareto(s, 1, 2);
        splitRng(s, 'child');
        expect([...s]).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });
});

describe('derived variates', () => {
  const draw = (seed: number, n: number, f: (s: RngState) => [number, RngState]): number[] => {
    let s = createRng(seed, 'dist');
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const [v, ns] = f(s);
      out.push(v);
      s = ns;
    }
    return out;
  };
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

  it('keeps uniform in [0, 1) and int in its inclusive range, hitting both ends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 6 }), (seed, lo, span) => {
        const us = draw(seed, 200, uniform);
        expect(us.every((u) => u >= 0 && u < 1)).toBe(true);
        const is = draw(seed, 400, (s) => intRange(s, lo, lo + span));
        expect(is.every((v) => Number.isInteger(v) && v >= lo && v <= lo + span)).toBe(true);
        expect(new Set(is).size).toBe(span + 1);
      }),
      { numRuns: 50 },
    );
  });

  it('matches the analytic means of exponential, log-normal and Pareto within sampling error', () => {
    const n = 40_000;
    // Exponential(mean 5): sd 5, so the standard error of the mean is 5/√n ≈ 0.025.
    expect(mean(draw(1, n, (s) => exponential(s, 5)))).toBeCloseTo(5, 0);
    expect(Math.abs(mean(draw(1, n, (s) => exponential(s, 5))) - 5)).toBeLessThan(0.125);
    // Log-normal(0, 0.5): mean e^{0.125} ≈ 1.1331, sd ≈ 0.6039 ⇒ SE ≈ 0.003.
    expect(Math.abs(mean(draw(2, n, (s) => logNormal(s, 0, 0.5))) - Math.exp(0.125))).toBeLessThan(0.015);
    // Pareto(xm 1, alpha 3): mean 1.5; median xm·2^{1/alpha} ≈ 1.26 (robust to the heavy tail).
    const ps = draw(3, n, (s) => pareto(s, 1, 3)).sort((a, b) => a - b);
    expect(ps[0]).toBeGreaterThanOrEqual(1);
    expect(Math.abs(ps[n / 2] - Math.pow(2, 1 / 3))).toBeLessThan(0.02);
    expect(Math.abs(mean(ps) - 1.5)).toBeLessThan(0.03);
  });

  it('clones into an independent mutable copy', () => {
    const s = createRng(9);
    const m = cloneRng(s);
    nextU32Mut(m);
    expect(m).not.toEqual(s);
    expect(cloneRng(s)).toEqual(s);
  });
});

const PINNED_SEED42_TEST = [1398433445, 2283928138, 1204175519, 4139589769, 3773151307];
